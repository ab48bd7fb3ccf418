"""POST /api/auth/delete-user: delete the caller's account, sessions and tasks."""

from shared.api.app import create_app, error_answers, lambda_handler
from shared.api.deps import CallerInfo, DbSession, SignedIn
from shared.auth.account import delete_user
from shared.auth.schemas import DeleteUserBody, DeleteUserResult

app = create_app("auth-delete-user")


@app.post(
    "/api/auth/delete-user",
    responses=error_answers(
        {400: "Wrong password, or a stale session without one", 404: "Deletion token not valid"}
    ),
)
async def delete_user_route(
    body: DeleteUserBody, live: SignedIn, db: DbSession, caller: CallerInfo
) -> DeleteUserResult:
    return delete_user(db, live=live, body=body, caller=caller)


handler = lambda_handler(app)
