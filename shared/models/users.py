from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from shared.models.columns import timestamp_column, utc_now


class UserRow(SQLModel, table=True):
    __tablename__ = "users"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    # Stored lower-cased; a unique index on lower(email) backs it up in the database.
    email: str = Field(max_length=254)
    name: str = Field(max_length=100)
    password_hash: str = Field(max_length=60)
    created_at: datetime = Field(default_factory=utc_now, sa_column=timestamp_column())
    updated_at: datetime = Field(default_factory=utc_now, sa_column=timestamp_column())
