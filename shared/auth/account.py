"""What a signed-in user can do to their own account: sessions, password, profile, deletion.

Better Auth 1.7's routes (`/list-sessions`, `/revoke-session`, `/revoke-sessions`,
`/revoke-other-sessions`, `/change-password`, `/update-user`, `/delete-user`) are the reference
for every answer. Each write that matters checks the caller's session in its own statement, so a
session revoked while the request was hashing a password changes nothing.
"""

from __future__ import annotations

from datetime import timedelta

from shared.auth.credentials import start_session
from shared.auth.password_confirmation import confirm_password
from shared.auth.passwords import hash_password
from shared.auth.principal import session_not_valid
from shared.auth.schemas import (
    ChangePasswordBody,
    ChangePasswordResult,
    DeleteUserBody,
    DeleteUserResult,
    SessionPublic,
    StatusResult,
    UpdateUserBody,
    UserPublic,
)
from shared.auth.session_store import (
    LiveSession,
    delete_user_as_caller,
    list_live_sessions,
    revoke_session,
    revoke_user_sessions,
    set_password_hash_as_caller,
    update_profile_as_caller,
)
from shared.auth.token_issuer import issue_token
from shared.auth.token_verifier import verify_token
from shared.config import get_settings
from shared.db import DbSession, end_transaction
from shared.errors import ApiError
from shared.models.columns import utc_now
from shared.request_context import Caller


def _is_fresh(live: LiveSession) -> bool:
    """Better Auth's freshAge: signed in (not merely kept alive) within the last day."""
    age = utc_now() - live.session.created_at
    return age < timedelta(seconds=get_settings().session_fresh_age_seconds)


def list_sessions(db: DbSession, *, live: LiveSession, token: str) -> list[SessionPublic]:
    """The user's live sessions. Each carries a token that `/revoke-session` accepts (the
    caller's own token for the current one), as Better Auth lists its session tokens."""
    if not _is_fresh(live):
        raise ApiError(403, "SESSION_NOT_FRESH", "Sign in again to see your sessions.")
    sessions = list_live_sessions(db, user_id=live.user.id)
    return [
        SessionPublic.model_validate(
            {
                **session.model_dump(),
                "token": token
                if session.id == live.session.id
                else issue_token(
                    user_id=session.user_id,
                    session_id=session.id,
                    issued_at=session.created_at,
                    expires_at=session.expires_at,
                ),
            }
        )
        for session in sessions
    ]


def revoke_one_session(db: DbSession, *, live: LiveSession, token: str) -> StatusResult:
    """Revokes the session of `token` if it is the caller's own; anything else changes nothing
    and gets the same answer (Better Auth's behaviour: no hint about other users' sessions)."""
    claims = verify_token(token)
    if claims is not None and claims.user_id == live.user.id:
        revoke_session(db, session_id=claims.session_id, user_id=live.user.id)
    return StatusResult()


def revoke_all_sessions(db: DbSession, *, live: LiveSession) -> StatusResult:
    revoke_user_sessions(db, user_id=live.user.id)
    return StatusResult()


def revoke_other_sessions(db: DbSession, *, live: LiveSession) -> StatusResult:
    revoke_user_sessions(db, user_id=live.user.id, keep_session_id=live.session.id)
    return StatusResult()


def change_password(
    db: DbSession, *, live: LiveSession, body: ChangePasswordBody, caller: Caller
) -> ChangePasswordResult:
    """Sets a new password after checking the current one, in one transaction (`Db`).

    With `revokeOtherSessions`, every session of the user ends, the caller's included, and a
    new one is started: its token is the answer's `token` (Better Auth does the same).
    """
    end_transaction(db)
    confirm_password(user=live.user, password=body.current_password)
    new_hash = hash_password(body.new_password)
    if not set_password_hash_as_caller(db, live=live, password_hash=new_hash):
        db.rollback()
        raise session_not_valid()
    token: str | None = None
    if body.revoke_other_sessions:
        revoke_user_sessions(db, user_id=live.user.id)
        token = start_session(db, user_id=live.user.id, caller=caller)
    db.commit()
    return ChangePasswordResult(
        token=token, user=UserPublic.model_validate(live.user, from_attributes=True)
    )


def update_user(db: DbSession, *, live: LiveSession, body: UpdateUserBody) -> StatusResult:
    """Changes the name and/or image (an `AutocommitDb` request: one statement)."""
    if not update_profile_as_caller(db, live=live, changes=body.changes()):
        raise session_not_valid()
    return StatusResult()


def delete_user(db: DbSession, *, live: LiveSession, body: DeleteUserBody) -> DeleteUserResult:
    """Deletes the account, its sessions and its tasks, after the password or, without one,
    on a fresh session only (as Better Auth does when deletion is enabled)."""
    end_transaction(db)
    if body.password:
        confirm_password(user=live.user, password=body.password)
    if body.token is not None:
        # Better Auth's emailed-confirmation flow: this API issues no such tokens.
        raise ApiError(404, "INVALID_TOKEN", "This account deletion link is not valid.")
    if not body.password and not _is_fresh(live):
        raise ApiError(
            400, "SESSION_EXPIRED", "Sign in again, or give your password, to delete the account."
        )
    if not delete_user_as_caller(db, live=live):
        db.rollback()
        raise session_not_valid()
    db.commit()
    return DeleteUserResult()
