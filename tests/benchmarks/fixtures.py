"""Users, sessions and tasks made straight in the database (no bcrypt per row)."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlmodel import Session

from shared.auth.passwords import hash_password
from shared.auth.token_issuer import issue_token
from shared.db import get_engine
from shared.models import SessionRow, TaskRow, UserRow
from shared.models.columns import utc_now

BENCH_PASSWORD = "benchmark-password"
_HASH: list[str] = []


def make_user(*, tasks: int = 0) -> tuple[UserRow, str]:
    """A user with `tasks` tasks and a live session; returns the user and a bearer token."""
    if not _HASH:
        _HASH.append(hash_password(BENCH_PASSWORD))
    with Session(get_engine(), expire_on_commit=False) as db:
        user = UserRow(
            email=f"bench-{uuid.uuid4().hex}@example.com", name="Bench", password_hash=_HASH[0]
        )
        db.add(user)
        db.flush()
        db.add_all(TaskRow(user_id=user.id, title=f"task {i:04d}") for i in range(tasks))
        db.commit()
    return user, make_token(user)


def make_token(user: UserRow) -> str:
    now = utc_now()
    expires = now + timedelta(days=7)
    with Session(get_engine(), expire_on_commit=False) as db:
        session = SessionRow(user_id=user.id, expires_at=expires)
        db.add(session)
        db.commit()
    return issue_token(user_id=user.id, session_id=session.id, issued_at=now, expires_at=expires)


def make_tasks(user: UserRow, count: int) -> list[str]:
    with Session(get_engine(), expire_on_commit=False) as db:
        rows = [TaskRow(user_id=user.id, title=f"bench {i}") for i in range(count)]
        db.add_all(rows)
        db.commit()
    return [str(row.id) for row in rows]
