"""tasks-create (POST /api/tasks) through its Mangum handler."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.support.accounts import Account
from tests.support.lambda_client import LambdaResponse, invoke
from tests.support.tasks import (
    BAD_AUTH_HEADERS,
    BAD_AUTH_IDS,
    assert_error,
    assert_task_shape,
    assert_unauthorized,
    get_task,
    list_all,
    parse_time,
)


def post_raw(token: str, raw: str) -> LambdaResponse:
    """Sends `raw` as the JSON body, exactly as given."""
    return invoke(
        "tasks-create", token=token, raw_body=raw, headers={"Content-Type": "application/json"}
    )


def post_utf8(token: str, body: Any) -> LambdaResponse:
    """Sends JSON as browsers do (UTF-8, not \\u-escaped), so long non-ASCII text stays small."""
    return post_raw(token, json.dumps(body, ensure_ascii=False))


def test_create_returns_201_and_the_task(account: Account) -> None:
    before = datetime.now(UTC)
    response = invoke(
        "tasks-create", token=account.token, json={"title": "Buy milk", "description": "2 litres"}
    )
    after = datetime.now(UTC)
    assert response.status == 201
    assert response.headers["content-type"] == "application/json"
    task = response.body
    assert_task_shape(task)
    assert task["title"] == "Buy milk"
    assert task["description"] == "2 litres"
    assert task["completed"] is False
    assert task["createdAt"] == task["updatedAt"]
    created = parse_time(task["createdAt"])
    assert before - timedelta(seconds=1) <= created <= after + timedelta(seconds=1)
    # Stored exactly as answered.
    stored = get_task(account.token, task["id"])
    assert stored["id"] == task["id"]
    assert (stored["title"], stored["description"], stored["completed"]) == (
        "Buy milk",
        "2 litres",
        False,
    )
    assert parse_time(stored["createdAt"]) == created
    assert parse_time(stored["updatedAt"]) == parse_time(task["updatedAt"])


def test_description_defaults_to_empty(account: Account) -> None:
    response = invoke("tasks-create", token=account.token, json={"title": "No description"})
    assert response.status == 201
    assert response.body["description"] == ""


def test_each_create_is_a_new_task(account: Account) -> None:
    first = invoke("tasks-create", token=account.token, json={"title": "Same"})
    second = invoke("tasks-create", token=account.token, json={"title": "Same"})
    assert first.status == second.status == 201
    assert first.body["id"] != second.body["id"]
    ids = {task["id"] for task in list_all(account.token, limit=100)}
    assert {first.body["id"], second.body["id"]} <= ids


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("  padded  ", "padded"),
        ("\tTabbed\n", "Tabbed"),
        ("inner  spaces stay", "inner  spaces stay"),
        ("\u00a0non-breaking\u3000", "non-breaking"),
        (" " * 50 + "x" * 200 + " " * 50, "x" * 200),
    ],
)
def test_title_is_stored_trimmed(account: Account, sent: str, stored: str) -> None:
    response = invoke("tasks-create", token=account.token, json={"title": sent})
    assert response.status == 201, response.body
    assert response.body["title"] == stored
    assert get_task(account.token, response.body["id"])["title"] == stored


@pytest.mark.parametrize(
    ("title", "description"),
    [
        ("x", ""),
        ("x" * 200, "d" * 2000),
        ("é" * 200, "é" * 2000),
        ("😀" * 200, "😀" * 2000),
        ("quotes ' \" and \\ backslash", "<script>alert(1)</script>"),
        ("'); DROP TABLE tasks; --", "line\nbreaks\r\nand\ttabs"),
    ],
)
def test_limits_and_unusual_text_are_kept_exactly(
    account: Account, title: str, description: str
) -> None:
    response = post_utf8(account.token, {"title": title, "description": description})
    assert response.status == 201, response.body
    stored = get_task(account.token, response.body["id"])
    assert stored["title"] == title
    assert stored["description"] == description


BAD_BODIES: list[tuple[str, Any]] = [
    ("missing title", {}),
    ("missing title, description only", {"description": "x"}),
    ("empty title", {"title": ""}),
    ("whitespace title", {"title": "   "}),
    ("tabs and newlines title", {"title": "\t\n\r "}),
    ("201 chars", {"title": "x" * 201}),
    ("201 chars after trimming", {"title": "  " + "x" * 201 + "  "}),
    ("201 emoji", {"title": "😀" * 201}),
    ("huge title", {"title": "x" * 5000}),
    ("null title", {"title": None}),
    ("number title", {"title": 5}),
    ("boolean title", {"title": True}),
    ("list title", {"title": ["a"]}),
    ("object title", {"title": {"text": "a"}}),
    ("description 2001", {"title": "ok", "description": "d" * 2001}),
    ("description 2001 emoji", {"title": "ok", "description": "😀" * 2001}),
    ("null description", {"title": "ok", "description": None}),
    ("number description", {"title": "ok", "description": 1}),
    ("NUL in title", {"title": "a\u0000b"}),
    ("NUL in description", {"title": "ok", "description": "a\u0000b"}),
    ("unknown field", {"title": "ok", "priority": "high"}),
    ("client-chosen id", {"title": "ok", "id": "00000000-0000-0000-0000-000000000001"}),
    ("client-chosen owner", {"title": "ok", "userId": "00000000-0000-0000-0000-000000000001"}),
    ("completed on create", {"title": "ok", "completed": True}),
    ("client timestamps", {"title": "ok", "createdAt": "2000-01-01T00:00:00Z"}),
]


@pytest.mark.parametrize(("case", "body"), BAD_BODIES, ids=[case for case, _ in BAD_BODIES])
def test_bad_input_is_400_validation_error(account: Account, case: str, body: Any) -> None:
    before = {task["id"] for task in list_all(account.token, limit=100)}
    response = post_utf8(account.token, body)
    assert_error(response, 400, "VALIDATION_ERROR")
    after = {task["id"] for task in list_all(account.token, limit=100)}
    assert after == before, f"{case}: a rejected create stored something"


@pytest.mark.parametrize(
    "raw",
    ['{"title": "a\\ud800b"}', '{"title": "ok", "description": "\\udfff"}'],
    ids=["lone surrogate in title", "lone surrogate in description"],
)
def test_unstorable_unicode_is_400_not_500(account: Account, raw: str) -> None:
    """JSON can escape a lone UTF-16 surrogate that PostgreSQL (UTF-8) cannot store."""
    response = post_raw(account.token, raw)
    assert_error(response, 400, "VALIDATION_ERROR")


@pytest.mark.parametrize(
    "raw", ['{"title": ', "{", "not json", '{"title": "a",}', "'title'", '{"title": "a"}x']
)
def test_invalid_json_is_400_invalid_json(account: Account, raw: str) -> None:
    response = post_raw(account.token, raw)
    assert_error(response, 400, "INVALID_JSON")


@pytest.mark.parametrize("body", [[], ["title"], "title", 5, None, True])
def test_json_that_is_not_an_object_is_400(account: Account, body: Any) -> None:
    response = post_raw(account.token, json.dumps(body))
    assert response.status == 400, response.body
    assert response.code in {"INVALID_JSON", "VALIDATION_ERROR"}
    assert set(response.body) == {"code", "message"}


def test_no_body_is_400(account: Account) -> None:
    response = invoke("tasks-create", token=account.token)
    assert_error(response, 400, "VALIDATION_ERROR")


def test_largest_valid_task_fits_even_with_every_character_escaped(account: Account) -> None:
    body = {"title": "😀" * 200, "description": "😀" * 2000}
    raw = json.dumps(body, ensure_ascii=True)  # \ud83d\ude00 per emoji: about 26 KB
    response = post_raw(account.token, raw)
    assert response.status == 201, response.body
    assert response.body["description"] == body["description"]


def test_oversized_body_is_413(account: Account) -> None:
    response = invoke(
        "tasks-create", token=account.token, json={"title": "ok", "description": "d" * 70_000}
    )
    assert_error(response, 413, "PAYLOAD_TOO_LARGE")


@pytest.mark.parametrize("headers", BAD_AUTH_HEADERS, ids=BAD_AUTH_IDS)
def test_without_a_valid_token_is_401(headers: dict[str, str]) -> None:
    response = invoke("tasks-create", json={"title": "sneaky"}, headers=headers)
    assert_unauthorized(response)


def test_401_comes_before_validation(account: Account) -> None:
    """An anonymous caller learns nothing about the body rules."""
    response = invoke("tasks-create", json={"title": "", "bogus": 1})
    assert_unauthorized(response)
