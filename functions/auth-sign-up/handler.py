"""POST /api/auth/sign-up/email: create an account and sign it in (Better Auth wire format)."""

from fastapi import Depends, Response

from shared.api.app import create_app, error_answers, lambda_handler
from shared.api.deps import CallerInfo, DbSession, limit_attempts, no_store, with_auth_token
from shared.auth.credentials import sign_up
from shared.auth.schemas import SignUpBody, SignUpResult

app = create_app("auth-sign-up")


@app.post(
    "/api/auth/sign-up/email",
    dependencies=[Depends(limit_attempts("sign-up")), Depends(no_store)],
    responses=error_answers({422: "An account with this email already exists"}),
)
async def sign_up_email(
    body: SignUpBody, caller: CallerInfo, db: DbSession, response: Response
) -> SignUpResult:
    result = sign_up(db, body=body, caller=caller)
    with_auth_token(response, result.token)
    return result


handler = lambda_handler(app)
