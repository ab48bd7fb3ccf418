"""Data access for sessions and users: the only place that queries those tables.

Statements are built once at import with bound parameters: building a select costs about
0.2 ms of a warm invocation, more than the query itself takes on a nearby database.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, func, update
from sqlmodel import Session, col, select

from shared.models import SessionRow, UserRow


@dataclass(frozen=True, slots=True)
class LiveSession:
    session: SessionRow
    user: UserRow


_USER_BY_EMAIL = select(UserRow).where(func.lower(UserRow.email) == bindparam("email"))

# Live means: not revoked, not expired, and the user still exists (the join).
_LIVE_SESSION = (
    select(SessionRow, UserRow)
    .join(UserRow, col(UserRow.id) == col(SessionRow.user_id))
    .where(
        col(SessionRow.id) == bindparam("sid"),
        col(SessionRow.user_id) == bindparam("uid"),
        col(SessionRow.revoked_at).is_(None),
        col(SessionRow.expires_at) > func.now(),
    )
)

_REVOKE_SESSION = (
    update(SessionRow)
    .where(
        col(SessionRow.id) == bindparam("sid"),
        col(SessionRow.user_id) == bindparam("uid"),
        col(SessionRow.revoked_at).is_(None),
    )
    .values(revoked_at=func.now(), updated_at=func.now())
)


def find_user_by_email(db: Session, *, email: str) -> UserRow | None:
    return db.exec(_USER_BY_EMAIL, params={"email": email.lower()}).first()


def find_live_session(
    db: Session, *, session_id: uuid.UUID, user_id: uuid.UUID
) -> LiveSession | None:
    row = db.exec(_LIVE_SESSION, params={"sid": session_id, "uid": user_id}).first()
    return LiveSession(session=row[0], user=row[1]) if row else None


def add_session(
    db: Session,
    *,
    user_id: uuid.UUID,
    now: datetime,
    expires_at: datetime,
    ip_address: str | None,
    user_agent: str | None,
) -> SessionRow:
    session = SessionRow(
        user_id=user_id,
        created_at=now,
        updated_at=now,
        expires_at=expires_at,
        ip_address=ip_address,
        user_agent=user_agent,
    )
    db.add(session)
    return session


def revoke_session(db: Session, *, session_id: uuid.UUID, user_id: uuid.UUID) -> None:
    db.exec(_REVOKE_SESSION, params={"sid": session_id, "uid": user_id})
