"""Row types read result rows by position, so each must list its table's columns in order."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import Table

from shared.models import SessionRow, TaskRow, UserRow, sessions_table, tasks_table, users_table
from shared.models.columns import read_row, row_values

PAIRS = [(users_table, UserRow), (sessions_table, SessionRow), (tasks_table, TaskRow)]


@pytest.mark.parametrize(("table", "row_type"), PAIRS, ids=lambda value: getattr(value, "name", ""))
def test_row_type_fields_follow_table_columns(table: Table, row_type: type) -> None:
    fields = [field.name for field in dataclasses.fields(row_type)]
    assert fields == [column.name for column in table.columns]


def test_read_row_splits_a_joined_row_at_the_second_table() -> None:
    now = datetime(2026, 1, 2, tzinfo=UTC)
    session = SessionRow(uuid.uuid4(), uuid.uuid4(), now, now, now, None, "192.0.2.1", "agent")
    user = UserRow(session.user_id, "a@example.com", "Ann", "$2b$12$hash", now, now)
    joined = (*row_values(session).values(), *row_values(user).values())
    assert read_row(joined, SessionRow) == session
    assert read_row(joined, UserRow, start=len(sessions_table.columns)) == user
