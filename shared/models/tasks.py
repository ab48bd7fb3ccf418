from __future__ import annotations

import unicodedata
import uuid
from datetime import datetime

from sqlalchemy import Index, Text, false
from sqlmodel import Field, SQLModel

from shared.models.columns import timestamp_field

TITLE_MAX_CHARS = 200
DESCRIPTION_MAX_CHARS = 2000


def title_sort_key(title: str) -> str:
    """What "sort by title" orders by: case and accents ignored ("a very long" before "Write",
    "éclair" beside "Eclipse"). Stored beside the title with the "C" collation, so PostgreSQL's
    byte order is Python's order and the index serves every server, ICU or not."""
    decomposed = unicodedata.normalize("NFKD", title.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


class TaskBase(SQLModel):
    title: str = Field(max_length=TITLE_MAX_CHARS)
    description: str = Field(
        default="", max_length=DESCRIPTION_MAX_CHARS, sa_column_kwargs={"server_default": ""}
    )
    completed: bool = Field(default=False, sa_column_kwargs={"server_default": false()})


class Task(TaskBase, table=True):
    __tablename__ = "tasks"
    # Every list query is one user's tasks in created order, or in title order (the id breaks
    # ties for the cursor).
    __table_args__ = (
        Index("ix_tasks_user_id_created_at", "user_id", "created_at", "id"),
        Index("ix_tasks_user_id_title_key", "user_id", "title_key", "id"),
    )

    id: uuid.UUID = Field(primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE")
    title_key: str = Field(sa_type=Text(collation="C"))  # title_sort_key(title)
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()
