"""Data access for users: finding one by email, adding one, changing or deleting one.

Session queries, and the one statement of what a live session is, are in `session_store`; a
write the caller makes to their own account ("as caller") checks the caller's session in the
same statement, so a session revoked while the request was hashing a password changes nothing.
Statements are built once at import with bound parameters, as there.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ColumnElement, Exists, bindparam, case, delete, exists, func, insert, update
from sqlalchemy.orm import Mapped
from sqlmodel import col, select

from shared.auth.session_store import LiveSession, caller_session_is_live
from shared.db import DbSession
from shared.models import User

_USER_BY_EMAIL = select(User).where(func.lower(col(User.email)) == bindparam("email"))
_INSERT_USER = insert(User)


def user_row_locked(user_id: Mapped[uuid.UUID]) -> Exists:
    """True once the user's row is locked FOR NO KEY UPDATE, False if the user is gone.

    For a statement that writes one of the user's other rows on their behalf: it waits here for
    a deletion of the user (and then sees no user) before it locks that row. A deletion locks
    the user first and the cascade the rest: locking in the other order would deadlock with it.
    """
    return exists(
        select(col(User.id)).where(col(User.id) == user_id).with_for_update(key_share=True)
    )


_SET_PASSWORD_HASH = (
    update(User)
    .where(col(User.id) == bindparam("uid"))
    .values(password_hash=bindparam("password_hash"), updated_at=func.now())
)


def _while_session_is_live() -> Exists:
    user_id: ColumnElement[Any] = col(User.id)  # type: ignore[assignment]
    return caller_session_is_live(session_id=bindparam("sid"), user_id=user_id)


# The caller's own writes check the caller's session in the same statement: a session revoked
# while the request was hashing a password changes nothing.
_SET_PASSWORD_HASH_AS_CALLER = (
    update(User)
    .where(col(User.id) == bindparam("uid"), _while_session_is_live())
    .values(password_hash=bindparam("password_hash"), updated_at=func.now())
)
_UPDATE_PROFILE_AS_CALLER = (
    update(User)
    .where(col(User.id) == bindparam("uid"), _while_session_is_live())
    .values(
        name=case((bindparam("set_name"), bindparam("name")), else_=col(User.name)),
        image=case((bindparam("set_image"), bindparam("image")), else_=col(User.image)),
        updated_at=func.now(),
    )
)
# Sessions, tasks and reset tokens go with the user (ON DELETE CASCADE).
_DELETE_USER_AS_CALLER = delete(User).where(
    col(User.id) == bindparam("uid"), _while_session_is_live()
)


def find_user_by_email(db: DbSession, *, email: str) -> User | None:
    row = db.execute(_USER_BY_EMAIL, {"email": email.lower()}).first()
    return User.model_validate(row, from_attributes=True) if row else None


def add_user(db: DbSession, *, user: User) -> None:
    """Raises IntegrityError when the email is taken (the unique index decides races)."""
    db.execute(_INSERT_USER, user.model_dump())


def set_password_hash(db: DbSession, *, user_id: uuid.UUID, password_hash: str) -> None:
    db.execute(_SET_PASSWORD_HASH, {"uid": user_id, "password_hash": password_hash})


def set_password_hash_as_caller(db: DbSession, *, live: LiveSession, password_hash: str) -> bool:
    """False when the caller's session ended meanwhile (nothing changed)."""
    result = db.execute(
        _SET_PASSWORD_HASH_AS_CALLER,
        {"uid": live.user.id, "sid": live.session.id, "password_hash": password_hash},
    )
    return result.rowcount == 1


def update_profile_as_caller(
    db: DbSession, *, live: LiveSession, changes: dict[str, str | None]
) -> bool:
    """Sets the fields in `changes` (name, image); False when the caller's session ended."""
    result = db.execute(
        _UPDATE_PROFILE_AS_CALLER,
        {
            "uid": live.user.id,
            "sid": live.session.id,
            "set_name": "name" in changes,
            "name": changes.get("name"),
            "set_image": "image" in changes,
            "image": changes.get("image"),
        },
    )
    return result.rowcount == 1


def delete_user_as_caller(db: DbSession, *, live: LiveSession) -> bool:
    result = db.execute(_DELETE_USER_AS_CALLER, {"uid": live.user.id, "sid": live.session.id})
    return result.rowcount == 1
