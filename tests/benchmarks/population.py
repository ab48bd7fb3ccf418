"""Many users, each with a live session and tasks, written straight into the database with COPY.

Every user shares one password hash, made once at a low bcrypt cost: the scale benchmarks
measure the database and the functions under many users, not hashing (sign-in's cost against
bare bcrypt-12 is measured on its own), and 1,000 sign-ins at cost 12 would take this 2-core
machine about four minutes of CPU by themselves.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import psycopg

from shared.auth.passwords import hash_password
from shared.auth.token_issuer import issue_token
from shared.db import get_engine
from shared.models import Task, User, UserSession
from shared.models.columns import utc_now
from shared.models.tasks import title_sort_key

SEEDED_PASSWORD = "seeded-password"
SEEDED_HASH_COST = 4
_HASH: list[str] = []


@dataclass(frozen=True)
class SeededUser:
    user_id: uuid.UUID
    email: str
    token: str  # a bearer token for the user's live session
    task_ids: tuple[uuid.UUID, ...]


def seeded_hash() -> str:
    if not _HASH:
        # The peppered format sign-in expects (a legacy hash would be rehashed at cost 12).
        _HASH.append(hash_password(SEEDED_PASSWORD, cost=SEEDED_HASH_COST))
    return _HASH[0]


def _columns(model: Any) -> list[str]:
    return [column.key for column in model.__table__.columns]


def _copy(connection: psycopg.Connection[Any], model: Any, rows: Iterator[dict[str, Any]]) -> None:
    columns = _columns(model)
    names = ", ".join(f'"{name}"' for name in columns)
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {model.__tablename__} ({names}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row([row[name] for name in columns])


def seed_population(users: int, *, tasks_each: int, label: str = "scale") -> list[SeededUser]:
    """`users` users on the current database, each with one live session and `tasks_each` tasks."""
    now = utc_now()
    password_hash = seeded_hash()
    batch = uuid.uuid4().hex[:8]
    people = [
        (uuid.uuid4(), f"{label}-{batch}-{i:06d}@example.com", uuid.uuid4()) for i in range(users)
    ]
    task_ids = {user_id: [uuid.uuid4() for _ in range(tasks_each)] for user_id, _, _ in people}

    def user_rows() -> Iterator[dict[str, Any]]:
        for user_id, email, _ in people:
            yield {
                "id": user_id,
                "email": email,
                "name": "Seeded",
                "image": None,
                "password_hash": password_hash,
                "created_at": now,
                "updated_at": now,
            }

    def session_rows() -> Iterator[dict[str, Any]]:
        for user_id, _, session_id in people:
            yield {
                "id": session_id,
                "user_id": user_id,
                "created_at": now,
                "updated_at": now,
                "expires_at": now + timedelta(days=7),
                "revoked_at": None,
                "ip_address": None,
                "user_agent": None,
            }

    def task_rows() -> Iterator[dict[str, Any]]:
        for user_id, ids in task_ids.items():
            for number, task_id in enumerate(ids):
                title = f"task {number:04d}"
                yield {
                    "id": task_id,
                    "user_id": user_id,
                    "title": title,
                    "title_key": title_sort_key(title),
                    "description": "",
                    "completed": number % 3 == 0,
                    "created_at": now,
                    "updated_at": now,
                }

    with get_engine().connect() as connection:
        raw = connection.connection.driver_connection
        assert isinstance(raw, psycopg.Connection)
        _copy(raw, User, user_rows())
        _copy(raw, UserSession, session_rows())
        _copy(raw, Task, task_rows())
        raw.commit()  # COPY ran on the driver's connection, outside SQLAlchemy's transaction
    analyze()
    expires = now + timedelta(days=7)
    return [
        SeededUser(
            user_id=user_id,
            email=email,
            token=issue_token(
                user_id=user_id, session_id=session_id, issued_at=now, expires_at=expires
            ),
            task_ids=tuple(task_ids[user_id]),
        )
        for user_id, email, session_id in people
    ]


def analyze() -> None:
    """Fresh planner statistics, as a database that grew over time would have."""
    with get_engine().connect() as connection:
        connection = connection.execution_options(isolation_level="AUTOCOMMIT")
        for model in (User, UserSession, Task):
            connection.exec_driver_sql(f"VACUUM ANALYZE {model.__tablename__}")
