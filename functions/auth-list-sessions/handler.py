"""GET /api/auth/list-sessions: the caller's live sessions (403 when not signed in lately)."""

from fastapi import Depends

from shared.api.app import create_app, error_answers, lambda_handler
from shared.api.deps import AutocommitDb, BearerToken, SignedIn, no_store
from shared.auth.account import list_sessions
from shared.auth.schemas import SessionPublic

app = create_app("auth-list-sessions")


@app.get(
    "/api/auth/list-sessions",
    dependencies=[Depends(no_store)],
    responses=error_answers({403: "Session not fresh: signed in more than a day ago"}),
)
async def list_sessions_route(
    live: SignedIn, token: BearerToken, db: AutocommitDb
) -> list[SessionPublic]:
    return list_sessions(db, live=live, token=token or "")


handler = lambda_handler(app)
