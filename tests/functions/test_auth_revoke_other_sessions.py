"""auth-revoke-other-sessions through its Mangum handler."""

from __future__ import annotations

from tests.support.accounts import sign_in, sign_up
from tests.support.lambda_client import invoke


def test_revokes_all_but_the_current_session() -> None:
    account, bystander = sign_up(), sign_up()
    others = [sign_in(account), sign_in(account)]
    response = invoke("auth-revoke-other-sessions", token=account.token)
    assert response.status == 200
    assert response.body == {"status": True}
    assert invoke("auth-get-session", token=account.token).body is not None
    for token in others:
        assert invoke("auth-get-session", token=token).body is None
    assert invoke("auth-get-session", token=bystander.token).body is not None
    assert len(invoke("auth-list-sessions", token=account.token).body) == 1


def test_signed_out_is_401() -> None:
    response = invoke("auth-revoke-other-sessions", token="garbage")
    assert response.status == 401
    assert response.code == "UNAUTHORIZED"
