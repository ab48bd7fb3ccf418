"""What every table shares: timestamp columns and the clock that fills them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, func
from sqlmodel import Field


def utc_now() -> datetime:
    return datetime.now(UTC)


def timestamp_field(*, server_default: bool = True) -> Any:
    """A `timestamptz` column; `created_at` / `updated_at` default to the database's now()."""
    return Field(
        sa_type=DateTime(timezone=True),
        sa_column_kwargs={"server_default": func.now()} if server_default else {},
    )
