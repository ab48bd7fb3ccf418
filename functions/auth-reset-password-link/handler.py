"""GET /api/auth/reset-password/{token}?callbackURL=: the emailed link; redirects to the
frontend with the token, or with `error=INVALID_TOKEN`."""

from fastapi.responses import RedirectResponse

from shared.api.app import create_app, error_answers, lambda_handler
from shared.api.deps import CallbackUrl, CallerInfo, DbSession, ResetLinkToken, redirect
from shared.auth.password_reset import reset_link_target

app = create_app("auth-reset-password-link")


@app.get(
    "/api/auth/reset-password/{token}",
    status_code=302,
    response_class=RedirectResponse,
    responses=error_answers(
        {403: "callbackURL is not a trusted origin", 429: "Too many attempts from this address"}
    ),
)
async def reset_password_link(
    token: ResetLinkToken, callback_url: CallbackUrl, caller: CallerInfo, db: DbSession
) -> RedirectResponse:
    target = reset_link_target(
        db, token=token, callback_url=callback_url, client_ip=caller.ip_address
    )
    return redirect(target)


handler = lambda_handler(app)
