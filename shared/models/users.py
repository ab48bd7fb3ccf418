from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Column, String, Table, Uuid

from shared.models.columns import metadata, timestamp_column

users_table = Table(
    "users",
    metadata,
    Column("id", Uuid, primary_key=True),
    # Stored lower-cased; a unique index on lower(email) backs it up in the database.
    Column("email", String(254), nullable=False),
    Column("name", String(100), nullable=False),
    Column("password_hash", String(60), nullable=False),
    timestamp_column("created_at"),
    timestamp_column("updated_at"),
)


@dataclass(frozen=True, slots=True)
class UserRow:
    id: uuid.UUID
    email: str
    name: str
    password_hash: str
    created_at: datetime
    updated_at: datetime
