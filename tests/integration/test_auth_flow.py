"""The whole auth flow, straight to PostgreSQL and through PgBouncer in transaction mode."""

from __future__ import annotations

from sqlalchemy.pool import QueuePool

from tests.support.accounts import PASSWORD, unique_email
from tests.support.lambda_client import invoke


def test_sign_up_sign_in_get_session_sign_out(via: str) -> None:
    email = unique_email(via)
    signed_up = invoke("auth-sign-up", json={"email": email, "password": PASSWORD, "name": via})
    assert signed_up.status == 200

    signed_in = invoke("auth-sign-in", json={"email": email, "password": PASSWORD})
    assert signed_in.status == 200
    token = signed_in.headers["set-auth-token"]

    session = invoke("auth-get-session", token=token)
    assert session.body["user"]["email"] == email
    assert session.body["session"]["token"] == token

    assert invoke("auth-sign-out", token=token).body == {"success": True}
    assert invoke("auth-get-session", token=token).body is None
    refused = invoke("tasks-list", token=token)
    assert refused.status == 401
    assert refused.code == "UNAUTHORIZED"
    # The sign-up session is separate and still live.
    assert invoke("auth-get-session", token=signed_up.body["token"]).body is not None


def test_repeated_warm_invocations_reuse_one_connection(via: str) -> None:
    from shared.db import get_engine

    email = unique_email(via)
    token = invoke("auth-sign-up", json={"email": email, "password": PASSWORD, "name": via}).body[
        "token"
    ]
    for _ in range(20):
        assert invoke("auth-get-session", token=token).status == 200
    pool = get_engine().pool
    assert isinstance(pool, QueuePool)
    assert pool.size() == 1
    assert pool.checkedout() == 0
