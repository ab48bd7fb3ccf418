"""POST /api/auth/revoke-other-sessions: end every session of the caller but this one."""

from shared.api.app import create_app, lambda_handler
from shared.api.deps import DbSession, SignedIn
from shared.auth.account import revoke_other_sessions
from shared.auth.schemas import StatusResult

app = create_app("auth-revoke-other-sessions")


@app.post("/api/auth/revoke-other-sessions")
async def revoke_other_sessions_route(live: SignedIn, db: DbSession) -> StatusResult:
    return revoke_other_sessions(db, live=live)


handler = lambda_handler(app)
