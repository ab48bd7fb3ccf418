"""POST /api/auth/revoke-session: end one of the caller's own sessions, by its token."""

from shared.api.app import create_app, lambda_handler
from shared.api.deps import DbSession, SignedIn
from shared.auth.account import revoke_one_session
from shared.auth.schemas import RevokeSessionBody, StatusResult

app = create_app("auth-revoke-session")


@app.post("/api/auth/revoke-session")
async def revoke_session_route(
    body: RevokeSessionBody, live: SignedIn, db: DbSession
) -> StatusResult:
    return revoke_one_session(db, live=live, token=body.token)


handler = lambda_handler(app)
