"""`UserTasks`: the only way to reach the tasks table, always scoped to one user.

Functions get it from the `OwnTasks` dependency, built from the token's session, so no route
can issue a query that forgets the owner. Another user's task and a missing one are the same
404: nothing tells them apart.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Depends, Path
from sqlalchemy import ColumnElement, delete, tuple_, update
from sqlmodel import Session, col, select

from shared.auth.principal import CurrentSession
from shared.db import DbSession
from shared.errors import NotFound
from shared.models import TaskRow
from shared.models.columns import utc_now
from shared.tasks.cursor import Cursor, decode_cursor
from shared.tasks.schemas import TaskCreate, TaskListQuery, TaskOut, TaskPage, TaskUpdate

_SORT_COLUMNS: dict[str, Any] = {
    "created": TaskRow.created_at,
    "updated": TaskRow.updated_at,
    "title": TaskRow.title,
}


def task_not_found() -> NotFound:
    return NotFound("Task not found.")


def parse_task_id(raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise task_not_found() from None


def _out(row: TaskRow) -> TaskOut:
    return TaskOut.model_validate(row, from_attributes=True)


class UserTasks:
    def __init__(self, db: Session, *, owner_id: uuid.UUID) -> None:
        self._db = db
        self._owner_id = owner_id

    def _owned(self, task_id: uuid.UUID) -> ColumnElement[bool]:
        return (col(TaskRow.id) == task_id) & (col(TaskRow.user_id) == self._owner_id)

    def list(self, query: TaskListQuery) -> TaskPage:
        sort_column = _SORT_COLUMNS[query.sort]
        ascending = query.order == "asc"
        statement = select(TaskRow).where(TaskRow.user_id == self._owner_id)
        if query.status != "all":
            statement = statement.where(TaskRow.completed == (query.status == "completed"))
        if query.cursor:
            after = decode_cursor(query.cursor, sort=query.sort, order=query.order)
            key = tuple_(sort_column, TaskRow.id)
            statement = statement.where(
                key > (after.value, after.id) if ascending else key < (after.value, after.id)
            )
        direction = "asc" if ascending else "desc"
        statement = statement.order_by(
            getattr(sort_column, direction)(), getattr(col(TaskRow.id), direction)()
        )
        # One row more than asked for tells whether another page exists.
        rows = list(self._db.exec(statement.limit(query.limit + 1)))
        self._db.commit()
        page = rows[: query.limit]
        next_cursor = None
        if len(rows) > query.limit:
            last = page[-1]
            next_cursor = Cursor(
                query.sort, query.order, getattr(last, sort_column.key), last.id
            ).encode()
        return TaskPage(items=[_out(row) for row in page], next_cursor=next_cursor)

    def create(self, data: TaskCreate) -> TaskOut:
        now = utc_now()
        row = TaskRow(
            user_id=self._owner_id,
            title=data.title,
            description=data.description,
            created_at=now,
            updated_at=now,
        )
        self._db.add(row)
        self._db.commit()
        return _out(row)

    def get(self, raw_id: str) -> TaskOut:
        row = self._db.exec(select(TaskRow).where(self._owned(parse_task_id(raw_id)))).first()
        self._db.commit()
        if row is None:
            raise task_not_found()
        return _out(row)

    def update(self, raw_id: str, changes: TaskUpdate) -> TaskOut:
        return self._write(raw_id, {**changes.changes(), "updated_at": utc_now()})

    def toggle(self, raw_id: str) -> TaskOut:
        # One statement: two quick toggles can never both read the same old value.
        return self._write(raw_id, {"completed": ~col(TaskRow.completed), "updated_at": utc_now()})

    def delete(self, raw_id: str) -> None:
        deleted = self._db.exec(
            delete(TaskRow).where(self._owned(parse_task_id(raw_id))).returning(col(TaskRow.id))
        ).first()
        self._db.commit()
        if deleted is None:
            raise task_not_found()

    def _write(self, raw_id: str, values: dict[str, Any]) -> TaskOut:
        row = self._db.scalars(
            update(TaskRow)
            .where(self._owned(parse_task_id(raw_id)))
            .values(**values)
            .returning(TaskRow)
        ).first()
        self._db.commit()
        if row is None:
            raise task_not_found()
        return _out(row)


async def own_tasks(current: CurrentSession, db: DbSession) -> UserTasks:
    return UserTasks(db, owner_id=current.user.id)


OwnTasks = Annotated[UserTasks, Depends(own_tasks)]
# A plain string: a malformed id (however long) must be the same 404 as a missing task, not a
# 400 or 422. `parse_task_id` rejects anything that is not a UUID in linear time.
TaskId = Annotated[str, Path(alias="id")]
