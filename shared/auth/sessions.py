"""Sign-out and get-session: what a signed-in session can do without bcrypt or signing keys."""

from __future__ import annotations

from shared.auth.schemas import SessionPublic, SessionResult, SignOutResult, UserPublic
from shared.auth.session_store import LiveSession, revoke_session
from shared.db import DbSession


def sign_out(db: DbSession, *, live: LiveSession | None) -> SignOutResult:
    """Revokes the session in one statement: its own transaction."""
    if live is not None:
        revoke_session(db, session_id=live.session.id, user_id=live.user.id)
    return SignOutResult()


def describe_session(live: LiveSession | None, *, token: str | None) -> SessionResult | None:
    if live is None or token is None:
        return None
    return SessionResult(
        session=SessionPublic.model_validate({**live.session.model_dump(), "token": token}),
        user=UserPublic.model_validate(live.user, from_attributes=True),
    )
