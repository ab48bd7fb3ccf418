"""The one check of a signed-in user's current password (change-password, delete-user).

Every such check goes through `confirm_password`, so a per-account limit on failed checks
hooks in here, in one place.
"""

from __future__ import annotations

from shared.auth.passwords import verify_password
from shared.errors import ApiError
from shared.models import User


def invalid_password() -> ApiError:
    return ApiError(400, "INVALID_PASSWORD", "The password is not correct.")


def confirm_password(*, user: User, password: str) -> None:
    """Raises 400 `INVALID_PASSWORD` unless `password` is the user's current password."""
    if not verify_password(password, user.password_hash):
        raise invalid_password()
