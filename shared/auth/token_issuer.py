"""Signs session tokens. Only sign-up and sign-in import this module."""

from __future__ import annotations

import uuid
from datetime import datetime

from jose import jwt

from shared.auth.token_verifier import TOKEN_ALGORITHM
from shared.config import get_settings


def issue_token(
    *, user_id: uuid.UUID, session_id: uuid.UUID, issued_at: datetime, expires_at: datetime
) -> str:
    settings = get_settings()
    claims = {
        "sub": str(user_id),
        "sid": str(session_id),
        "iat": int(issued_at.timestamp()),
        "exp": int(expires_at.timestamp()),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "jti": uuid.uuid4().hex,
    }
    token: str = jwt.encode(
        claims, settings.jwt_secret.get_secret_value(), algorithm=TOKEN_ALGORITHM
    )
    return token
