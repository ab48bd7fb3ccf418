"""auth-delete-user through its Mangum handler."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func
from sqlmodel import col, select

from shared.db import get_engine
from shared.models import Task, User, UserSession
from tests.support.accounts import age_session_in_the_database, sign_in, sign_up
from tests.support.lambda_client import invoke
from tests.support.mail import assert_reset_link_void, request_reset_token


def _rows(model: Any, user_id: str) -> int:
    column = col(model.id) if model is User else col(model.user_id)
    with get_engine().connect() as db:
        return int(db.execute(select(func.count()).where(column == user_id)).scalar_one())


def test_deletes_the_user_with_sessions_and_tasks() -> None:
    account, bystander = sign_up(), sign_up()
    other = sign_in(account)
    invoke("tasks-create", token=account.token, json={"title": "mine"})
    response = invoke("auth-delete-user", token=account.token, json={"password": account.password})
    assert response.status == 200
    assert response.body == {"success": True, "message": "User deleted"}
    for model in (User, UserSession, Task):
        assert _rows(model, account.user_id) == 0
    for token in (account.token, other):
        assert invoke("auth-get-session", token=token).body is None
        assert invoke("tasks-list", token=token).status == 401
    assert invoke("auth-get-session", token=bystander.token).body is not None
    gone = invoke("auth-sign-in", json={"email": account.email, "password": account.password})
    assert gone.status == 401


def test_voids_every_reset_link_requested_before() -> None:
    account = sign_up()
    token = request_reset_token(account.email)
    response = invoke("auth-delete-user", token=account.token, json={"password": account.password})
    assert response.status == 200
    assert_reset_link_void(token)


def test_wrong_password_is_400_and_deletes_nothing() -> None:
    account = sign_up()
    response = invoke("auth-delete-user", token=account.token, json={"password": "not my password"})
    assert response.status == 400
    assert response.code == "INVALID_PASSWORD"
    assert _rows(User, account.user_id) == 1


def test_without_a_password_a_fresh_session_is_enough() -> None:
    account = sign_up()
    assert invoke("auth-delete-user", token=account.token, json={}).status == 200
    assert _rows(User, account.user_id) == 0


def test_without_a_password_a_stale_session_is_refused() -> None:
    account = sign_up()
    age_session_in_the_database(account.token, days=2)
    response = invoke("auth-delete-user", token=account.token, json={})
    assert response.status == 400
    assert response.code == "SESSION_EXPIRED"
    assert _rows(User, account.user_id) == 1
    # With the password, the same stale session may.
    assert (
        invoke("auth-delete-user", token=account.token, json={"password": account.password}).status
        == 200
    )


def test_a_deletion_token_is_refused() -> None:
    account = sign_up()
    response = invoke("auth-delete-user", token=account.token, json={"token": "anything"})
    assert response.status == 404
    assert response.code == "INVALID_TOKEN"
    assert _rows(User, account.user_id) == 1


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"password": 5}, "VALIDATION_ERROR"),
        ({"password": "x" * 129}, "PASSWORD_TOO_LONG"),
        ({"token": 5}, "VALIDATION_ERROR"),
    ],
)
def test_bad_input_is_400(body: dict[str, Any], code: str) -> None:
    account = sign_up()
    response = invoke("auth-delete-user", token=account.token, json=body)
    assert response.status == 400
    assert response.code == code
    assert _rows(User, account.user_id) == 1


def test_signed_out_is_401() -> None:
    response = invoke("auth-delete-user", json={"password": "whatever1"})
    assert response.status == 401
    assert response.code == "UNAUTHORIZED"
