"""auth-get-session through its Mangum handler."""

from __future__ import annotations

from tests.support.accounts import sign_up
from tests.support.lambda_client import invoke


def test_get_session_returns_session_and_user() -> None:
    account = sign_up()
    response = invoke("auth-get-session", token=account.token, headers={"User-Agent": "pytest/1"})
    assert response.status == 200
    assert response.headers["cache-control"] == "no-store"
    session, user = response.body["session"], response.body["user"]
    assert session["token"] == account.token
    assert session["userId"] == user["id"] == account.user_id
    assert set(session) == {
        "id",
        "token",
        "userId",
        "expiresAt",
        "createdAt",
        "updatedAt",
        "ipAddress",
        "userAgent",
    }
    assert session["ipAddress"]
    assert user["email"] == account.email


def test_session_lasts_seven_days() -> None:
    from datetime import datetime, timedelta

    account = sign_up()
    session = invoke("auth-get-session", token=account.token).body["session"]
    created = datetime.fromisoformat(session["createdAt"])
    expires = datetime.fromisoformat(session["expiresAt"])
    assert expires - created == timedelta(days=7)


def test_signed_out_is_null_not_an_error() -> None:
    response = invoke("auth-get-session")
    assert response.status == 200
    assert response.body is None
    assert response.headers["cache-control"] == "no-store"
