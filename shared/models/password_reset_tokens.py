from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime
from sqlmodel import Field, SQLModel

from shared.models.columns import timestamp_field

# SHA-256 of the token, hex: the token itself is only ever in the email.
TOKEN_HASH_CHARS = 64


class PasswordResetToken(SQLModel, table=True):
    """A pending password reset: single-use (consumed by deleting the row), short-lived."""

    __tablename__ = "password_reset_tokens"

    token_hash: str = Field(primary_key=True, max_length=TOKEN_HASH_CHARS)
    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    created_at: datetime = timestamp_field()
    # The purge of stale tokens finds them through this index.
    expires_at: datetime = Field(index=True, sa_type=DateTime(timezone=True))
