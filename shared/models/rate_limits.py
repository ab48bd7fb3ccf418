from __future__ import annotations

from datetime import datetime

from sqlalchemy import ARRAY, DateTime, Text
from sqlmodel import Field, SQLModel


class RateLimitBucket(SQLModel, table=True):
    """One limiter key's admitted attempts still inside the window (see `shared.limiter`)."""

    __tablename__ = "rate_limit_buckets"

    key: str = Field(primary_key=True, sa_type=Text)
    attempts: list[datetime] = Field(sa_type=ARRAY(DateTime(timezone=True)))
    admitted: bool
    # The purge finds expired buckets through this index, never by scanning the table.
    expires_at: datetime = Field(
        index=True,
        sa_type=DateTime(timezone=True),
    )
