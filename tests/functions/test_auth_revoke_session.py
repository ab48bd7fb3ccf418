"""auth-revoke-session through its Mangum handler."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.accounts import sign_in, sign_up
from tests.support.lambda_client import invoke


def test_revokes_one_of_the_callers_sessions() -> None:
    account = sign_up()
    second = sign_in(account)
    response = invoke("auth-revoke-session", token=account.token, json={"token": second})
    assert response.status == 200
    assert response.body == {"status": True}
    assert invoke("auth-get-session", token=second).body is None
    assert invoke("auth-get-session", token=account.token).body is not None


def test_revoking_the_current_session_ends_it() -> None:
    account = sign_up()
    invoke("auth-revoke-session", token=account.token, json={"token": account.token})
    assert invoke("auth-get-session", token=account.token).body is None


def test_another_users_session_is_left_alone_with_the_same_answer() -> None:
    mine, theirs = sign_up(), sign_up()
    response = invoke("auth-revoke-session", token=mine.token, json={"token": theirs.token})
    assert response.status == 200
    assert response.body == {"status": True}
    assert invoke("auth-get-session", token=theirs.token).body is not None


def test_an_unknown_token_changes_nothing() -> None:
    account = sign_up()
    response = invoke("auth-revoke-session", token=account.token, json={"token": "not-a-token"})
    assert response.body == {"status": True}
    assert invoke("auth-get-session", token=account.token).body is not None


@pytest.mark.parametrize(
    "body", [{}, {"token": None}, {"token": 5}, {"token": ["x"]}, {"token": "x" * 4097}]
)
def test_bad_body_is_400(body: Any) -> None:
    account = sign_up_once()
    response = invoke("auth-revoke-session", token=account, json=body)
    assert response.status == 400
    assert response.code == "VALIDATION_ERROR"


_TOKEN: list[str] = []


def sign_up_once() -> str:
    if not _TOKEN:
        _TOKEN.append(sign_up().token)
    return _TOKEN[0]


def test_signed_out_is_401() -> None:
    response = invoke("auth-revoke-session", json={"token": "x"})
    assert response.status == 401
    assert response.code == "UNAUTHORIZED"
