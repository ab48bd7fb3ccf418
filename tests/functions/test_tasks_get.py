"""tasks-get (GET /api/tasks/{id}) through its Mangum handler."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.accounts import Account
from tests.support.lambda_client import invoke
from tests.support.tasks import (
    BAD_AUTH_HEADERS,
    BAD_AUTH_IDS,
    NON_UUID_IDS,
    assert_error,
    assert_task_shape,
    assert_unauthorized,
    create_task,
    other_spelling,
    random_missing_id,
)


@pytest.fixture(scope="module")
def task(account: Account) -> dict[str, Any]:
    return create_task(account.token, "Read a book", "Chapter 3")


def test_get_returns_the_task(account: Account, task: dict[str, Any]) -> None:
    response = invoke("tasks-get", token=account.token, task_id=task["id"])
    assert response.status == 200
    assert_task_shape(response.body)
    assert response.body == task


@pytest.mark.parametrize("spelling", ["upper", "braces", "urn", "no hyphens"])
def test_another_spelling_of_the_id_is_404(
    account: Account, task: dict[str, Any], spelling: str
) -> None:
    """A task has one URL: only the canonical lowercase hyphenated id names it."""
    response = invoke(
        "tasks-get", token=account.token, task_id=other_spelling(task["id"], spelling)
    )
    assert_error(response, 404, "NOT_FOUND")


def test_missing_task_is_404(account: Account) -> None:
    response = invoke("tasks-get", token=account.token, task_id=random_missing_id())
    assert_error(response, 404, "NOT_FOUND")


def test_deleted_task_is_404(account: Account) -> None:
    doomed = create_task(account.token, "Short-lived")
    assert invoke("tasks-delete", token=account.token, task_id=doomed["id"]).status == 204
    response = invoke("tasks-get", token=account.token, task_id=doomed["id"])
    assert_error(response, 404, "NOT_FOUND")


@pytest.mark.parametrize("bad_id", NON_UUID_IDS)
def test_non_uuid_id_is_404_never_400_or_500(account: Account, bad_id: str) -> None:
    response = invoke("tasks-get", token=account.token, task_id=bad_id)
    assert_error(response, 404, "NOT_FOUND")


def test_non_uuid_and_missing_answers_are_identical(account: Account) -> None:
    missing = invoke("tasks-get", token=account.token, task_id=random_missing_id())
    malformed = invoke("tasks-get", token=account.token, task_id="abc")
    assert (missing.status, missing.body) == (malformed.status, malformed.body)


@pytest.mark.parametrize("headers", BAD_AUTH_HEADERS, ids=BAD_AUTH_IDS)
def test_without_a_valid_token_is_401(task: dict[str, Any], headers: dict[str, str]) -> None:
    response = invoke("tasks-get", task_id=task["id"], headers=headers)
    assert_unauthorized(response)


def test_401_comes_before_the_id_check() -> None:
    response = invoke("tasks-get", task_id="abc")
    assert_unauthorized(response)
