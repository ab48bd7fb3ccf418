"""The one check of a signed-in user's current password (change-password, delete-user).

It goes through the account guard like sign-in does, so failed checks count toward the
per-account limit and a locked account is refused here too.
"""

from __future__ import annotations

from shared.auth.account_guard import AccountGuard
from shared.db import DbSession
from shared.errors import ApiError, ErrorCode
from shared.models import User


def invalid_password() -> ApiError:
    return ApiError(ErrorCode.INVALID_PASSWORD, "The password is not correct.")


def confirm_password(db: DbSession, *, user: User, password: str, client_ip: str) -> None:
    """Raises 400 `INVALID_PASSWORD` unless `password` is the user's current password (429
    `RATE_LIMITED` while the account is locked)."""
    guard = AccountGuard.from_settings()
    if not guard.check_password(
        db, email=user.email, user=user, password=password, client_ip=client_ip
    ):
        raise invalid_password()
