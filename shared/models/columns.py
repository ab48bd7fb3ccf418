"""What every table shares: the metadata they belong to, timestamp columns, reading a row."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, ClassVar, Protocol, TypeVar

from sqlalchemy import Column, DateTime, MetaData, Row, func

metadata = MetaData()


class _RowType(Protocol):
    """Any of the dataclass row types."""

    __dataclass_fields__: ClassVar[dict[str, Any]]


RowT = TypeVar("RowT", bound=_RowType)


def utc_now() -> datetime:
    return datetime.now(UTC)


def timestamp_column(
    name: str, *, nullable: bool = False, server_default: bool = True
) -> Column[datetime]:
    return Column(
        name,
        DateTime(timezone=True),
        nullable=nullable,
        server_default=func.now() if server_default else None,
    )


def read_row(row: Row[Any] | Sequence[Any], row_type: type[RowT], *, start: int = 0) -> RowT:
    """The row type from a result row's columns, by position from `start` (a join's second table).

    Positional because a row type lists its fields in its table's column order (a unit test
    holds every pair to it): by name costs five times as much, per row of every page.
    """
    width = len(row_type.__dataclass_fields__)
    return row_type(*row[start : start + width])


def row_values(row: _RowType) -> dict[str, Any]:
    """A row type's fields as insert values (shallow: `dataclasses.asdict` deep-copies each one)."""
    return {field.name: getattr(row, field.name) for field in dataclasses.fields(row)}
