"""auth-revoke-sessions through its Mangum handler."""

from __future__ import annotations

from tests.support.accounts import sign_in, sign_up
from tests.support.lambda_client import invoke


def test_revokes_every_session_of_the_caller_only() -> None:
    account, bystander = sign_up(), sign_up()
    others = [sign_in(account), sign_in(account)]
    response = invoke("auth-revoke-sessions", token=account.token)
    assert response.status == 200
    assert response.body == {"status": True}
    for token in (account.token, *others):
        assert invoke("auth-get-session", token=token).body is None
    assert invoke("auth-get-session", token=bystander.token).body is not None
    refused = invoke("tasks-list", token=account.token)
    assert refused.status == 401


def test_signed_out_is_401() -> None:
    response = invoke("auth-revoke-sessions")
    assert response.status == 401
    assert response.code == "UNAUTHORIZED"
