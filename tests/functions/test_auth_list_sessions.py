"""auth-list-sessions through its Mangum handler."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from shared.auth.token_verifier import verify_token
from tests.support.accounts import (
    PASSWORD,
    Account,
    age_session_in_the_database,
    sign_in,
    sign_up,
)
from tests.support.lambda_client import invoke
from tests.support.reliability import tried
from tests.support.tasks import assert_unauthorized

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


def _listed_copies(token: str) -> dict[str, str]:
    """What list-sessions hands the caller of `token` for each of the user's other sessions."""
    own = invoke("auth-get-session", token=token).body["session"]["id"]
    listed = invoke("auth-list-sessions", token=token).body
    return {session["id"]: session["token"] for session in listed if session["id"] != own}


def _session_id(token: str) -> str:
    session_id: str = invoke("auth-get-session", token=token).body["session"]["id"]
    return session_id


# Every signed-in call, with a body it would accept from the session's own token.
SIGNED_IN_CALLS: list[tuple[str, dict[str, Any]]] = [
    ("tasks-list", {}),
    ("tasks-create", {"json": {"title": "planted"}}),
    ("tasks-get", {"task_id": str(uuid.uuid4())}),
    ("auth-list-sessions", {}),
    ("auth-update-user", {"json": {"name": "Mallory"}}),
    ("auth-revoke-sessions", {}),
    ("auth-revoke-other-sessions", {}),
    ("auth-revoke-session", {"json": {"token": "x"}}),
    ("auth-change-password", {"json": {"currentPassword": PASSWORD, "newPassword": "mine now!"}}),
    ("auth-delete-user", {"json": {"password": PASSWORD}}),
]


def test_a_listed_token_authenticates_nothing() -> None:
    owner = sign_up(name="Owner")
    stolen = sign_in(owner)
    [copy] = _listed_copies(stolen).values()
    assert verify_token(copy) is None
    assert invoke("auth-get-session", token=copy).body is None
    for function, call in SIGNED_IN_CALLS:
        assert_unauthorized(invoke(function, token=copy, **call))
    assert invoke("auth-sign-out", token=copy).status == 200
    # Nothing happened to the owner's session or account.
    session = invoke("auth-get-session", token=owner.token).body
    assert session["user"]["name"] == "Owner"
    assert invoke("tasks-list", token=owner.token).body["items"] == []
    tried(
        "a session token from list-sessions used as a bearer token",
        len(SIGNED_IN_CALLS) + 2,
        "401 on every route (get-session null); the listed session untouched",
    )


def test_a_listed_token_revokes_only_from_the_session_that_listed_it() -> None:
    owner = sign_up()
    second, third = sign_in(owner), sign_in(owner)
    handle = _listed_copies(owner.token)[_session_id(second)]
    # Another session of the same user cannot spend it.
    assert invoke("auth-revoke-session", token=third, json={"token": handle}).body == {
        "status": True
    }
    assert invoke("auth-get-session", token=second).body is not None
    # The session that listed it can.
    assert invoke("auth-revoke-session", token=owner.token, json={"token": handle}).body == {
        "status": True
    }
    assert invoke("auth-get-session", token=second).body is None
    assert invoke("auth-get-session", token=third).body is not None


def _revoke_the_thief(owner: Account, stolen: str) -> None:
    handle = _listed_copies(owner.token)[_session_id(stolen)]
    assert invoke("auth-revoke-session", token=owner.token, json={"token": handle}).status == 200


def _sign_out_everywhere_else(owner: Account, stolen: str) -> None:
    assert invoke("auth-revoke-other-sessions", token=owner.token).status == 200


@pytest.mark.parametrize("ending", [_revoke_the_thief, _sign_out_everywhere_else])
def test_copies_listed_by_a_stolen_session_die_with_it(
    ending: Callable[[Account, str], None],
) -> None:
    owner = sign_up(name="Owner")
    stolen = sign_in(owner)
    copies = _listed_copies(stolen)
    ending(owner, stolen)
    assert invoke("auth-get-session", token=stolen).body is None
    later = sign_in(owner)
    for copy in copies.values():
        assert invoke("auth-get-session", token=copy).body is None
        assert_unauthorized(invoke("tasks-create", token=copy, json={"title": "planted"}))
        assert_unauthorized(invoke("auth-update-user", token=copy, json={"name": "Mallory"}))
        assert_unauthorized(invoke("auth-revoke-session", token=stolen, json={"token": copy}))
        # Not even the owner's own sessions can spend a copy the thief obtained.
        invoke("auth-revoke-session", token=later, json={"token": copy})
    assert invoke("auth-get-session", token=owner.token).body["user"]["name"] == "Owner"
    assert invoke("tasks-list", token=owner.token).body["items"] == []
    tried(
        f"copies listed by a stolen session, after {ending.__name__.strip('_').replace('_', ' ')}",
        len(copies) * 5,
        "every copy refused: no task or profile written, no session revoked",
    )
