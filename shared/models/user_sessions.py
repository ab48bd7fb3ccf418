from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime
from sqlmodel import Field, SQLModel

from shared.models.columns import timestamp_field

IP_ADDRESS_MAX_CHARS = 64
USER_AGENT_MAX_CHARS = 512


class SessionBase(SQLModel):
    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    expires_at: datetime = timestamp_field(server_default=False)
    ip_address: str | None = Field(default=None, max_length=IP_ADDRESS_MAX_CHARS)
    user_agent: str | None = Field(default=None, max_length=USER_AGENT_MAX_CHARS)


class UserSession(SessionBase, table=True):
    """A signed-in session; a token is honoured only while its row is live."""

    __tablename__ = "sessions"

    id: uuid.UUID = Field(primary_key=True)
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()
    revoked_at: datetime | None = Field(
        default=None,
        sa_type=DateTime(timezone=True),
    )
