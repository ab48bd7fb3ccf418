"""POST /api/auth/reset-password: spend a reset token on a new password; every session ends."""

from shared.api.app import create_app, error_answers, lambda_handler
from shared.api.deps import DbSession, QueryToken
from shared.auth.password_reset import reset_password
from shared.auth.schemas import ResetPasswordBody, StatusResult

app = create_app("auth-reset-password")


@app.post(
    "/api/auth/reset-password",
    responses=error_answers({400: "Invalid input, invalid or expired token, common password"}),
)
async def reset_password_route(
    body: ResetPasswordBody, db: DbSession, token: QueryToken = None
) -> StatusResult:
    return reset_password(db, body=body, query_token=token)


handler = lambda_handler(app)
