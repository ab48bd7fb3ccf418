"""Deleting a user row removes their tasks and sessions (ON DELETE CASCADE), and only theirs."""

from __future__ import annotations

from sqlalchemy import text

from shared.db import get_engine
from tests.support.accounts import sign_up
from tests.support.lambda_client import invoke
from tests.support.tasks import assert_unauthorized, create_task, get_task


def count_rows(table: str, user_id: str) -> int:
    assert table in {"tasks", "sessions", "users"}
    column = "id" if table == "users" else "user_id"
    with get_engine().connect() as connection:
        value = connection.execute(
            text(f"SELECT count(*) FROM {table} WHERE {column} = CAST(:user_id AS uuid)"),
            {"user_id": user_id},
        ).scalar_one()
    return int(value)


def test_deleting_a_user_cascades_to_tasks_and_sessions(via: str) -> None:
    doomed = sign_up()
    bystander = sign_up()
    signed_in_again = invoke(
        "auth-sign-in", json={"email": doomed.email, "password": doomed.password}
    )
    assert signed_in_again.status == 200
    for index in range(3):
        create_task(doomed.token, f"doomed {index}")
    kept = create_task(bystander.token, "bystander's task")

    assert count_rows("tasks", doomed.user_id) == 3
    assert count_rows("sessions", doomed.user_id) == 2

    with get_engine().begin() as connection:
        deleted = connection.execute(
            text("DELETE FROM users WHERE id = CAST(:user_id AS uuid)"),
            {"user_id": doomed.user_id},
        ).rowcount
    assert deleted == 1

    assert count_rows("users", doomed.user_id) == 0
    assert count_rows("tasks", doomed.user_id) == 0
    assert count_rows("sessions", doomed.user_id) == 0
    # Their tokens are dead, on every route.
    assert_unauthorized(invoke("tasks-list", token=doomed.token))
    assert_unauthorized(invoke("tasks-list", token=signed_in_again.body["token"]))
    assert_unauthorized(invoke("tasks-create", token=doomed.token, json={"title": "zombie"}))
    # Nobody else lost anything.
    assert count_rows("tasks", bystander.user_id) == 1
    assert count_rows("sessions", bystander.user_id) == 1
    assert get_task(bystander.token, kept["id"]) == kept
