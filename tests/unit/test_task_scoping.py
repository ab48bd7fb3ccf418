"""Every task statement carries the owner's and the session's bound parameters: none can forget
the caller, and none can run for a session that has ended (the live check is in the statement)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from sqlalchemy.dialects import postgresql

from shared.tasks import repository


def _binds(statement: Any) -> set[str]:
    return set(statement.compile(dialect=postgresql.dialect()).params)  # type: ignore[no-untyped-call]


CALLER = {"owner_id", "session_id"}


@pytest.mark.parametrize("name", ["_GET", "_DELETE", "_TOGGLE"])
def test_single_task_statements_are_scoped_to_owner_and_task(name: str) -> None:
    assert {*CALLER, "task_id"} <= _binds(getattr(repository, name))


@pytest.mark.parametrize(
    "fields",
    [
        frozenset(chosen)
        for size in range(1, 4)
        for chosen in itertools.combinations(["title", "description", "completed"], size)
    ],
)
def test_every_update_statement_is_scoped_to_owner_and_task(fields: frozenset[str]) -> None:
    assert {*CALLER, "task_id"} <= _binds(repository._update_statement(fields))


def test_the_insert_checks_the_callers_session() -> None:
    assert _binds(repository._INSERT) >= CALLER


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
    assert _binds(repository._list_statement(status, sort, order, after_cursor)) >= CALLER
