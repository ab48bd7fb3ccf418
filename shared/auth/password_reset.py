"""Password reset by email, as Better Auth 1.7 does it: request, follow the link, set the password.

- `/request-password-reset` answers the same, in about the same time, whether the address has
  an account or not; it is limited per client IP (the route's limiter) and per address (here).
- the emailed link (`/reset-password/{token}?callbackURL=`) redirects to the frontend with the
  token, or with `error=INVALID_TOKEN`; only to a trusted origin, so it is no open redirect;
  limited per client network, so random tokens cannot be probed at full speed.
- `/reset-password` spends the token (single-use, one hour, stored hashed), sets the password
  and ends every session of the user.
"""

from __future__ import annotations

import secrets
import time
from datetime import timedelta
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from shared.auth.passwords import hash_password
from shared.auth.reset_tokens import (
    add_reset_token,
    consume_token,
    delete_user_tokens,
    user_of_valid_token,
)
from shared.auth.schemas import (
    RequestPasswordResetBody,
    RequestPasswordResetResult,
    ResetPasswordBody,
    StatusResult,
)
from shared.auth.session_store import revoke_user_sessions
from shared.auth.users import find_user_by_email, set_password_hash
from shared.config import get_settings
from shared.db import DbSession
from shared.errors import ApiError, ErrorCode
from shared.limiter import AttemptLimiter
from shared.mailer import send_email
from shared.models.columns import utc_now
from shared.network_limit import NetworkLimit
from shared.observability import count, logger

# Better Auth's own answer, word for word: the same whether the address has an account or not.
RESET_REQUESTED = "If this email exists in our system, check your email for the reset link"
EMAIL_LIMIT_ACTION = "password-reset-email"
IP_LIMIT_ACTION = "password-reset"
LINK_LIMIT_ACTION = "password-reset-link"


def is_trusted_url(url: str) -> bool:
    """An absolute http(s) URL on one of the frontend's origins (CORS_ORIGINS), nothing else.

    Relative paths are refused: they would resolve against the API's host, not the frontend's.
    """
    if any(ord(char) < 0x21 or char == "\\" for char in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not parts.netloc or "@" in parts.netloc:
        return False
    origin = f"{parts.scheme}://{parts.netloc}".lower()
    return origin in {trusted.lower().rstrip("/") for trusted in get_settings().cors_origins}


def with_query(url: str, **params: str) -> str:
    parts = urlsplit(url)
    query = [(key, value) for key, value in parse_qsl(parts.query) if key not in params]
    return urlunsplit(parts._replace(query=urlencode([*query, *params.items()])))


def _invalid_token() -> ApiError:
    return ApiError(
        ErrorCode.INVALID_TOKEN, "This reset link is not valid or has expired.", status=400
    )


def request_password_reset(
    db: DbSession, *, body: RequestPasswordResetBody
) -> RequestPasswordResetResult:
    settings = get_settings()
    started = time.perf_counter()
    if body.redirect_to and not is_trusted_url(body.redirect_to):
        raise ApiError(ErrorCode.INVALID_REDIRECT_URL, "redirectTo is not a trusted origin.")
    # The key is the address itself: the limit holds whether or not it has an account.
    AttemptLimiter.for_action(EMAIL_LIMIT_ACTION).check(db, subject=body.email.lower())
    user = find_user_by_email(db, email=body.email)
    token = secrets.token_urlsafe(32)
    if user is not None:
        now = utc_now()
        expires_at = now + timedelta(seconds=settings.password_reset_ttl_seconds)
        # Committed as it completes (autocommit): the link is mailed only for a stored token.
        added = add_reset_token(db, token=token, user_id=user.id, now=now, expires_at=expires_at)
        # Deleted meanwhile: no account any more, so no mail, as for an unknown address.
        if added:
            _send_reset_link(to=user.email, token=token, redirect_to=body.redirect_to or "")
    # Sending takes time only when the account exists: every request takes the same floor.
    time.sleep(max(0.0, settings.password_reset_min_seconds - (time.perf_counter() - started)))
    return RequestPasswordResetResult(message=RESET_REQUESTED)


def _send_reset_link(*, to: str, token: str, redirect_to: str) -> None:
    base = get_settings().api_public_url.rstrip("/")
    link = f"{base}/api/auth/reset-password/{token}?callbackURL={quote(redirect_to, safe='')}"
    text = (
        "Someone asked to reset the password of your lambda-tasks account.\n\n"
        f"To choose a new password, open this link within the hour:\n{link}\n\n"
        "If it was not you, ignore this message: your password stays as it is.\n"
    )
    try:
        send_email(to=to, subject="Reset your lambda-tasks password", text=text)
    except Exception:  # noqa: BLE001 - a failed send must not change the answer
        # The same answer as ever (a different one would tell that the account exists).
        logger.exception("reset email not sent")
        count("EmailFailed")


def reset_link_target(db: DbSession, *, token: str, callback_url: str, client_ip: str) -> str:
    """Where the emailed link sends the browser: the frontend, with the token or an error.

    Limited per network just before the lookup (a public link: no API key, so no usage plan):
    a request refused without one (untrusted or missing callbackURL) spends no attempt. Here,
    not a route dependency: FastAPI runs those before it validates the query, so SnapStart's
    priming request would write to the database. A refusal is a JSON 429 like the untrusted
    callback's 403, not a redirect: past the limit the caller is likelier a prober than a person.
    """
    if not is_trusted_url(callback_url):
        raise ApiError(ErrorCode.INVALID_CALLBACK_URL, "callbackURL is not a trusted origin.")
    NetworkLimit.for_link(LINK_LIMIT_ACTION).check(db, ip_address=client_ip)
    if user_of_valid_token(db, token=token) is None:
        return with_query(callback_url, error=ErrorCode.INVALID_TOKEN.name)
    return with_query(callback_url, token=token)


def reset_password(
    db: DbSession, *, body: ResetPasswordBody, query_token: str | None
) -> StatusResult:
    token = body.token or query_token
    if not token:
        raise _invalid_token()
    # Checked before bcrypt, so a wrong token costs no hashing; spent after it, atomically.
    if user_of_valid_token(db, token=token) is None:
        raise _invalid_token()
    new_hash = hash_password(body.new_password)
    with db.transaction():
        user_id = consume_token(db, token=token)
        if user_id is None:
            raise _invalid_token()
        set_password_hash(db, user_id=user_id, password_hash=new_hash)
        revoke_user_sessions(db, user_id=user_id)
        delete_user_tokens(db, user_id=user_id)
    return StatusResult()
