"""Data access for sessions and users: the only place that queries those tables."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from shared.models import SessionRow, UserRow


@dataclass(frozen=True, slots=True)
class LiveSession:
    session: SessionRow
    user: UserRow


def find_user_by_email(db: Session, *, email: str) -> UserRow | None:
    return db.exec(select(UserRow).where(func.lower(UserRow.email) == email.lower())).first()


def find_live_session(
    db: Session, *, session_id: uuid.UUID, user_id: uuid.UUID
) -> LiveSession | None:
    """The session and its user, only while not revoked, not expired and the user exists."""
    row = db.exec(
        select(SessionRow, UserRow)
        .join(UserRow, col(UserRow.id) == col(SessionRow.user_id))
        .where(
            SessionRow.id == session_id,
            SessionRow.user_id == user_id,
            col(SessionRow.revoked_at).is_(None),
            col(SessionRow.expires_at) > func.now(),
        )
    ).first()
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
    db.exec(
        update(SessionRow)
        .where(
            col(SessionRow.id) == session_id,
            col(SessionRow.user_id) == user_id,
            col(SessionRow.revoked_at).is_(None),
        )
        .values(revoked_at=func.now(), updated_at=func.now())
    )
