"""A session that has ended can no longer read or change even its owner's tasks.

Task statements check the caller's session themselves, in the same round trip: once it has
been signed out or has expired in the database, every task route answers 401 (whatever the id)
and nothing is read, written or deleted. Runs direct and through PgBouncer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.support.accounts import Account, expire_session_in_the_database, sign_up
from tests.support.lambda_client import invoke
from tests.support.tasks import (
    TASK_ID_FUNCTIONS,
    assert_unauthorized,
    create_task,
    list_all,
    random_missing_id,
)

# Every task route, with a body that a live session would have had accepted.
BODIES: dict[str, dict[str, Any]] = {
    "tasks-get": {},
    "tasks-update": {"json": {"title": "changed after the end", "completed": True}},
    "tasks-toggle": {},
    "tasks-delete": {},
}


def sign_out(account: Account) -> None:
    assert invoke("auth-sign-out", token=account.token).status == 200


ENDINGS: dict[str, Callable[[Account], None]] = {
    "signed-out": sign_out,
    "expired": expire_session_in_the_database,
}


def test_bodies_cover_every_task_id_function() -> None:
    assert set(BODIES) == set(TASK_ID_FUNCTIONS)


@pytest.mark.parametrize("ending", ENDINGS)
def test_every_task_route_refuses_an_ended_session_and_changes_nothing(
    via: str, ending: str
) -> None:
    ended = sign_up()
    task = create_task(ended.token, "kept", "exactly as it was")
    second = invoke("auth-sign-in", json={"email": ended.email, "password": ended.password})
    assert second.status == 200, second.body
    live_token: str = second.body["token"]

    ENDINGS[ending](ended)

    assert_unauthorized(invoke("tasks-list", token=ended.token))
    assert_unauthorized(invoke("tasks-create", token=ended.token, json={"title": "planted"}))
    for function, body in BODIES.items():
        for task_id in (task["id"], random_missing_id(), "not-a-uuid"):
            assert_unauthorized(invoke(function, token=ended.token, task_id=task_id, **body))

    # The owner's other session sees the one task, unchanged, and nothing planted.
    assert list_all(live_token) == [task]
