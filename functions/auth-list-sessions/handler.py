"""GET /api/auth/list-sessions: the caller's live sessions (403 when not signed in lately)."""

from fastapi import Depends

from shared.api.app import create_app, lambda_handler
from shared.api.deps import BearerToken, DbSession, FreshSession, no_store
from shared.auth.account import list_sessions
from shared.auth.schemas import SessionPublic

app = create_app("auth-list-sessions")


@app.get("/api/auth/list-sessions", dependencies=[Depends(no_store)])
async def list_sessions_route(
    live: FreshSession, token: BearerToken, db: DbSession
) -> list[SessionPublic]:
    return list_sessions(db, live=live, token=token or "")


handler = lambda_handler(app)
