"""auth-sign-out through its Mangum handler."""

from __future__ import annotations

from tests.support.accounts import sign_up
from tests.support.lambda_client import invoke


def test_sign_out_revokes_the_session_at_once() -> None:
    account = sign_up()
    response = invoke("auth-sign-out", token=account.token)
    assert response.status == 200
    assert response.body == {"success": True}
    after = invoke("auth-get-session", token=account.token)
    assert after.status == 200
    assert after.body is None


def test_sign_out_only_revokes_its_own_session() -> None:
    account = sign_up()
    second = invoke("auth-sign-in", json={"email": account.email, "password": account.password})
    invoke("auth-sign-out", token=account.token)
    still = invoke("auth-get-session", token=second.body["token"])
    assert still.body["user"]["id"] == account.user_id


def test_sign_out_without_a_session_is_still_200() -> None:
    assert invoke("auth-sign-out").body == {"success": True}
    assert invoke("auth-sign-out", token="garbage").body == {"success": True}
