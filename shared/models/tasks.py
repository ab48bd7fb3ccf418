from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Index, false
from sqlmodel import Field, SQLModel

from shared.models.columns import timestamp_field

TITLE_MAX_CHARS = 200
DESCRIPTION_MAX_CHARS = 2000


class TaskBase(SQLModel):
    title: str = Field(max_length=TITLE_MAX_CHARS)
    description: str = Field(
        default="", max_length=DESCRIPTION_MAX_CHARS, sa_column_kwargs={"server_default": ""}
    )
    completed: bool = Field(default=False, sa_column_kwargs={"server_default": false()})


class Task(TaskBase, table=True):
    __tablename__ = "tasks"
    # Every list query is one user's tasks in created order (the id breaks ties for the cursor).
    __table_args__ = (Index("ix_tasks_user_id_created_at", "user_id", "created_at", "id"),)

    id: uuid.UUID = Field(primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE")
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()
