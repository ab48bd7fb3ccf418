from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Index, func, text
from sqlmodel import Field, SQLModel

from shared.email_address import EMAIL_MAX_CHARS
from shared.models.columns import timestamp_field

NAME_MAX_CHARS = 100
IMAGE_MAX_CHARS = 2048
# A versioned prefix and a 60-character bcrypt hash (see `shared.auth.passwords`).
PASSWORD_HASH_MAX_CHARS = 100


class UserBase(SQLModel):
    # Stored lower-cased; the unique index on lower(email) backs it up in the database.
    email: str = Field(max_length=EMAIL_MAX_CHARS)
    name: str = Field(max_length=NAME_MAX_CHARS)
    image: str | None = Field(default=None, max_length=IMAGE_MAX_CHARS)


class User(UserBase, table=True):
    __tablename__ = "users"
    __table_args__ = (Index("users_email_lower_key", func.lower(text("email")), unique=True),)

    id: uuid.UUID = Field(primary_key=True)
    password_hash: str = Field(max_length=PASSWORD_HASH_MAX_CHARS)
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()
