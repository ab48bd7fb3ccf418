"""auth-reset-password through its Mangum handler."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from shared.db import get_engine
from tests.support.accounts import sign_in, sign_up
from tests.support.lambda_client import invoke
from tests.support.mail import assert_reset_link_void, request_reset_token

NEW = "a fresh start at last"


def _reset(body: dict[str, Any], query: dict[str, str] | None = None) -> Any:
    return invoke("auth-reset-password", json=body, query=query)


def test_sets_the_password_and_ends_every_session() -> None:
    account = sign_up()
    other = sign_in(account)
    token = request_reset_token(account.email)
    response = _reset({"token": token, "newPassword": NEW})
    assert response.status == 200
    assert response.body == {"status": True}
    for session in (account.token, other):
        assert invoke("auth-get-session", token=session).body is None
    old = invoke("auth-sign-in", json={"email": account.email, "password": account.password})
    assert old.status == 401
    assert sign_in(account, password=NEW)


def test_a_token_is_single_use() -> None:
    account = sign_up()
    token = request_reset_token(account.email)
    assert _reset({"token": token, "newPassword": NEW}).status == 200
    again = _reset({"token": token, "newPassword": "yet another passphrase"})
    assert again.status == 400
    assert again.code == "INVALID_TOKEN"


def test_completing_a_reset_voids_the_other_links() -> None:
    account = sign_up()
    first, second = request_reset_token(account.email), request_reset_token(account.email)
    assert _reset({"token": second, "newPassword": NEW}).status == 200
    assert_reset_link_void(first)
    assert sign_in(account, password=NEW)


def test_the_token_may_come_in_the_query() -> None:
    account = sign_up()
    token = request_reset_token(account.email)
    assert _reset({"newPassword": NEW}, query={"token": token}).status == 200


def test_a_token_expires_after_its_hour() -> None:
    account = sign_up()
    token = request_reset_token(account.email)
    with get_engine().begin() as db:
        db.execute(
            text(
                "UPDATE password_reset_tokens SET expires_at = now() - interval '1 second'"
                " WHERE user_id = :uid"
            ),
            {"uid": account.user_id},
        )
    response = _reset({"token": token, "newPassword": NEW})
    assert response.status == 400
    assert response.code == "INVALID_TOKEN"
    assert sign_in(account)


def test_tokens_are_valid_for_one_hour() -> None:
    account = sign_up()
    request_reset_token(account.email)
    with get_engine().connect() as db:
        lifetime = db.execute(
            text("SELECT expires_at - created_at FROM password_reset_tokens WHERE user_id = :uid"),
            {"uid": account.user_id},
        ).scalar_one()
    assert lifetime.total_seconds() == pytest.approx(3600, abs=1)


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"newPassword": NEW}, "INVALID_TOKEN"),
        ({"token": "", "newPassword": NEW}, "INVALID_TOKEN"),
        ({"token": "never-issued", "newPassword": NEW}, "INVALID_TOKEN"),
        ({"token": "x"}, "VALIDATION_ERROR"),
        ({"token": "x", "newPassword": "short"}, "PASSWORD_TOO_SHORT"),
        ({"token": "x", "newPassword": "x" * 129}, "PASSWORD_TOO_LONG"),
        ({"token": "x", "newPassword": "iloveyou1"}, "PASSWORD_COMPROMISED"),
        ({"token": 5, "newPassword": NEW}, "VALIDATION_ERROR"),
        ({"token": "x" * 513, "newPassword": NEW}, "VALIDATION_ERROR"),
    ],
)
def test_bad_input_is_400(body: dict[str, Any], code: str) -> None:
    response = _reset(body)
    assert response.status == 400
    assert response.code == code
    assert set(response.body) == {"code", "message"}
