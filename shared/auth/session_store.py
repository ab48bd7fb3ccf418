"""Data access for sessions: the only place that queries their table, and the one statement of
what a live session is. The users' own queries are in `shared.auth.users`.

Statements are built once at import with bound parameters: building a select costs about
0.2 ms of a warm invocation, more than the query itself takes on a nearby database.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    CTE,
    ColumnElement,
    Executable,
    Exists,
    Insert,
    Row,
    Table,
    and_,
    bindparam,
    exists,
    func,
    insert,
    true,
    update,
)
from sqlalchemy.types import Uuid
from sqlmodel import SQLModel, col, select

from shared.db import DbSession
from shared.models import User, UserSession


@dataclass(frozen=True, slots=True)
class LiveSession:
    session: UserSession
    user: User


def insert_for_existing_user(model: type[SQLModel], *conditions: ColumnElement[bool]) -> Insert:
    """INSERT ... SELECT of one row (every column a bound parameter of its name) for the user
    `user_id`, written only if that user exists (and `conditions` hold) when it is written.

    The user's row is read FOR KEY SHARE, the lock the foreign key check takes anyway. Under
    READ COMMITTED a plain EXISTS would still see a user whose deletion is under way but not
    committed, and the foreign key check would then wait for the delete and fail
    (ForeignKeyViolation, a 500). With the lock the insert waits for the delete and, once it has
    committed, selects nothing: no row, nothing raised. If the insert locks first, the delete
    waits for it and its cascade removes the new row.
    """
    table: Table = model.__table__  # type: ignore[attr-defined]
    columns = list(table.columns)
    user_id = col(User.id)
    row = select(
        *(
            user_id if column.key == "user_id" else bindparam(column.key, type_=column.type)
            for column in columns
        )
    ).where(user_id == bindparam("user_id"), *conditions)
    return insert(table).from_select(
        [column.key for column in columns], row.with_for_update(read=True, key_share=True)
    )


_INSERT_SESSION = insert_for_existing_user(UserSession).returning(col(UserSession.id))


def _is_live(*, session_id: ColumnElement[Any], user_id: ColumnElement[Any]) -> ColumnElement[bool]:
    """The one statement of what a live session is: this user's, not revoked, not expired.

    (A deleted user's sessions are deleted with them.)
    """
    return and_(
        col(UserSession.id) == session_id,
        col(UserSession.user_id) == user_id,
        col(UserSession.revoked_at).is_(None),
        col(UserSession.expires_at) > func.now(),
    )


def caller_session_is_live(
    *, session_id: ColumnElement[Any], user_id: ColumnElement[Any]
) -> Exists:
    """For a statement that checks the caller's session itself, in the same round trip."""
    return exists().where(_is_live(session_id=session_id, user_id=user_id))


# The session's columns keep their names; the user's are prefixed ("user__id" cannot be
# mistaken for the session's "user_id"), so both read by name.
_USER_PREFIX = "user__"
_LIVE_SESSION = (
    select(
        UserSession,
        *(column.label(_USER_PREFIX + column.key) for column in User.__table__.columns),  # type: ignore[attr-defined]
    )
    .join(User, col(User.id) == col(UserSession.user_id))
    .where(_is_live(session_id=bindparam("sid"), user_id=bindparam("uid")))
)

_REVOKE_SESSION = (
    update(UserSession)
    .where(
        col(UserSession.id) == bindparam("sid"),
        col(UserSession.user_id) == bindparam("uid"),
        col(UserSession.revoked_at).is_(None),
    )
    .values(revoked_at=func.now(), updated_at=func.now())
)


# Every session of a user that is still live, oldest first (list-sessions).
_LIVE_SESSIONS_OF_USER = (
    select(UserSession)
    .where(
        col(UserSession.user_id) == bindparam("uid"),
        col(UserSession.revoked_at).is_(None),
        col(UserSession.expires_at) > func.now(),
    )
    .order_by(col(UserSession.created_at), col(UserSession.id))
)


# Every statement that revokes sessions of a user besides the caller's own first locks the
# user's row (FOR NO KEY UPDATE: it waits for another revocation or a password change of the
# user, not for a task insert's KEY SHARE), then session rows. One order for all of them, so
# two revocations serialize and never deadlock.
def _locked_owner() -> CTE:
    return (
        select(col(User.id))
        .where(col(User.id) == bindparam("uid"))
        .with_for_update(key_share=True)
        .cte("owner")
    )


# Every live session of a user (password change, password reset).
_REVOKE_USER_SESSIONS = (
    update(UserSession)
    .where(
        col(UserSession.user_id).in_(select(_locked_owner().c.id)),
        col(UserSession.revoked_at).is_(None),
    )
    .values(revoked_at=func.now(), updated_at=func.now())
)


def _revoking_as_caller(targets: ColumnElement[bool]) -> Executable:
    """Revokes the user's live sessions that match `targets` if the caller's session (`sid`) is
    live once the user's row is held; answers 1 if it was (and so the revocation ran), else 0.

    Checking with EXISTS would not do: after waiting for the user's row, the statement still
    reads the sessions as they were when it started (READ COMMITTED), so two sessions revoking
    each other's at once would each find itself live and both would end. Locking the caller's
    own row instead reads its latest version (PostgreSQL rechecks a row it had to wait for),
    and the caller finds out that the other revoked it first.
    """
    owner = _locked_owner()
    caller = (
        select(col(UserSession.id))
        .join(owner, col(UserSession.user_id) == owner.c.id)
        .where(
            col(UserSession.id) == bindparam("sid"),
            col(UserSession.revoked_at).is_(None),
            col(UserSession.expires_at) > func.now(),
        )
        .with_for_update(key_share=True, of=UserSession)
        .cte("caller")
    )
    revoked = (
        update(UserSession)
        .where(
            col(UserSession.user_id) == bindparam("uid"),
            col(UserSession.revoked_at).is_(None),
            targets,
            exists(select(caller.c.id)),
        )
        .values(revoked_at=func.now(), updated_at=func.now())
        .returning(col(UserSession.id))
        .cte("revoked")
    )
    return select(func.count()).select_from(caller).add_cte(revoked)


_REVOKE_ONE_AS_CALLER = _revoking_as_caller(
    col(UserSession.id) == bindparam("target", type_=Uuid())
)
_REVOKE_OTHERS_AS_CALLER = _revoking_as_caller(col(UserSession.id) != bindparam("sid"))
_REVOKE_ALL_AS_CALLER = _revoking_as_caller(true())


def find_live_session(
    db: DbSession, *, session_id: uuid.UUID, user_id: uuid.UUID
) -> LiveSession | None:
    row = db.execute(_LIVE_SESSION, {"sid": session_id, "uid": user_id}).first()
    if row is None:
        return None
    return LiveSession(
        session=UserSession.model_validate(row, from_attributes=True),
        user=User.model_validate(_prefixed(row, _USER_PREFIX)),
    )


def _prefixed(row: Row[Any], prefix: str) -> dict[str, Any]:
    return {
        key[len(prefix) :]: value
        for key, value in row._mapping.items()
        if isinstance(key, str) and key.startswith(prefix)
    }


def add_session(
    db: DbSession,
    *,
    user_id: uuid.UUID,
    now: datetime,
    expires_at: datetime,
    ip_address: str | None,
    user_agent: str | None,
) -> UserSession | None:
    """The new session, or None if the user no longer exists (`insert_for_existing_user`)."""
    session = UserSession(
        id=uuid.uuid4(),
        user_id=user_id,
        created_at=now,
        updated_at=now,
        expires_at=expires_at,
        revoked_at=None,
        ip_address=ip_address,
        user_agent=user_agent,
    )
    inserted = db.execute(_INSERT_SESSION, session.model_dump()).first()
    return None if inserted is None else session


def revoke_session(db: DbSession, *, session_id: uuid.UUID, user_id: uuid.UUID) -> None:
    db.execute(_REVOKE_SESSION, {"sid": session_id, "uid": user_id})


def list_live_sessions(db: DbSession, *, user_id: uuid.UUID) -> list[UserSession]:
    rows = db.execute(_LIVE_SESSIONS_OF_USER, {"uid": user_id}).all()
    return [UserSession.model_validate(row, from_attributes=True) for row in rows]


def revoke_user_sessions(db: DbSession, *, user_id: uuid.UUID) -> None:
    db.execute(_REVOKE_USER_SESSIONS, {"uid": user_id})


def revoke_session_as_caller(db: DbSession, *, live: LiveSession, session_id: uuid.UUID) -> bool:
    """Revokes one of the caller's user's sessions (the caller's own, too); False when the
    caller's session had ended (nothing changed)."""
    return _revoke_as_caller(db, _REVOKE_ONE_AS_CALLER, live=live, target=session_id)


def revoke_other_sessions_as_caller(db: DbSession, *, live: LiveSession) -> bool:
    """Revokes every session of the user but the caller's; False when the caller's had ended."""
    return _revoke_as_caller(db, _REVOKE_OTHERS_AS_CALLER, live=live)


def revoke_all_sessions_as_caller(db: DbSession, *, live: LiveSession) -> bool:
    """Revokes every session of the user, the caller's included; False when the caller's had
    ended (nothing changed)."""
    return _revoke_as_caller(db, _REVOKE_ALL_AS_CALLER, live=live)


def _revoke_as_caller(
    db: DbSession, statement: Executable, *, live: LiveSession, **params: Any
) -> bool:
    params |= {"uid": live.user.id, "sid": live.session.id}
    callers: int = db.execute(statement, params).scalar_one()
    return callers == 1
