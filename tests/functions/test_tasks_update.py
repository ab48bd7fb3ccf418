"""tasks-update (PUT /api/tasks/{id}) through its Mangum handler."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.support.accounts import Account
from tests.support.lambda_client import LambdaResponse, invoke
from tests.support.tasks import (
    BAD_AUTH_HEADERS,
    BAD_AUTH_IDS,
    NON_UUID_IDS,
    assert_error,
    assert_task_shape,
    assert_unauthorized,
    create_task,
    get_task,
    next_millisecond,
    parse_time,
    random_missing_id,
)


@pytest.fixture
def task(account: Account) -> dict[str, Any]:
    return create_task(account.token, "Original title", "Original description")


def put(account: Account, task_id: str, body: Any) -> LambdaResponse:
    return invoke("tasks-update", token=account.token, task_id=task_id, json=body)


def test_update_all_fields(account: Account, task: dict[str, Any]) -> None:
    next_millisecond()
    response = put(
        account, task["id"], {"title": "New title", "description": "New", "completed": True}
    )
    assert response.status == 200
    updated = response.body
    assert_task_shape(updated)
    assert updated["id"] == task["id"]
    assert (updated["title"], updated["description"], updated["completed"]) == (
        "New title",
        "New",
        True,
    )
    assert parse_time(updated["createdAt"]) == parse_time(task["createdAt"])
    assert parse_time(updated["updatedAt"]) > parse_time(task["updatedAt"])
    assert get_task(account.token, task["id"]) == updated


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"title": "Only title"}, ("Only title", "Original description", False)),
        ({"description": "Only description"}, ("Original title", "Only description", False)),
        ({"description": ""}, ("Original title", "", False)),
        ({"completed": True}, ("Original title", "Original description", True)),
        ({"completed": False}, ("Original title", "Original description", False)),
        ({"title": "  trimmed  "}, ("trimmed", "Original description", False)),
        ({"title": "x" * 200, "description": "d" * 2000}, ("x" * 200, "d" * 2000, False)),
    ],
)
def test_partial_update_changes_only_what_is_sent(
    account: Account,
    task: dict[str, Any],
    changes: dict[str, Any],
    expected: tuple[str, str, bool],
) -> None:
    response = put(account, task["id"], changes)
    assert response.status == 200, response.body
    stored = get_task(account.token, task["id"])
    assert stored == response.body
    assert (stored["title"], stored["description"], stored["completed"]) == expected


def test_update_can_uncomplete(account: Account, task: dict[str, Any]) -> None:
    assert put(account, task["id"], {"completed": True}).body["completed"] is True
    assert put(account, task["id"], {"completed": False}).body["completed"] is False
    assert get_task(account.token, task["id"])["completed"] is False


def test_updated_at_moves_forward_on_every_update(account: Account, task: dict[str, Any]) -> None:
    stamps = [parse_time(task["updatedAt"])]
    for title in ("one", "two", "three"):
        next_millisecond()
        stamps.append(parse_time(put(account, task["id"], {"title": title}).body["updatedAt"]))
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == len(stamps)


BAD_BODIES: list[tuple[str, Any]] = [
    ("empty body", {}),
    ("null title", {"title": None}),
    ("null description", {"description": None}),
    ("null completed", {"completed": None}),
    ("null among valid", {"title": "fine", "completed": None}),
    ("empty title", {"title": ""}),
    ("whitespace title", {"title": "  \t "}),
    ("201 chars", {"title": "x" * 201}),
    ("201 chars after trimming", {"title": " " + "x" * 201 + " "}),
    ("number title", {"title": 7}),
    ("list title", {"title": ["x"]}),
    ("description 2001", {"description": "d" * 2001}),
    ("number description", {"description": 3}),
    ("string completed", {"completed": "true"}),
    ("yes completed", {"completed": "yes"}),
    ("number completed", {"completed": 1}),
    ("zero completed", {"completed": 0}),
    ("NUL in title", {"title": "a\u0000"}),
    ("NUL in description", {"description": "\u0000"}),
    ("unknown field", {"title": "ok", "priority": 1}),
    ("only unknown field", {"done": True}),
    ("id in body", {"id": "00000000-0000-0000-0000-000000000001"}),
    ("owner in body", {"userId": "00000000-0000-0000-0000-000000000001"}),
    ("timestamps in body", {"updatedAt": "2000-01-01T00:00:00Z"}),
]


@pytest.mark.parametrize(("case", "body"), BAD_BODIES, ids=[case for case, _ in BAD_BODIES])
def test_bad_input_is_400_and_changes_nothing(
    account: Account, task: dict[str, Any], case: str, body: Any
) -> None:
    response = put(account, task["id"], body)
    assert_error(response, 400, "VALIDATION_ERROR")
    assert get_task(account.token, task["id"]) == task, f"{case}: a rejected update changed it"


@pytest.mark.parametrize("raw", ["{", '{"title": }', "title=x", '{"title": "a"'])
def test_invalid_json_is_400(account: Account, task: dict[str, Any], raw: str) -> None:
    response = invoke(
        "tasks-update",
        token=account.token,
        task_id=task["id"],
        raw_body=raw,
        headers={"Content-Type": "application/json"},
    )
    assert_error(response, 400, "INVALID_JSON")
    assert get_task(account.token, task["id"]) == task


@pytest.mark.parametrize("body", [[], [{"title": "x"}], "x", 1, None])
def test_json_that_is_not_an_object_is_400(
    account: Account, task: dict[str, Any], body: Any
) -> None:
    response = invoke(
        "tasks-update",
        token=account.token,
        task_id=task["id"],
        raw_body=json.dumps(body),
        headers={"Content-Type": "application/json"},
    )
    assert response.status == 400, response.body
    assert response.code in {"INVALID_JSON", "VALIDATION_ERROR"}
    assert get_task(account.token, task["id"]) == task


def test_missing_task_is_404(account: Account) -> None:
    response = put(account, random_missing_id(), {"title": "ghost"})
    assert_error(response, 404, "NOT_FOUND")


def test_deleted_task_is_404_and_not_resurrected(account: Account, task: dict[str, Any]) -> None:
    assert invoke("tasks-delete", token=account.token, task_id=task["id"]).status == 204
    response = put(account, task["id"], {"title": "back from the dead"})
    assert_error(response, 404, "NOT_FOUND")
    assert_error(invoke("tasks-get", token=account.token, task_id=task["id"]), 404, "NOT_FOUND")


@pytest.mark.parametrize("bad_id", NON_UUID_IDS)
def test_non_uuid_id_is_404(account: Account, bad_id: str) -> None:
    response = put(account, bad_id, {"title": "x"})
    assert_error(response, 404, "NOT_FOUND")


@pytest.mark.parametrize("headers", BAD_AUTH_HEADERS, ids=BAD_AUTH_IDS)
def test_without_a_valid_token_is_401_and_changes_nothing(
    account: Account, task: dict[str, Any], headers: dict[str, str]
) -> None:
    response = invoke(
        "tasks-update", task_id=task["id"], json={"title": "hijacked"}, headers=headers
    )
    assert_unauthorized(response)
    assert get_task(account.token, task["id"]) == task
