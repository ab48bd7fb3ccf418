"""What a signed-in user can do to their own account: sessions, password, profile, deletion.

Better Auth 1.7's routes (`/list-sessions`, `/revoke-session`, `/revoke-sessions`,
`/revoke-other-sessions`, `/change-password`, `/update-user`, `/delete-user`) are the reference
for every answer. Each write that matters checks the caller's session in its own statement, so a
session revoked while the request was hashing a password changes nothing.
"""

from __future__ import annotations

import uuid

from shared.auth.credentials import start_session
from shared.auth.freshness import is_fresh
from shared.auth.password_confirmation import confirm_password
from shared.auth.passwords import hash_password
from shared.auth.principal import session_not_valid
from shared.auth.reset_tokens import delete_user_tokens
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
    list_live_sessions,
    revoke_all_sessions_as_caller,
    revoke_other_sessions_as_caller,
    revoke_session_as_caller,
    revoke_user_sessions,
)
from shared.auth.token_issuer import issue_revoke_handle
from shared.auth.token_verifier import verify_revoke_handle, verify_token
from shared.auth.users import (
    delete_user_as_caller,
    set_password_hash_as_caller,
    update_profile_as_caller,
)
from shared.db import DbSession
from shared.errors import ApiError, ErrorCode
from shared.models.columns import utc_now
from shared.request_context import Caller


def list_sessions(db: DbSession, *, live: LiveSession, token: str) -> list[SessionPublic]:
    """The user's live sessions, each with the `token` that `/revoke-session` takes, where
    Better Auth lists its session tokens: the caller's own token for the current session, and
    for every other one a revoke handle, not that session's token (`revoke_one_session`).

    A copy of another session's token would outlive the session that listed it: whoever lists
    through a stolen session would keep working tokens for all the others after the owner has
    revoked the stolen one. A handle authenticates nothing and dies with the session that
    listed it; it expires when the earlier of the two sessions does. Only on a fresh session
    (the route asks for a `FreshSession`).
    """
    sessions = list_live_sessions(db, user_id=live.user.id)
    now = utc_now()
    return [
        SessionPublic.model_validate(
            {
                **session.model_dump(),
                "token": token
                if session.id == live.session.id
                else issue_revoke_handle(
                    user_id=session.user_id,
                    session_id=session.id,
                    listed_by=live.session.id,
                    issued_at=now,
                    expires_at=min(session.expires_at, live.session.expires_at),
                ),
            }
        )
        for session in sessions
    ]


def revoke_one_session(db: DbSession, *, live: LiveSession, token: str) -> StatusResult:
    """Revokes the session `token` names if it is one of the caller's user's; anything else
    changes nothing and gets the same answer (Better Auth's: no hint about other users' sessions).

    `token` is a session token of the user (its holder holds that session anyway), or a revoke
    handle from list-sessions, honoured only from the very session that listed it and only while
    that session is live, which the revoking statement itself checks. So a handle for a session
    that has ended does nothing (there is nothing left to revoke), and the handles listed through
    a session that has since been revoked (a stolen one) revoke nothing ever again, not even
    from the owner's other sessions: those can list handles of their own.

    401 if the caller's session ended meanwhile (another session revoked it first).
    """
    target = _session_to_revoke(token, live=live)
    if target is not None and not revoke_session_as_caller(db, live=live, session_id=target):
        raise session_not_valid()
    return StatusResult()


def _session_to_revoke(token: str, *, live: LiveSession) -> uuid.UUID | None:
    claims = verify_token(token)
    if claims is not None:
        return claims.session_id if claims.user_id == live.user.id else None
    handle = verify_revoke_handle(token)
    if handle is None or handle.user_id != live.user.id or handle.listed_by != live.session.id:
        return None
    return handle.session_id


def revoke_all_sessions(db: DbSession, *, live: LiveSession) -> StatusResult:
    if not revoke_all_sessions_as_caller(db, live=live):
        raise session_not_valid()
    return StatusResult()


def revoke_other_sessions(db: DbSession, *, live: LiveSession) -> StatusResult:
    """Every session of the user ends but the caller's, unless the caller's has ended first:
    two sessions revoking the others' at the same instant take turns, so one of them stays."""
    if not revoke_other_sessions_as_caller(db, live=live):
        raise session_not_valid()
    return StatusResult()


def change_password(
    db: DbSession, *, live: LiveSession, body: ChangePasswordBody, caller: Caller
) -> ChangePasswordResult:
    """Sets a new password after checking the current one, and voids every reset link the
    user had asked for: one transaction, opened once bcrypt is done.

    With `revokeOtherSessions`, every session of the user ends, the caller's included, and a
    new one is started: its token is the answer's `token` (Better Auth does the same).
    """
    confirm_password(
        db, user=live.user, password=body.current_password, client_ip=caller.ip_address
    )
    new_hash = hash_password(body.new_password)
    token: str | None = None
    with db.transaction():
        if not set_password_hash_as_caller(db, live=live, password_hash=new_hash):
            raise session_not_valid()
        # A reset link asked for before the change must not undo it (a reset voids them too).
        delete_user_tokens(db, user_id=live.user.id)
        if body.revoke_other_sessions:
            revoke_user_sessions(db, user_id=live.user.id)
            token = start_session(db, user_id=live.user.id, caller=caller)
            if token is None:
                raise session_not_valid()
    return ChangePasswordResult(
        token=token, user=UserPublic.model_validate(live.user, from_attributes=True)
    )


def update_user(db: DbSession, *, live: LiveSession, body: UpdateUserBody) -> StatusResult:
    """Changes the name and/or image: one statement, its own transaction."""
    if not update_profile_as_caller(db, live=live, changes=body.changes()):
        raise session_not_valid()
    return StatusResult()


def delete_user(
    db: DbSession, *, live: LiveSession, body: DeleteUserBody, caller: Caller
) -> DeleteUserResult:
    """Deletes the account, its sessions and its tasks, after the password or, without one,
    on a fresh session only (as Better Auth does when deletion is enabled)."""
    if body.password:
        confirm_password(db, user=live.user, password=body.password, client_ip=caller.ip_address)
    if body.token is not None:
        # Better Auth's emailed-confirmation flow: this API issues no such tokens.
        raise ApiError(
            ErrorCode.INVALID_TOKEN, "This account deletion link is not valid.", status=404
        )
    if not body.password and not is_fresh(live):
        raise ApiError(
            ErrorCode.SESSION_EXPIRED,
            "Sign in again, or give your password, to delete the account.",
        )
    # One statement (the cascade takes the sessions, tasks and reset links): its own transaction.
    if not delete_user_as_caller(db, live=live):
        raise session_not_valid()
    return DeleteUserResult()
