"""Users, sessions and tasks made straight in the database (no bcrypt per row)."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import insert

from shared.auth.passwords import hash_password
from shared.auth.token_issuer import issue_token
from shared.db import get_engine
from shared.models import Task, User, UserSession
from shared.models.columns import utc_now
from shared.models.tasks import title_sort_key

BENCH_PASSWORD = "benchmark-password"
_HASH: list[str] = []


def _task(user: User, title: str) -> Task:
    now = utc_now()
    return Task(
        id=uuid.uuid4(),
        user_id=user.id,
        title=title,
        title_key=title_sort_key(title),
        description="",
        completed=False,
        created_at=now,
        updated_at=now,
    )


def make_user(*, tasks: int = 0) -> tuple[User, str]:
    """A user with `tasks` tasks and a live session; returns the user and a bearer token."""
    if not _HASH:
        _HASH.append(hash_password(BENCH_PASSWORD))
    now = utc_now()
    user = User(
        id=uuid.uuid4(),
        email=f"bench-{uuid.uuid4().hex}@example.com",
        name="Bench",
        password_hash=_HASH[0],
        created_at=now,
        updated_at=now,
    )
    with get_engine().begin() as db:
        db.execute(insert(User), user.model_dump())
        if tasks:
            rows = [_task(user, f"task {i:04d}").model_dump() for i in range(tasks)]
            db.execute(insert(Task), rows)
    return user, make_token(user)


def make_token(user: User) -> str:
    now = utc_now()
    session = UserSession(
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
        db.execute(insert(UserSession), session.model_dump())
    return issue_token(
        user_id=user.id, session_id=session.id, issued_at=now, expires_at=session.expires_at
    )


def make_tasks(user: User, count: int) -> list[str]:
    rows = [_task(user, f"bench {i}") for i in range(count)]
    with get_engine().begin() as db:
        db.execute(insert(Task), [row.model_dump() for row in rows])
    return [str(row.id) for row in rows]
