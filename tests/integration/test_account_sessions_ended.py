"""A revoked or deleted session is refused on its very next request by every account function,
and changes nothing (straight to PostgreSQL and through PgBouncer)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.support.accounts import Account, sign_in, sign_up
from tests.support.lambda_client import invoke

SIGNED_IN_CALLS: dict[str, dict[str, Any]] = {
    "auth-list-sessions": {},
    "auth-revoke-session": {"json": {"token": "x"}},
    "auth-revoke-sessions": {},
    "auth-revoke-other-sessions": {},
    "auth-change-password": {
        "json": {"currentPassword": "correct horse battery", "newPassword": "another passphrase"}
    },
    "auth-update-user": {"json": {"name": "Changed"}},
    "auth-delete-user": {"json": {"password": "correct horse battery"}},
}


def _sign_out(account: Account, token: str) -> None:
    invoke("auth-sign-out", token=token)


def _revoke_from_elsewhere(account: Account, token: str) -> None:
    other = sign_in(account)
    invoke("auth-revoke-session", token=other, json={"token": token})


def _revoke_all(account: Account, token: str) -> None:
    invoke("auth-revoke-sessions", token=token)


ENDINGS: dict[str, Callable[[Account, str], None]] = {
    "signed out": _sign_out,
    "revoked by another session": _revoke_from_elsewhere,
    "all revoked": _revoke_all,
}


@pytest.mark.parametrize("function", sorted(SIGNED_IN_CALLS))
@pytest.mark.parametrize("ending", sorted(ENDINGS))
def test_an_ended_session_is_refused_at_once(via: str, function: str, ending: str) -> None:
    account = sign_up(name="Unchanged")
    token = sign_in(account)
    ENDINGS[ending](account, token)
    response = invoke(function, token=token, **SIGNED_IN_CALLS[function])
    assert response.status == 401, response.body
    assert response.code == "UNAUTHORIZED"
    # Nothing changed: the password and name are as they were, the account is still there.
    user = invoke("auth-get-session", token=account.token).body
    if ending != "all revoked":
        assert user["user"]["name"] == "Unchanged"
    assert sign_in(account)


@pytest.mark.parametrize("function", sorted(SIGNED_IN_CALLS))
def test_a_deleted_users_session_is_refused_at_once(via: str, function: str) -> None:
    account = sign_up()
    other = sign_in(account)
    assert (
        invoke("auth-delete-user", token=account.token, json={"password": account.password}).status
        == 200
    )
    response = invoke(function, token=other, **SIGNED_IN_CALLS[function])
    assert response.status == 401
    assert response.code == "UNAUTHORIZED"
