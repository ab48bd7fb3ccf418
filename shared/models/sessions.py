from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from shared.models.columns import timestamp_column, utc_now


class SessionRow(SQLModel, table=True):
    """A signed-in session; a token is honoured only while its row is live."""

    __tablename__ = "sessions"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    created_at: datetime = Field(default_factory=utc_now, sa_column=timestamp_column())
    updated_at: datetime = Field(default_factory=utc_now, sa_column=timestamp_column())
    expires_at: datetime = Field(sa_column=timestamp_column(server_default=False))
    revoked_at: datetime | None = Field(
        default=None, sa_column=timestamp_column(nullable=True, server_default=False)
    )
    ip_address: str | None = Field(default=None, max_length=64)
    user_agent: str | None = Field(default=None, max_length=512)
