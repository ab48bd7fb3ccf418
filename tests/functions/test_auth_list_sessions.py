"""auth-list-sessions through its Mangum handler."""

from __future__ import annotations

from tests.support.accounts import age_session_in_the_database, sign_in, sign_up
from tests.support.lambda_client import invoke

SESSION_KEYS = {
    "id",
    "token",
    "userId",
    "expiresAt",
    "createdAt",
    "updatedAt",
    "ipAddress",
    "userAgent",
}


def test_lists_every_live_session_with_a_revocable_token() -> None:
    account = sign_up()
    second = sign_in(account)
    response = invoke("auth-list-sessions", token=account.token)
    assert response.status == 200
    assert response.headers["cache-control"] == "no-store"
    assert len(response.body) == 2
    assert all(set(session) == SESSION_KEYS for session in response.body)
    assert {session["userId"] for session in response.body} == {account.user_id}
    # The caller's own session carries the caller's token, as get-session shows it.
    current = invoke("auth-get-session", token=account.token).body["session"]
    [mine] = [session for session in response.body if session["id"] == current["id"]]
    assert mine["token"] == account.token
    # The other one's token revokes that session.
    [other] = [session for session in response.body if session["id"] != current["id"]]
    assert (
        invoke("auth-revoke-session", token=account.token, json={"token": other["token"]}).status
        == 200
    )
    assert invoke("auth-get-session", token=second).body is None


def test_ended_sessions_are_not_listed() -> None:
    account = sign_up()
    second = sign_in(account)
    invoke("auth-sign-out", token=second)
    listed = invoke("auth-list-sessions", token=account.token).body
    assert len(listed) == 1


def test_another_users_sessions_are_never_listed() -> None:
    first, second = sign_up(), sign_up()
    listed = invoke("auth-list-sessions", token=first.token).body
    assert {session["userId"] for session in listed} == {first.user_id}
    assert second.user_id not in str(listed)


def test_a_session_older_than_a_day_is_not_fresh() -> None:
    account = sign_up()
    age_session_in_the_database(account.token, days=2)
    response = invoke("auth-list-sessions", token=account.token)
    assert response.status == 403
    assert response.code == "SESSION_NOT_FRESH"


def test_signed_out_is_401() -> None:
    for token in (None, "garbage"):
        response = invoke("auth-list-sessions", token=token)
        assert response.status == 401
        assert response.code == "UNAUTHORIZED"
        assert response.headers["www-authenticate"] == "Bearer"
