"""POST /api/auth/revoke-sessions: end every session of the caller, this one included."""

from shared.api.app import create_app, lambda_handler
from shared.api.deps import DbSession, SignedIn
from shared.auth.account import revoke_all_sessions
from shared.auth.schemas import StatusResult

app = create_app("auth-revoke-sessions")


@app.post("/api/auth/revoke-sessions")
async def revoke_sessions_route(live: SignedIn, db: DbSession) -> StatusResult:
    return revoke_all_sessions(db, live=live)


handler = lambda_handler(app)
