"""Account flows of several statements, straight to PostgreSQL and through PgBouncer in
transaction mode: password reset by email, change-password with revocation, deletion."""

from __future__ import annotations

from tests.support.accounts import sign_in, sign_up, unique_email
from tests.support.lambda_client import invoke
from tests.support.mail import request_reset_token

NEW = "a fresh start at last"


def test_password_reset_by_email(via: str) -> None:
    account = sign_up(unique_email(via))
    token = request_reset_token(account.email)
    link = invoke(
        "auth-reset-password-link",
        path_parameters={"token": token},
        query={"callbackURL": "http://localhost:3000/reset"},
    )
    assert link.headers["location"] == f"http://localhost:3000/reset?token={token}"
    assert invoke("auth-reset-password", json={"token": token, "newPassword": NEW}).status == 200
    assert invoke("auth-get-session", token=account.token).body is None
    assert sign_in(account, password=NEW)
    again = invoke("auth-reset-password", json={"token": token, "newPassword": NEW + "!"})
    assert again.code == "INVALID_TOKEN"


def test_change_password_revoking_other_sessions_then_delete(via: str) -> None:
    account = sign_up(unique_email(via))
    other = sign_in(account)
    changed = invoke(
        "auth-change-password",
        token=account.token,
        json={"currentPassword": account.password, "newPassword": NEW, "revokeOtherSessions": True},
    )
    assert changed.status == 200
    new_token = changed.body["token"]
    assert invoke("auth-get-session", token=other).body is None
    sessions = invoke("auth-list-sessions", token=new_token).body
    assert [session["token"] for session in sessions] == [new_token]
    invoke("tasks-create", token=new_token, json={"title": "goes with the account"})
    deleted = invoke("auth-delete-user", token=new_token, json={"password": NEW})
    assert deleted.body == {"success": True, "message": "User deleted"}
    assert invoke("tasks-list", token=new_token).status == 401
