"""Creates signed-in users through the real sign-up function."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from jose import jwt
from sqlalchemy import text

from shared.db import get_engine
from tests.support.lambda_client import invoke

PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class Account:
    email: str
    password: str
    token: str
    user_id: str


def unique_email(prefix: str = "user") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}@example.com"


def sign_up(
    email: str | None = None, *, password: str = PASSWORD, name: str = "Test User"
) -> Account:
    email = email or unique_email()
    response = invoke("auth-sign-up", json={"email": email, "password": password, "name": name})
    assert response.status == 200, response.body
    return Account(
        email=email,
        password=password,
        token=response.body["token"],
        user_id=response.body["user"]["id"],
    )


def expire_session_in_the_database(account: Account) -> None:
    """Ends the account's session by its expiry in the database; its token stays unexpired."""
    session_id = jwt.get_unverified_claims(account.token)["sid"]
    with get_engine().begin() as db:
        db.execute(
            text("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = :id"),
            {"id": session_id},
        )


def sign_in(account: Account, *, password: str | None = None) -> str:
    """A second (third...) session of the account, through the real sign-in function."""
    response = invoke(
        "auth-sign-in", json={"email": account.email, "password": password or account.password}
    )
    assert response.status == 200, response.body
    token: str = response.body["token"]
    return token


def age_session_in_the_database(token: str, *, days: int) -> None:
    """Moves the session's sign-in time into the past (Better Auth's freshness is one day)."""
    session_id = jwt.get_unverified_claims(token)["sid"]
    with get_engine().begin() as db:
        db.execute(
            text(
                "UPDATE sessions SET created_at = created_at - make_interval(days => :days)"
                " WHERE id = :id"
            ),
            {"id": session_id, "days": days},
        )
