"""POST /api/auth/sign-out: revoke the caller's session server-side (200 even without one)."""

from fastapi import Depends

from shared.api.app import create_app, lambda_handler
from shared.api.deps import DbSession, OptionalSession, no_store
from shared.auth.schemas import SignOutResult
from shared.auth.sessions import sign_out

app = create_app("auth-sign-out")


@app.post("/api/auth/sign-out", dependencies=[Depends(no_store)])
async def sign_out_route(live: OptionalSession, db: DbSession) -> SignOutResult:
    return sign_out(db, live=live)


handler = lambda_handler(app)
