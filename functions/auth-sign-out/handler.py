"""POST /api/auth/sign-out: revoke the caller's session server-side (200 even without one)."""

from shared.api.app import create_app, lambda_handler
from shared.api.deps import AutocommitDb, OptionalSession
from shared.auth.schemas import SignOutResult
from shared.auth.sessions import sign_out

app = create_app("auth-sign-out")


@app.post("/api/auth/sign-out")
async def sign_out_route(live: OptionalSession, db: AutocommitDb) -> SignOutResult:
    return sign_out(db, live=live)


handler = lambda_handler(app)
