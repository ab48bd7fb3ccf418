"""Checks a token's signature and claims. Whether its session is still live is `principal`'s job."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from jose import JWTError, jwt

from shared.config import get_settings

# Pinned: the header's `alg` is never trusted, so `none` or a swapped algorithm is refused.
TOKEN_ALGORITHM = "HS256"  # noqa: S105 - an algorithm name, not a secret

_REQUIRED_CLAIMS = {
    f"require_{claim}": True for claim in ("sub", "iat", "exp", "iss", "aud", "jti")
}


@dataclass(frozen=True, slots=True)
class TokenClaims:
    user_id: uuid.UUID
    session_id: uuid.UUID


def verify_token(token: str) -> TokenClaims | None:
    """The token's user and session, or None for anything not signed by us and current."""
    settings = get_settings()
    try:
        claims = jwt.decode(
            token,
            settings.jwt_secret.get_secret_value(),
            algorithms=[TOKEN_ALGORITHM],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options=_REQUIRED_CLAIMS,
        )
        return TokenClaims(user_id=uuid.UUID(claims["sub"]), session_id=uuid.UUID(claims["sid"]))
    except (JWTError, KeyError, ValueError, TypeError, AttributeError):
        return None
