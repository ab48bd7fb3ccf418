"""What every table shares: the metadata they belong to, timestamp columns, reading a row."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any, ClassVar, Protocol, TypeVar

from sqlalchemy import Column, DateTime, MetaData, Row, Table, func

metadata = MetaData()


class _RowType(Protocol):
    """Any of the dataclass row types."""

    __dataclass_fields__: ClassVar[dict[str, Any]]


RowT = TypeVar("RowT", bound=_RowType)


def utc_now() -> datetime:
    return datetime.now(UTC)


def timestamp_column(name: str, *, nullable: bool = False, server_default: bool = True) -> Any:
    return Column(
        name,
        DateTime(timezone=True),
        nullable=nullable,
        server_default=func.now() if server_default else None,
    )


def read_row(row: Row[Any], table: Table, row_type: type[RowT]) -> RowT:
    """One table's columns of a result row as its row type (keyed by column, so joins work)."""
    values = row._mapping
    return row_type(**{column.name: values[column] for column in table.columns})


def row_values(row: _RowType) -> dict[str, Any]:
    """A row type's fields as insert values."""
    return {field.name: getattr(row, field.name) for field in dataclasses.fields(row)}
