"""POST /api/auth/sign-in/email: exchange email and password for a session token."""

from fastapi import Depends, Response

from shared.app import create_app, lambda_handler
from shared.auth.credentials import sign_in, with_auth_token
from shared.auth.schemas import SignInBody, SignInResult
from shared.db import Db
from shared.limiter import limit_attempts
from shared.request_context import CallerInfo

app = create_app("auth-sign-in")


@app.post("/api/auth/sign-in/email", dependencies=[Depends(limit_attempts("sign-in"))])
async def sign_in_email(
    body: SignInBody, caller: CallerInfo, db: Db, response: Response
) -> SignInResult:
    return with_auth_token(response, sign_in(db, body=body, caller=caller))


handler = lambda_handler(app)
