"""GET /api/auth/get-session: the caller's session and user, or `null` when signed out."""

from fastapi import Depends

from shared.api.app import create_app, lambda_handler
from shared.api.deps import BearerToken, OptionalSession, no_store
from shared.auth.schemas import SessionResult
from shared.auth.sessions import describe_session

app = create_app("auth-get-session")


@app.get("/api/auth/get-session", dependencies=[Depends(no_store)])
async def get_session(live: OptionalSession, token: BearerToken) -> SessionResult | None:
    return describe_session(live, token=token)


handler = lambda_handler(app)
