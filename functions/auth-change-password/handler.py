"""POST /api/auth/change-password: a new password after the current one, optionally ending
every other session (the answer then carries the new session's token)."""

from fastapi import Response

from shared.api.app import create_app, error_answers, lambda_handler
from shared.api.deps import CallerInfo, DbSession, SignedIn, with_auth_token
from shared.auth.account import change_password
from shared.auth.schemas import ChangePasswordBody, ChangePasswordResult

app = create_app("auth-change-password")


@app.post(
    "/api/auth/change-password",
    responses=error_answers({400: "Invalid input, wrong current password or common password"}),
)
async def change_password_route(
    body: ChangePasswordBody,
    live: SignedIn,
    caller: CallerInfo,
    db: DbSession,
    response: Response,
) -> ChangePasswordResult:
    result = change_password(db, live=live, body=body, caller=caller)
    if result.token is not None:
        with_auth_token(response, result.token)
    return result


handler = lambda_handler(app)
