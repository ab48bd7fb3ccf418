"""auth-change-password through its Mangum handler."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.accounts import sign_in, sign_up
from tests.support.lambda_client import invoke
from tests.support.mail import assert_reset_link_void, request_reset_token

NEW = "a brand new passphrase"


def _change(token: str, **body: Any) -> Any:
    return invoke("auth-change-password", token=token, json=body)


def test_changes_the_password_and_keeps_the_sessions() -> None:
    account = sign_up()
    other = sign_in(account)
    response = _change(account.token, currentPassword=account.password, newPassword=NEW)
    assert response.status == 200
    assert response.body["token"] is None
    assert response.body["user"]["id"] == account.user_id
    assert set(response.body["user"]) == {
        "id",
        "email",
        "name",
        "image",
        "emailVerified",
        "createdAt",
        "updatedAt",
    }
    assert "set-auth-token" not in response.headers
    assert invoke("auth-get-session", token=other).body is not None
    old = invoke("auth-sign-in", json={"email": account.email, "password": account.password})
    assert old.status == 401
    assert sign_in(account, password=NEW)


def test_revoke_other_sessions_ends_every_old_session_and_starts_a_new_one() -> None:
    account = sign_up()
    other = sign_in(account)
    response = _change(
        account.token, currentPassword=account.password, newPassword=NEW, revokeOtherSessions=True
    )
    assert response.status == 200
    new_token = response.body["token"]
    assert new_token
    assert response.headers["set-auth-token"] == new_token
    assert invoke("auth-get-session", token=other).body is None
    assert invoke("auth-get-session", token=account.token).body is None
    assert invoke("auth-get-session", token=new_token).body["user"]["id"] == account.user_id


@pytest.mark.parametrize("revoke_other_sessions", [False, True])
def test_voids_every_reset_link_requested_before(revoke_other_sessions: bool) -> None:
    account = sign_up()
    links = [request_reset_token(account.email), request_reset_token(account.email)]
    response = _change(
        account.token,
        currentPassword=account.password,
        newPassword=NEW,
        revokeOtherSessions=revoke_other_sessions,
    )
    assert response.status == 200
    for token in links:
        assert_reset_link_void(token)
    assert sign_in(account, password=NEW)


def test_wrong_current_password_is_400_and_changes_nothing() -> None:
    account = sign_up()
    response = _change(account.token, currentPassword="not my password", newPassword=NEW)
    assert response.status == 400
    assert response.code == "INVALID_PASSWORD"
    assert sign_in(account)


def test_accepts_long_passwords_in_any_script_without_truncation() -> None:
    account = sign_up()
    long_password = "é" * 100  # 200 UTF-8 bytes: far past bcrypt's 72
    assert (
        _change(account.token, currentPassword=account.password, newPassword=long_password).status
        == 200
    )
    assert sign_in(account, password=long_password)
    # Only the full password works: the first 72 bytes alone are not enough.
    truncated = invoke("auth-sign-in", json={"email": account.email, "password": "é" * 36})
    assert truncated.status == 401


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"newPassword": NEW}, "VALIDATION_ERROR"),
        ({"currentPassword": "x" * 8}, "VALIDATION_ERROR"),
        ({"currentPassword": "x" * 8, "newPassword": "short"}, "PASSWORD_TOO_SHORT"),
        ({"currentPassword": "x" * 8, "newPassword": "x" * 129}, "PASSWORD_TOO_LONG"),
        ({"currentPassword": "x" * 129, "newPassword": NEW}, "PASSWORD_TOO_LONG"),
        ({"currentPassword": "x" * 8, "newPassword": "password123"}, "PASSWORD_COMPROMISED"),
        ({"currentPassword": "x" * 8, "newPassword": "Qwertyuiop"}, "PASSWORD_COMPROMISED"),
        ({"currentPassword": "x" * 8, "newPassword": 12345678}, "VALIDATION_ERROR"),
        (
            {"currentPassword": "x" * 8, "newPassword": NEW, "revokeOtherSessions": "yes"},
            "VALIDATION_ERROR",
        ),
    ],
)
def test_bad_input_is_400(shared_token: str, body: dict[str, Any], code: str) -> None:
    response = invoke("auth-change-password", token=shared_token, json=body)
    assert response.status == 400
    assert response.code == code
    assert set(response.body) == {"code", "message"}


@pytest.fixture(scope="module")
def shared_token() -> str:
    return sign_up().token


def test_signed_out_is_401() -> None:
    response = invoke("auth-change-password", json={"currentPassword": "x" * 8, "newPassword": NEW})
    assert response.status == 401
    assert response.code == "UNAUTHORIZED"
