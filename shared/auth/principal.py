"""The current user: `Authorization: Bearer <token>` in, a live session and its user out.

Every authenticated route depends on `CurrentSession`; this is the only place a token is trusted.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from shared.auth.session_store import LiveSession, find_live_session
from shared.auth.token_verifier import verify_token
from shared.db import Db, DbSession
from shared.errors import Unauthorized


async def bearer_token(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None
    return token


def resolve_session(token: str | None, db: DbSession) -> LiveSession | None:
    claims = verify_token(token) if token else None
    if claims is None:
        return None
    return find_live_session(db, session_id=claims.session_id, user_id=claims.user_id)


BearerToken = Annotated[str | None, Depends(bearer_token)]


async def optional_session(token: BearerToken, db: Db) -> LiveSession | None:
    return resolve_session(token, db)


async def require_session(token: BearerToken, db: Db) -> LiveSession:
    live = resolve_session(token, db)
    if live is None:
        raise Unauthorized("Your session has expired or is not valid. Please sign in again.")
    return live


CurrentSession = Annotated[LiveSession, Depends(require_session)]
OptionalSession = Annotated[LiveSession | None, Depends(optional_session)]
