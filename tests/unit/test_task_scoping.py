"""Every task statement carries the owner's bound parameter: none can forget the caller."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from sqlalchemy.dialects import postgresql

from shared.tasks import repository


def _binds(statement: Any) -> set[str]:
    return set(statement.compile(dialect=postgresql.dialect()).params)  # type: ignore[no-untyped-call]


@pytest.mark.parametrize("name", ["_GET", "_DELETE", "_TOGGLE"])
def test_single_task_statements_are_scoped_to_owner_and_task(name: str) -> None:
    assert {"owner_id", "task_id"} <= _binds(getattr(repository, name))


@pytest.mark.parametrize(
    ("status", "sort", "order", "after_cursor"),
    list(
        itertools.product(
            ["all", "pending", "completed"],
            ["created", "updated", "title"],
            ["asc", "desc"],
            [False, True],
        )
    ),
)
def test_every_list_statement_is_scoped_to_the_owner(
    status: str, sort: str, order: str, after_cursor: bool
) -> None:
    assert "owner_id" in _binds(repository._list_statement(status, sort, order, after_cursor))
