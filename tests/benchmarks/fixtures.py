"""Users, sessions and tasks made straight in the database (no bcrypt per row)."""

from __future__ import annotations

import uuid
from datetime import timedelta

from shared.auth.passwords import hash_password
from shared.auth.token_issuer import issue_token
from shared.db import get_engine
from shared.models import SessionRow, TaskRow, UserRow, sessions_table, tasks_table, users_table
from shared.models.columns import row_values, utc_now

BENCH_PASSWORD = "benchmark-password"
_HASH: list[str] = []


def _task(user: UserRow, title: str) -> TaskRow:
    now = utc_now()
    return TaskRow(
        id=uuid.uuid4(),
        user_id=user.id,
        title=title,
        description="",
        completed=False,
        created_at=now,
        updated_at=now,
    )


def make_user(*, tasks: int = 0) -> tuple[UserRow, str]:
    """A user with `tasks` tasks and a live session; returns the user and a bearer token."""
    if not _HASH:
        _HASH.append(hash_password(BENCH_PASSWORD))
    now = utc_now()
    user = UserRow(
        id=uuid.uuid4(),
        email=f"bench-{uuid.uuid4().hex}@example.com",
        name="Bench",
        password_hash=_HASH[0],
        created_at=now,
        updated_at=now,
    )
    with get_engine().begin() as db:
        db.execute(users_table.insert(), row_values(user))
        if tasks:
            rows = [row_values(_task(user, f"task {i:04d}")) for i in range(tasks)]
            db.execute(tasks_table.insert(), rows)
    return user, make_token(user)


def make_token(user: UserRow) -> str:
    now = utc_now()
    session = SessionRow(
        id=uuid.uuid4(),
        user_id=user.id,
        created_at=now,
        updated_at=now,
        expires_at=now + timedelta(days=7),
        revoked_at=None,
        ip_address=None,
        user_agent=None,
    )
    with get_engine().begin() as db:
        db.execute(sessions_table.insert(), row_values(session))
    return issue_token(
        user_id=user.id, session_id=session.id, issued_at=now, expires_at=session.expires_at
    )


def make_tasks(user: UserRow, count: int) -> list[str]:
    rows = [_task(user, f"bench {i}") for i in range(count)]
    with get_engine().begin() as db:
        db.execute(tasks_table.insert(), [row_values(row) for row in rows])
    return [str(row.id) for row in rows]
