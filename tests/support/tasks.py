"""Task helpers shared by the task function, isolation and property tests."""

from __future__ import annotations

import re
import time
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import text

from shared.db import get_engine
from tests.support.lambda_client import LambdaResponse, invoke

TASK_KEYS = {"id", "title", "description", "completed", "createdAt", "updatedAt"}

# What JavaScript's toISOString sends, and so what the frontend's Date parses exactly.
WIRE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")

TASK_ID_FUNCTIONS = ("tasks-get", "tasks-update", "tasks-delete", "tasks-toggle")
ALL_TASK_FUNCTIONS = ("tasks-list", "tasks-create", *TASK_ID_FUNCTIONS)


# Ids that are not UUIDs: every one must be the plain 404 a missing task gets, never a 400/500.
def other_spelling(task_id: str, spelling: str) -> str:
    """The same UUID written another way that uuid.UUID() would also accept."""
    return {
        "upper": task_id.upper(),
        "braces": "{" + task_id + "}",
        "urn": "urn:uuid:" + task_id,
        "no hyphens": task_id.replace("-", ""),
    }[spelling]


NON_UUID_IDS = [
    "abc",
    "1",
    "0",
    "-1",
    "' OR 1=1",
    "' OR '1'='1' --",
    "null",
    "undefined",
    "%00",
    "a" * 65,
    "a" * 2000,
    "1" * 36,
    "00000000-0000-0000-0000-00000000000g",
    "00000000-0000-0000-0000-0000000000000",
    "../tasks",
    "😀",
]

# Headers that must all be 401 UNAUTHORIZED + `WWW-Authenticate: Bearer`.
BAD_AUTH_HEADERS: list[dict[str, str]] = [
    {},
    {"Authorization": ""},
    {"Authorization": "Bearer"},
    {"Authorization": "Bearer not-a-jwt"},
    {"Authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"},
    {"Authorization": "Basic dXNlcjpwYXNz"},
    {"Authorization": "Token abc"},
]

BAD_AUTH_IDS = ["none", "empty", "bare-scheme", "garbage", "forged", "basic", "other-scheme"]


def assert_error(response: LambdaResponse, status: int, code: str) -> None:
    assert response.status == status, (response.status, response.body)
    assert isinstance(response.body, dict), response.body
    assert set(response.body) == {"code", "message"}, response.body
    assert response.body["code"] == code, response.body
    assert isinstance(response.body["message"], str)
    assert response.body["message"]


def assert_unauthorized(response: LambdaResponse) -> None:
    assert_error(response, 401, "UNAUTHORIZED")
    assert response.headers.get("www-authenticate") == "Bearer"


def parse_time(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    assert parsed.tzinfo is not None, value
    return parsed


def assert_task_shape(task: Any) -> None:
    assert isinstance(task, dict), task
    assert set(task) == TASK_KEYS, task
    assert str(uuid.UUID(task["id"])) == task["id"]
    assert isinstance(task["title"], str)
    assert isinstance(task["description"], str)
    assert isinstance(task["completed"], bool)
    assert WIRE_TIME.match(task["createdAt"]), task["createdAt"]
    assert WIRE_TIME.match(task["updatedAt"]), task["updatedAt"]
    assert parse_time(task["updatedAt"]) >= parse_time(task["createdAt"])


def next_millisecond() -> None:
    """Wire times have millisecond precision: wait one out so the next write's time is later."""
    time.sleep(0.002)


def database_times(user_id: str) -> dict[str, tuple[datetime, datetime]]:
    """Each of the user's tasks' (created_at, updated_at) at the database's full precision: the
    order the API sorts by, which millisecond wire times cannot always tell apart."""
    with get_engine().connect() as connection:
        rows = connection.execute(
            text(
                "SELECT id, created_at, updated_at FROM tasks"
                " WHERE user_id = CAST(:user_id AS uuid)"
            ),
            {"user_id": user_id},
        ).all()
    return {str(row.id): (row.created_at, row.updated_at) for row in rows}


def create_task(token: str, title: str, description: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"title": title}
    if description is not None:
        body["description"] = description
    response = invoke("tasks-create", token=token, json=body)
    assert response.status == 201, response.body
    assert_task_shape(response.body)
    task: dict[str, Any] = response.body
    return task


def get_task(token: str, task_id: str) -> dict[str, Any]:
    response = invoke("tasks-get", token=token, task_id=task_id)
    assert response.status == 200, response.body
    task: dict[str, Any] = response.body
    return task


def list_page(token: str, **query: str | int) -> dict[str, Any]:
    response = invoke("tasks-list", token=token, query={k: str(v) for k, v in query.items()})
    assert response.status == 200, response.body
    assert set(response.body) == {"items", "nextCursor"}, response.body
    page: dict[str, Any] = response.body
    return page


def list_all(token: str, *, max_pages: int = 1000, **query: str | int) -> list[dict[str, Any]]:
    """Every task of the listing, following `nextCursor` to the end."""
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    for _ in range(max_pages):
        page = list_page(token, **query, **({"cursor": cursor} if cursor else {}))
        items.extend(page["items"])
        cursor = page["nextCursor"]
        if cursor is None:
            return items
        # A cursor is only handed out when another page really exists.
        assert page["items"], "a next cursor after an empty page"
    raise AssertionError("pagination did not end")


def random_missing_id() -> str:
    return str(uuid.uuid4())
