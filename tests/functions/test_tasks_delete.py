"""tasks-delete (DELETE /api/tasks/{id}) through its Mangum handler."""

from __future__ import annotations

import pytest

from tests.support.accounts import Account
from tests.support.lambda_client import invoke
from tests.support.tasks import (
    BAD_AUTH_HEADERS,
    BAD_AUTH_IDS,
    NON_UUID_IDS,
    assert_error,
    assert_unauthorized,
    create_task,
    get_task,
    list_all,
    other_spelling,
    random_missing_id,
)


def test_delete_is_204_with_an_empty_body(account: Account) -> None:
    task = create_task(account.token, "Delete me")
    response = invoke("tasks-delete", token=account.token, task_id=task["id"])
    assert response.status == 204
    assert response.body is None
    assert response.headers.get("content-length", "0") == "0"
    assert "content-type" not in response.headers or "json" not in response.headers["content-type"]


def test_deleted_task_is_gone_and_others_stay(account: Account) -> None:
    keep = create_task(account.token, "Keep me")
    doomed = create_task(account.token, "Delete me")
    assert invoke("tasks-delete", token=account.token, task_id=doomed["id"]).status == 204
    assert_error(invoke("tasks-get", token=account.token, task_id=doomed["id"]), 404, "NOT_FOUND")
    ids = {task["id"] for task in list_all(account.token, limit=100)}
    assert doomed["id"] not in ids
    assert keep["id"] in ids
    assert get_task(account.token, keep["id"]) == keep


def test_deleting_twice_is_404_the_second_time(account: Account) -> None:
    task = create_task(account.token, "Once")
    assert invoke("tasks-delete", token=account.token, task_id=task["id"]).status == 204
    again = invoke("tasks-delete", token=account.token, task_id=task["id"])
    assert_error(again, 404, "NOT_FOUND")
    missing = invoke("tasks-delete", token=account.token, task_id=random_missing_id())
    assert again.body == missing.body


@pytest.mark.parametrize("spelling", ["upper", "braces", "urn", "no hyphens"])
def test_another_spelling_of_the_id_is_404_and_deletes_nothing(
    account: Account, spelling: str
) -> None:
    """A task has one URL: only the canonical lowercase hyphenated id names it."""
    task = create_task(account.token, "Shouting")
    response = invoke(
        "tasks-delete", token=account.token, task_id=other_spelling(task["id"], spelling)
    )
    assert_error(response, 404, "NOT_FOUND")
    assert invoke("tasks-get", token=account.token, task_id=task["id"]).status == 200


@pytest.mark.parametrize("bad_id", NON_UUID_IDS)
def test_non_uuid_id_is_404_and_deletes_nothing(account: Account, bad_id: str) -> None:
    before = list_all(account.token, limit=100)
    response = invoke("tasks-delete", token=account.token, task_id=bad_id)
    assert_error(response, 404, "NOT_FOUND")
    assert list_all(account.token, limit=100) == before


@pytest.mark.parametrize("headers", BAD_AUTH_HEADERS, ids=BAD_AUTH_IDS)
def test_without_a_valid_token_is_401_and_deletes_nothing(
    account: Account, headers: dict[str, str]
) -> None:
    task = create_task(account.token, "Protected")
    response = invoke("tasks-delete", task_id=task["id"], headers=headers)
    assert_unauthorized(response)
    assert get_task(account.token, task["id"]) == task
