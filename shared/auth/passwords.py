"""Password hashing: HMAC-SHA256 with a server-side pepper, then bcrypt cost 12.

bcrypt reads only 72 bytes, so a long password (or 40 accented characters) would be cut short.
Each password is first reduced to a 44-character base64 HMAC-SHA256, keyed by the pepper (a
secret kept apart from the database: a stolen table alone cannot be attacked offline), and that
is what bcrypt hashes. Nothing is ever truncated, and every password of 8..128 characters of any
script is accepted.

Hashes made before the pepper (plain bcrypt of the UTF-8 password, `$2b$...`) still verify, and
`needs_rehash` tells sign-in to replace them while it holds the plain password.
Only the functions that hash or check a password import this module.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

import bcrypt

from shared.config import get_password_pepper
from shared.deadline import not_a_database_wait

BCRYPT_COST = 12
BCRYPT_MAX_BYTES = 72
# The scheme of every new hash; a later scheme (a rotated pepper) would get its own prefix.
PEPPERED_PREFIX = "hmac-sha256-v1:"

# A real cost-12 hash of a random password nobody knows: checking an unknown email against it
# costs the same bcrypt work as a wrong password, so timing does not reveal who has an account.
_UNKNOWN_USER_HASH = b"$2b$12$8sVNXm3CQhqOVkRPP6W17.6xVw/UBnY0JDer5MYLsG31dYuyXP1jG"


def _prehash(password: str) -> bytes:
    digest = hmac.new(get_password_pepper(), password.encode("utf-8"), hashlib.sha256).digest()
    return base64.b64encode(digest)


def hash_password(password: str, *, cost: int = BCRYPT_COST) -> str:
    """The stored hash; `cost` is lower only where tests seed thousands of users."""
    # bcrypt is CPU, not a database wait: it does not spend the request's database deadline.
    with not_a_database_wait():
        hashed = bcrypt.hashpw(_prehash(password), bcrypt.gensalt(cost)).decode("ascii")
    return PEPPERED_PREFIX + hashed


def verify_password(password: str, password_hash: str | None) -> bool:
    """Constant-work check; `password_hash=None` (no such user) still spends a full bcrypt."""
    with not_a_database_wait():
        return _verify(password, password_hash)


def _verify(password: str, password_hash: str | None) -> bool:
    if password_hash is None:
        bcrypt.checkpw(_prehash(password), _UNKNOWN_USER_HASH)
        return False
    if password_hash.startswith(PEPPERED_PREFIX):
        stored = password_hash[len(PEPPERED_PREFIX) :].encode("ascii")
        return bcrypt.checkpw(_prehash(password), stored)
    return _verify_legacy(password, password_hash.encode("ascii"))


def _verify_legacy(password: str, stored: bytes) -> bool:
    candidate = password.encode("utf-8")
    if len(candidate) > BCRYPT_MAX_BYTES:
        # Legacy accounts were created with at most 72 bytes: a longer password cannot match,
        # but it still costs the same bcrypt work as any other wrong password.
        bcrypt.checkpw(_prehash(password), _UNKNOWN_USER_HASH)
        return False
    return bcrypt.checkpw(candidate, stored)


def needs_rehash(password_hash: str) -> bool:
    """True for a hash from before the pepper: replace it at the next successful sign-in."""
    return not password_hash.startswith(PEPPERED_PREFIX)
