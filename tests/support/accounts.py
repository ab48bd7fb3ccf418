"""Creates signed-in users through the real sign-up function."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

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
