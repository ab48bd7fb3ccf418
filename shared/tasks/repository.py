"""`UserTasks`: the only way to reach the tasks table, always scoped to one caller.

Functions get it from the `OwnTasks` dependency, built from the verified token, so no route
can issue a query that forgets the owner. Every statement also checks the caller's session is
still live, in itself: a task request is one statement, one round trip, one transaction
(autocommit). Only when a statement touches nothing does a second query tell a signed-out
caller (401) from a task that is not theirs or not there (404). Another user's task and a
missing one are the same 404: nothing tells them apart.
"""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Iterator
from functools import cache
from typing import Any, get_args

from sqlalchemy import Row, bindparam, delete, tuple_, update
from sqlmodel import col, select

from shared.auth.principal import session_not_valid
from shared.auth.session_store import (
    caller_session_is_live,
    find_live_session,
    insert_for_existing_user,
)
from shared.auth.token_verifier import TokenClaims
from shared.db import DbSession
from shared.errors import ApiError, NotFound
from shared.models import Task
from shared.models.columns import utc_now
from shared.models.tasks import title_sort_key
from shared.tasks.cursor import Cursor, decode_cursor
from shared.tasks.schemas import (
    SortOrder,
    TaskCreate,
    TaskListQuery,
    TaskPage,
    TaskPublic,
    TaskSort,
    TaskStatus,
    TaskUpdate,
)

_SORT_COLUMNS: dict[str, Any] = {
    "created": col(Task.created_at),
    "updated": col(Task.updated_at),
    "title": col(Task.title_key),
}
_TASK_COLUMNS = Task.__table__.columns  # type: ignore[attr-defined]

# Statements are built once with bound parameters (building one costs more than running it).
# Every one of them carries the owner and the live-session check: `UserTasks._params` is the
# one place that binds them.
_CALLER_IS_LIVE = caller_session_is_live(
    session_id=bindparam("session_id"), user_id=bindparam("owner_id")
)
_OWNER = (col(Task.user_id) == bindparam("owner_id")) & _CALLER_IS_LIVE
_THIS_TASK = (col(Task.id) == bindparam("task_id")) & _OWNER
_GET = select(Task).where(_THIS_TASK)
# INSERT ... SELECT: the row is written only if the caller's session is live, and never for a
# user whose deletion commits meanwhile (`insert_for_existing_user`).
_INSERT = insert_for_existing_user(Task, _CALLER_IS_LIVE).returning(col(Task.id))
_DELETE = delete(Task).where(_THIS_TASK).returning(col(Task.id))
_TOGGLE = (
    update(Task)
    .where(_THIS_TASK)
    # One statement: two quick toggles can never both read the same old value.
    .values(completed=~col(Task.completed), updated_at=bindparam("now"))
    .returning(Task)
)


_UPDATABLE = tuple(TaskUpdate.model_fields)


@cache
def _update_statement(fields: frozenset[str]) -> Any:
    """The partial update for one set of changed fields (at most seven sets exist)."""
    values: dict[str, Any] = {name: bindparam(f"new_{name}") for name in sorted(fields)}
    if "title" in fields:
        values["title_key"] = bindparam("new_title_key")
    return (
        update(Task).where(_THIS_TASK).values(**values, updated_at=bindparam("now")).returning(Task)
    )


@cache
def _list_statement(status: str, sort: str, order: str, after_cursor: bool) -> Any:
    """The keyset page query for one combination of filter, sort and order."""
    sort_column = _SORT_COLUMNS[sort]
    statement = select(Task).where(_OWNER)
    if status != "all":
        statement = statement.where(col(Task.completed) == (status == "completed"))
    if after_cursor:
        key = tuple_(sort_column, col(Task.id))
        bound = tuple_(bindparam("after_value"), bindparam("after_id"))
        statement = statement.where(key > bound if order == "asc" else key < bound)
    return statement.order_by(getattr(sort_column, order)(), getattr(col(Task.id), order)()).limit(
        bindparam("page_rows")
    )


def statement_variants() -> Iterator[Any]:
    """Every statement built on demand, for SnapStart priming to compile before the snapshot."""
    for fields in range(1, 2 ** len(_UPDATABLE)):
        yield _update_statement(
            frozenset(name for bit, name in enumerate(_UPDATABLE) if fields >> bit & 1)
        )
    for status, sort, order, after_cursor in itertools.product(
        get_args(TaskStatus), get_args(TaskSort), get_args(SortOrder), (False, True)
    ):
        yield _list_statement(status, sort, order, after_cursor)


_CANONICAL_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_CANONICAL_ID_LENGTH = 36


def task_not_found() -> NotFound:
    return NotFound("Task not found.")


def _sort_value(task: TaskPublic, sort: str) -> Any:
    """The value a page's last task continues from: its title (the cursor recomputes the sort
    key from it) or its sort column's time."""
    return task.title if sort == "title" else getattr(task, _SORT_COLUMNS[sort].key)


def _public(row: Row[Any]) -> TaskPublic:
    """A result row, read by column name, as the wire model."""
    return TaskPublic.model_validate(row, from_attributes=True)


class UserTasks:
    def __init__(self, db: DbSession, *, caller: TokenClaims) -> None:
        self._db = db
        self._caller = caller

    def _params(self, **values: Any) -> dict[str, Any]:
        return {"owner_id": self._caller.user_id, "session_id": self._caller.session_id, **values}

    def list(self, query: TaskListQuery) -> TaskPage:
        statement = _list_statement(query.status, query.sort, query.order, bool(query.cursor))
        # One row more than asked for tells whether another page exists.
        params = self._params(page_rows=query.limit + 1)
        if query.cursor:
            after = decode_cursor(query.cursor, sort=query.sort, order=query.order)
            params |= {"after_value": after.sort_value, "after_id": after.id}
        rows = [_public(row) for row in self._db.execute(statement, params).all()]
        if not rows:
            self._raise_if_signed_out()
        page = rows[: query.limit]
        next_cursor = None
        if len(rows) > query.limit:
            last = page[-1]
            value = _sort_value(last, query.sort)
            next_cursor = Cursor(query.sort, query.order, value, last.id).encode()
        return TaskPage(items=page, next_cursor=next_cursor)

    def create(self, data: TaskCreate) -> TaskPublic:
        now = utc_now()
        task = TaskPublic(
            id=uuid.uuid4(),
            title=data.title,
            description=data.description,
            completed=False,
            created_at=now,
            updated_at=now,
        )
        values = self._params(
            **task.model_dump(), user_id=self._caller.user_id, title_key=title_sort_key(task.title)
        )
        if self._db.execute(_INSERT, values).first() is None:
            raise session_not_valid()
        return task

    def get(self, raw_id: str) -> TaskPublic:
        row = self._db.execute(_GET, self._params(task_id=self._task_id(raw_id))).first()
        return self._found(row)

    def update(self, raw_id: str, changes: TaskUpdate) -> TaskPublic:
        new_values = changes.changes()
        statement = _update_statement(frozenset(new_values))
        params = {f"new_{name}": value for name, value in new_values.items()}
        if "title" in new_values:
            params["new_title_key"] = title_sort_key(new_values["title"])
        return self._write(statement, raw_id, now=utc_now(), **params)

    def toggle(self, raw_id: str) -> TaskPublic:
        return self._write(_TOGGLE, raw_id, now=utc_now())

    def delete(self, raw_id: str) -> None:
        deleted = self._db.execute(_DELETE, self._params(task_id=self._task_id(raw_id))).first()
        if deleted is None:
            raise self._nothing_touched()

    def _write(self, statement: Any, raw_id: str, **values: Any) -> TaskPublic:
        params = self._params(task_id=self._task_id(raw_id), **values)
        row = self._db.execute(statement, params).first()
        return self._found(row)

    def _found(self, row: Row[Any] | None) -> TaskPublic:
        if row is None:
            raise self._nothing_touched()
        return _public(row)

    def _task_id(self, raw: str) -> uuid.UUID:
        # A task has one URL: the canonical lowercase hyphenated form only (uuid.UUID would also
        # take upper case, braces, a urn: prefix or no hyphens). Linear time whatever the length.
        if len(raw) != _CANONICAL_ID_LENGTH or not _CANONICAL_ID.fullmatch(raw):
            # A signed-out caller still hears 401 first, as for any other id.
            raise self._nothing_touched()
        return uuid.UUID(raw)

    def _nothing_touched(self) -> ApiError:
        """Why a statement found no row: raises 401 if the caller's session has ended, else
        returns the 404 for the caller to raise (the task is missing or not theirs)."""
        self._raise_if_signed_out()
        return task_not_found()

    def _raise_if_signed_out(self) -> None:
        live = find_live_session(
            self._db, session_id=self._caller.session_id, user_id=self._caller.user_id
        )
        if live is None:
            raise session_not_valid()
