"""POST /api/auth/sign-up/email: create an account and sign it in (Better Auth wire format)."""

from fastapi import Depends, Response

from shared.app import create_app, lambda_handler
from shared.auth.credentials import sign_up, with_auth_token
from shared.auth.schemas import SignUpBody, SignUpResult
from shared.db import Db
from shared.limiter import limit_attempts
from shared.request_context import CallerInfo

app = create_app("auth-sign-up")


@app.post("/api/auth/sign-up/email", dependencies=[Depends(limit_attempts("sign-up"))])
async def sign_up_email(
    body: SignUpBody, caller: CallerInfo, db: Db, response: Response
) -> SignUpResult:
    return with_auth_token(response, sign_up(db, body=body, caller=caller))


handler = lambda_handler(app)
