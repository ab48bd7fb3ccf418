from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Column, ForeignKey, String, Table, Uuid

from shared.models.columns import metadata, timestamp_column

sessions_table = Table(
    "sessions",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    timestamp_column("created_at"),
    timestamp_column("updated_at"),
    timestamp_column("expires_at", server_default=False),
    timestamp_column("revoked_at", nullable=True, server_default=False),
    Column("ip_address", String(64)),
    Column("user_agent", String(512)),
)


@dataclass(frozen=True, slots=True)
class SessionRow:
    """A signed-in session; a token is honoured only while its row is live."""

    id: uuid.UUID
    user_id: uuid.UUID
    created_at: datetime
    updated_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    ip_address: str | None
    user_agent: str | None
