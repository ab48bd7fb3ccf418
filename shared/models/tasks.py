from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Boolean, Column, ForeignKey, String, Table, Uuid

from shared.models.columns import metadata, timestamp_column

tasks_table = Table(
    "tasks",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("title", String(200), nullable=False),
    Column("description", String(2000), nullable=False),
    Column("completed", Boolean, nullable=False),
    timestamp_column("created_at"),
    timestamp_column("updated_at"),
)


@dataclass(frozen=True, slots=True)
class TaskRow:
    id: uuid.UUID
    user_id: uuid.UUID
    title: str
    description: str
    completed: bool
    created_at: datetime
    updated_at: datetime
