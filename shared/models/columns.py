"""Column helpers shared by every table."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, DateTime, func


def utc_now() -> datetime:
    return datetime.now(UTC)


def timestamp_column(*, nullable: bool = False, server_default: bool = True) -> Any:
    return Column(
        DateTime(timezone=True),
        nullable=nullable,
        server_default=func.now() if server_default else None,
    )
