"""The caller: `Authorization: Bearer <token>` in, verified claims or a live session out.

This is the only place a token is trusted. A token proves who signed in; whether that session
is still live (not signed out, not expired in the database) is a second check, made either by
loading the session here (`OptionalSession`) or, on task routes, inside the very statement that
touches the task (`caller_session_is_live`), which saves a round trip per request.
"""

from __future__ import annotations

from shared.auth.session_store import LiveSession, find_live_session
from shared.auth.token_verifier import TokenClaims, verify_token
from shared.db import DbSession
from shared.errors import Unauthorized


def bearer_token(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` header, or None."""
    scheme, _, token = (authorization or "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None
    return token


def session_not_valid() -> Unauthorized:
    return Unauthorized("Your session has expired or is not valid. Please sign in again.")


def resolve_session(token: str | None, db: DbSession) -> LiveSession | None:
    claims = verify_token(token) if token else None
    if claims is None:
        return None
    return find_live_session(db, session_id=claims.session_id, user_id=claims.user_id)


def require_session(token: str | None, db: DbSession) -> LiveSession:
    """The caller's live session, or 401: for routes that only a signed-in user may call."""
    live = resolve_session(token, db)
    if live is None:
        raise session_not_valid()
    return live


def verified_claims(token: str | None) -> TokenClaims:
    """The claims of a token we signed and that has not expired; no database involved yet."""
    claims = verify_token(token) if token else None
    if claims is None:
        raise session_not_valid()
    return claims
