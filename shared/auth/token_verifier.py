"""Checks a token's signature and claims. Whether its session is still live is `principal`'s job.

Two kinds of token are signed with the one key, told apart by their audience:
- a session token (`settings.jwt_audience`): the bearer token of every route;
- a revoke handle (`revoke_handle_audience`): what list-sessions shows for each of the user's
  other sessions. It names a session and the session that listed it, and `/revoke-session` is
  the only route that takes it (`verify_revoke_handle`); `verify_token` refuses it, so a handle
  copied by whoever holds a stolen session authenticates nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from jose import jwt

from shared.config import get_settings

# Pinned: the header's `alg` is never trusted, so `none` or a swapped algorithm is refused.
TOKEN_ALGORITHM = "HS256"  # noqa: S105 - an algorithm name, not a secret

_REQUIRED_CLAIMS = {
    f"require_{claim}": True for claim in ("sub", "iat", "exp", "iss", "aud", "jti")
}
# The last second of year 9999: `iat` and `exp` are whole seconds in this range, as we sign
# them. python-jose takes any number (a float, 1e308, 10**400) and fails on Infinity.
_LAST_NUMERIC_DATE = 253_402_300_799


@dataclass(frozen=True, slots=True)
class TokenClaims:
    user_id: uuid.UUID
    session_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class RevokeHandle:
    """A session of `user_id` that the holder of session `listed_by` may revoke."""

    user_id: uuid.UUID
    session_id: uuid.UUID
    listed_by: uuid.UUID


def revoke_handle_audience(session_audience: str) -> str:
    return f"{session_audience}#revoke-session"


def verify_token(token: str) -> TokenClaims | None:
    """The token's user and session, or None for anything not signed by us and current."""
    claims = _verified_claims(token, audience=get_settings().jwt_audience)
    if claims is None:
        return None
    try:
        return TokenClaims(user_id=_uuid(claims["sub"]), session_id=_uuid(claims["sid"]))
    except (KeyError, ValueError, TypeError):
        return None


def verify_revoke_handle(token: str) -> RevokeHandle | None:
    """The handle's sessions, or None for anything but a current revoke handle of ours."""
    claims = _verified_claims(token, audience=revoke_handle_audience(get_settings().jwt_audience))
    if claims is None:
        return None
    try:
        return RevokeHandle(
            user_id=_uuid(claims["sub"]),
            session_id=_uuid(claims["sid"]),
            listed_by=_uuid(claims["by"]),
        )
    except (KeyError, ValueError, TypeError):
        return None


def _verified_claims(token: str, *, audience: str) -> dict[str, Any] | None:
    settings = get_settings()
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            settings.jwt_secret.get_secret_value(),
            algorithms=[TOKEN_ALGORITHM],
            audience=audience,
            issuer=settings.jwt_issuer,
            options=_REQUIRED_CLAIMS,
        )
    except Exception:  # noqa: BLE001 - whatever a token makes the decoder raise is a refusal
        return None
    if not all(_is_numeric_date(claims[name]) for name in ("iat", "exp")):
        return None
    return claims


def _is_numeric_date(value: object) -> bool:
    return type(value) is int and 0 <= value <= _LAST_NUMERIC_DATE


def _uuid(value: object) -> uuid.UUID:
    if not isinstance(value, str):
        raise TypeError(value)
    return uuid.UUID(value)
