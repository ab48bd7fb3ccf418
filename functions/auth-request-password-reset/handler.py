"""POST /api/auth/request-password-reset: email a reset link (the same answer either way)."""

from fastapi import Depends

from shared.api.app import create_app, error_answers, lambda_handler
from shared.api.deps import DbSession, limit_attempts
from shared.auth.password_reset import IP_LIMIT_ACTION, request_password_reset
from shared.auth.schemas import RequestPasswordResetBody, RequestPasswordResetResult

app = create_app("auth-request-password-reset")


@app.post(
    "/api/auth/request-password-reset",
    dependencies=[Depends(limit_attempts(IP_LIMIT_ACTION))],
    responses=error_answers({403: "redirectTo is not a trusted origin"}),
)
async def request_password_reset_route(
    body: RequestPasswordResetBody, db: DbSession
) -> RequestPasswordResetResult:
    return request_password_reset(db, body=body)


handler = lambda_handler(app)
