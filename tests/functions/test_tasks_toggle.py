"""tasks-toggle (PATCH /api/tasks/{id}/complete) through its Mangum handler."""

from __future__ import annotations

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
    get_task,
    next_millisecond,
    parse_time,
    random_missing_id,
)


def test_toggle_flips_completed_back_and_forth(account: Account) -> None:
    task = create_task(account.token, "Flip me", "keep this")
    previous = task
    for expected in (True, False, True):
        next_millisecond()
        response = invoke("tasks-toggle", token=account.token, task_id=task["id"])
        assert response.status == 200
        toggled = response.body
        assert_task_shape(toggled)
        assert toggled["completed"] is expected
        assert (toggled["id"], toggled["title"], toggled["description"]) == (
            task["id"],
            "Flip me",
            "keep this",
        )
        assert parse_time(toggled["createdAt"]) == parse_time(task["createdAt"])
        assert parse_time(toggled["updatedAt"]) > parse_time(previous["updatedAt"])
        assert get_task(account.token, task["id"]) == toggled
        previous = toggled


def test_toggle_ignores_a_body(account: Account) -> None:
    task = create_task(account.token, "Body is ignored")
    response = invoke(
        "tasks-toggle", token=account.token, task_id=task["id"], json={"completed": False}
    )
    assert response.status == 200
    assert response.body["completed"] is True


def test_missing_task_is_404(account: Account) -> None:
    response = invoke("tasks-toggle", token=account.token, task_id=random_missing_id())
    assert_error(response, 404, "NOT_FOUND")


def test_deleted_task_is_404(account: Account) -> None:
    task = create_task(account.token, "Gone")
    assert invoke("tasks-delete", token=account.token, task_id=task["id"]).status == 204
    assert_error(invoke("tasks-toggle", token=account.token, task_id=task["id"]), 404, "NOT_FOUND")


@pytest.mark.parametrize("bad_id", NON_UUID_IDS)
def test_non_uuid_id_is_404(account: Account, bad_id: str) -> None:
    response = invoke("tasks-toggle", token=account.token, task_id=bad_id)
    assert_error(response, 404, "NOT_FOUND")


@pytest.mark.parametrize("headers", BAD_AUTH_HEADERS, ids=BAD_AUTH_IDS)
def test_without_a_valid_token_is_401_and_changes_nothing(
    account: Account, headers: dict[str, str]
) -> None:
    task = create_task(account.token, "Protected")
    response = invoke("tasks-toggle", task_id=task["id"], headers=headers)
    assert_unauthorized(response)
    assert get_task(account.token, task["id"]) == task
