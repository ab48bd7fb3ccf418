"""bcrypt, cost 12. Only the sign-up and sign-in functions import this module."""

from __future__ import annotations

import bcrypt

BCRYPT_COST = 12

# A real cost-12 hash of a random password nobody knows: checking an unknown email against it
# costs the same bcrypt work as a wrong password, so timing does not reveal who has an account.
_UNKNOWN_USER_HASH = b"$2b$12$8sVNXm3CQhqOVkRPP6W17.6xVw/UBnY0JDer5MYLsG31dYuyXP1jG"


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(BCRYPT_COST)).decode("ascii")


def verify_password(password: str, password_hash: str | None) -> bool:
    """Constant-work check; `password_hash=None` (no such user) still spends a full bcrypt."""
    candidate = password.encode("utf-8")
    if password_hash is None:
        bcrypt.checkpw(candidate, _UNKNOWN_USER_HASH)
        return False
    return bcrypt.checkpw(candidate, password_hash.encode("ascii"))
