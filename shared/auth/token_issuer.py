"""Signs session tokens and revoke handles. Only the auth functions that start sessions or list
them import this module."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from jose import jwt

from shared.auth.token_verifier import TOKEN_ALGORITHM, revoke_handle_audience
from shared.config import get_settings


def issue_token(
    *, user_id: uuid.UUID, session_id: uuid.UUID, issued_at: datetime, expires_at: datetime
) -> str:
    settings = get_settings()
    return _sign(
        {
            "sub": str(user_id),
            "sid": str(session_id),
            "iat": int(issued_at.timestamp()),
            "exp": int(expires_at.timestamp()),
            "iss": settings.jwt_issuer,
            "aud": settings.jwt_audience,
            "jti": uuid.uuid4().hex,
        }
    )


def issue_revoke_handle(
    *,
    user_id: uuid.UUID,
    session_id: uuid.UUID,
    listed_by: uuid.UUID,
    issued_at: datetime,
    expires_at: datetime,
) -> str:
    """What list-sessions shows as another session's `token` (see `shared.auth.token_verifier`)."""
    settings = get_settings()
    return _sign(
        {
            "sub": str(user_id),
            "sid": str(session_id),
            "by": str(listed_by),
            "iat": int(issued_at.timestamp()),
            "exp": int(expires_at.timestamp()),
            "iss": settings.jwt_issuer,
            "aud": revoke_handle_audience(settings.jwt_audience),
            "jti": uuid.uuid4().hex,
        }
    )


def _sign(claims: dict[str, Any]) -> str:
    token: str = jwt.encode(
        claims, get_settings().jwt_secret.get_secret_value(), algorithm=TOKEN_ALGORITHM
    )
    return token
