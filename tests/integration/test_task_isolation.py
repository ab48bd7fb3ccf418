"""One user can never see or touch another's tasks: every route answers 404 NOT_FOUND exactly as
for a task that does not exist, and nothing changes. Runs direct and through PgBouncer."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.accounts import Account, sign_up
from tests.support.lambda_client import LambdaResponse, invoke
from tests.support.tasks import (
    TASK_ID_FUNCTIONS,
    assert_error,
    create_task,
    get_task,
    list_all,
    list_page,
    random_missing_id,
)

# Each write a trespasser might try, with a body that would otherwise be valid.
TRESPASS: list[tuple[str, dict[str, Any]]] = [
    ("tasks-get", {}),
    ("tasks-update", {"json": {"title": "pwned"}}),
    ("tasks-update", {"json": {"completed": True}}),
    ("tasks-update", {"json": {"title": "pwned", "description": "x", "completed": True}}),
    ("tasks-toggle", {}),
    ("tasks-delete", {}),
]


@pytest.fixture(scope="module")
def alice() -> Account:
    return sign_up(name="Alice")


@pytest.fixture(scope="module")
def bob() -> Account:
    return sign_up(name="Bob")


def comparable(response: LambdaResponse) -> tuple[int, Any, dict[str, str]]:
    """Status, body and headers, without what differs per request anyway."""
    headers = {k: v for k, v in response.headers.items() if k not in {"date", "x-request-id"}}
    return response.status, response.body, headers


def test_routes_cover_every_task_id_function() -> None:
    assert {function for function, _ in TRESPASS} == set(TASK_ID_FUNCTIONS)


@pytest.mark.parametrize(
    ("function", "kwargs"), TRESPASS, ids=[f"{f}-{i}" for i, (f, _) in enumerate(TRESPASS)]
)
def test_another_users_task_is_indistinguishable_from_a_missing_one(
    via: str, alice: Account, bob: Account, function: str, kwargs: dict[str, Any]
) -> None:
    task = create_task(alice.token, "Alice's secret", "for Alice only")

    trespass = invoke(function, token=bob.token, task_id=task["id"], **kwargs)
    missing = invoke(function, token=bob.token, task_id=random_missing_id(), **kwargs)
    malformed = invoke(function, token=bob.token, task_id="not-a-uuid", **kwargs)

    assert_error(trespass, 404, "NOT_FOUND")
    assert comparable(trespass) == comparable(missing) == comparable(malformed)

    # Alice's task is untouched: same title, description, completion and updatedAt.
    assert get_task(alice.token, task["id"]) == task
    assert task["id"] in {t["id"] for t in list_all(alice.token, limit=100)}


def test_lists_only_ever_hold_their_owners_tasks(via: str, alice: Account, bob: Account) -> None:
    alices = {create_task(alice.token, f"alice {i}")["id"] for i in range(3)}
    bobs = {create_task(bob.token, f"bob {i}")["id"] for i in range(3)}
    for status in ("all", "pending", "completed"):
        for sort in ("created", "updated", "title"):
            seen_by_alice = {t["id"] for t in list_all(alice.token, status=status, sort=sort)}
            seen_by_bob = {t["id"] for t in list_all(bob.token, status=status, sort=sort)}
            assert seen_by_alice.isdisjoint(bobs)
            assert seen_by_bob.isdisjoint(alices)
    assert alices <= {t["id"] for t in list_all(alice.token, limit=100)}
    assert bobs <= {t["id"] for t in list_all(bob.token, limit=100)}


def test_another_users_cursor_shows_only_your_own_tasks(
    via: str, alice: Account, bob: Account
) -> None:
    """Cursors are positions, not grants: Bob replaying Alice's cursor still gets only his."""
    for i in range(3):
        create_task(alice.token, f"alice page {i}")
    alices_cursor = list_page(alice.token, limit=1, sort="created", order="asc")["nextCursor"]
    assert alices_cursor
    bobs_own = {t["id"] for t in list_all(bob.token, limit=100)}
    response = invoke(
        "tasks-list",
        token=bob.token,
        query={"cursor": alices_cursor, "sort": "created", "order": "asc", "limit": "100"},
    )
    assert response.status == 200
    assert {t["id"] for t in response.body["items"]} <= bobs_own


def test_create_cannot_plant_a_task_in_another_account(
    via: str, alice: Account, bob: Account
) -> None:
    response = invoke(
        "tasks-create", token=bob.token, json={"title": "planted", "userId": alice.user_id}
    )
    assert_error(response, 400, "VALIDATION_ERROR")
    assert "planted" not in {t["title"] for t in list_all(alice.token, limit=100)}
    made = create_task(bob.token, "mine")
    assert made["id"] not in {t["id"] for t in list_all(alice.token, limit=100)}
    assert get_task(bob.token, made["id"]) == made


def test_owner_can_still_do_everything_afterwards(via: str, alice: Account, bob: Account) -> None:
    task = create_task(alice.token, "survives")
    for function, kwargs in TRESPASS:
        invoke(function, token=bob.token, task_id=task["id"], **kwargs)
    assert get_task(alice.token, task["id"]) == task
    updated = invoke("tasks-update", token=alice.token, task_id=task["id"], json={"title": "ok"})
    assert updated.status == 200
    assert invoke("tasks-toggle", token=alice.token, task_id=task["id"]).status == 200
    assert invoke("tasks-delete", token=alice.token, task_id=task["id"]).status == 204
