"""POST /api/auth/sign-in/email: exchange email and password for a session token."""

from fastapi import Depends, Response

from shared.api.app import create_app, error_answers, lambda_handler
from shared.api.deps import CallerInfo, DbSession, limit_attempts, no_store, with_auth_token
from shared.auth.credentials import sign_in
from shared.auth.schemas import SignInBody, SignInResult

app = create_app("auth-sign-in")


@app.post(
    "/api/auth/sign-in/email",
    dependencies=[Depends(limit_attempts("sign-in")), Depends(no_store)],
    responses=error_answers({401: "Invalid email or password"}),
)
async def sign_in_email(
    body: SignInBody, caller: CallerInfo, db: DbSession, response: Response
) -> SignInResult:
    result = sign_in(db, body=body, caller=caller)
    with_auth_token(response, result.token)
    return result


handler = lambda_handler(app)
