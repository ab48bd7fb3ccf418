"""POST /api/auth/update-user: change the caller's name and/or image (never the email)."""

from fastapi import Response

from shared.api.app import create_app, lambda_handler
from shared.api.deps import BearerToken, DbSession, SignedIn, with_auth_token
from shared.auth.account import update_user
from shared.auth.schemas import StatusResult, UpdateUserBody

app = create_app("auth-update-user")


@app.post("/api/auth/update-user")
async def update_user_route(
    body: UpdateUserBody, live: SignedIn, token: BearerToken, db: DbSession, response: Response
) -> StatusResult:
    result = update_user(db, live=live, body=body)
    # Better Auth re-sends the (unchanged) session token after an update; so does this.
    with_auth_token(response, token or "")
    return result


handler = lambda_handler(app)
