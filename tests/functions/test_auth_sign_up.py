"""auth-sign-up through its Mangum handler with API Gateway REST events."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from sqlalchemy import func
from sqlmodel import col, select

from shared.auth.passwords import PEPPERED_PREFIX
from shared.db import get_engine
from shared.models import User
from tests.support.accounts import PASSWORD, unique_email
from tests.support.lambda_client import invoke


def test_sign_up_returns_token_user_and_header() -> None:
    email = unique_email()
    response = invoke("auth-sign-up", json={"email": email, "password": PASSWORD, "name": " Ann "})
    assert response.status == 200
    assert response.headers["set-auth-token"] == response.body["token"]
    user = response.body["user"]
    assert user["email"] == email
    assert user["name"] == "Ann"
    assert user["image"] is None
    assert user["emailVerified"] is False
    assert set(user) == {"id", "email", "name", "image", "emailVerified", "createdAt", "updatedAt"}
    # Milliseconds, as JavaScript's Date.toISOString writes them (Better Auth parses them so).
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", user["createdAt"])


def test_sign_up_stores_a_bcrypt_cost_12_hash_never_the_password() -> None:
    email = unique_email()
    invoke("auth-sign-up", json={"email": email, "password": PASSWORD, "name": "Ann"})
    with get_engine().connect() as db:
        user = db.execute(select(User).where(col(User.email) == email)).one()
    assert user.password_hash.startswith(PEPPERED_PREFIX + "$2b$12$")
    assert PASSWORD not in user.password_hash


def test_duplicate_email_in_another_letter_case_is_422() -> None:
    email = unique_email()
    invoke("auth-sign-up", json={"email": email, "password": PASSWORD, "name": "Ann"})
    again = invoke(
        "auth-sign-up", json={"email": email.upper(), "password": PASSWORD, "name": "Bob"}
    )
    assert again.status == 422
    assert again.body == {
        "code": "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL",
        "message": "An account with this email already exists.",
    }
    with get_engine().connect() as db:
        rows = db.execute(
            select(func.count()).where(func.lower(col(User.email)) == email)
        ).scalar_one()
    assert rows == 1


def _body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"email": unique_email(), "password": PASSWORD, "name": "Ann"}
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not _MISSING}


_MISSING: Any = object()


@pytest.mark.parametrize(
    ("case", "overrides", "status", "code"),
    [
        ("missing email", {"email": _MISSING}, 400, "VALIDATION_ERROR"),
        ("missing password", {"password": _MISSING}, 400, "VALIDATION_ERROR"),
        ("missing name", {"name": _MISSING}, 400, "VALIDATION_ERROR"),
        ("email is a number", {"email": 42}, 400, "VALIDATION_ERROR"),
        ("password is a list", {"password": ["x"]}, 400, "VALIDATION_ERROR"),
        ("name is null", {"name": None}, 400, "VALIDATION_ERROR"),
        ("invalid email", {"email": "not-an-email"}, 400, "INVALID_EMAIL"),
        ("email without domain dot", {"email": "a@b"}, 400, "INVALID_EMAIL"),
        ("short password", {"password": "seven77"}, 400, "PASSWORD_TOO_SHORT"),
        ("129-char password", {"password": "p" * 129}, 400, "PASSWORD_TOO_LONG"),
        ("129 accented characters", {"password": "é" * 129}, 400, "PASSWORD_TOO_LONG"),
        ("a common password", {"password": "password1"}, 400, "PASSWORD_COMPROMISED"),
        ("common in capitals", {"password": "IloveYou123"}, 400, "PASSWORD_COMPROMISED"),
        ("empty name", {"name": "   "}, 400, "VALIDATION_ERROR"),
        ("NUL in name", {"name": "Ann\x00"}, 400, "VALIDATION_ERROR"),
        ("NUL in email", {"email": "a\x00b@example.com"}, 400, "INVALID_EMAIL"),
        ("name too long", {"name": "n" * 101}, 400, "VALIDATION_ERROR"),
    ],
)
def test_bad_input(case: str, overrides: dict[str, Any], status: int, code: str) -> None:
    response = invoke("auth-sign-up", json=_body(**overrides))
    assert response.status == status, case
    assert response.code == code, response.body
    assert set(response.body) == {"code", "message"}
    assert response.body["message"]


@pytest.mark.parametrize("field", ["name", "password"])
def test_unstorable_unicode_is_400_not_500(field: str) -> None:
    body = json.dumps(_body()).replace(f'"{field}": "', f'"{field}": "\\ud800', 1)
    response = invoke("auth-sign-up", raw_body=body, headers={"Content-Type": "application/json"})
    assert response.status == 400
    assert response.code == "VALIDATION_ERROR"


@pytest.mark.parametrize("password", ["p" * 73, "é" * 128, "密码是一个很长的句子" * 12, "🔑" * 40])
def test_long_passwords_in_any_script_are_accepted_and_never_truncated(password: str) -> None:
    body = _body(password=password)
    assert invoke("auth-sign-up", json=body).status == 200
    signed_in = invoke("auth-sign-in", json={"email": body["email"], "password": password})
    assert signed_in.status == 200
    # bcrypt alone would only read the first 72 bytes: here they are not enough.
    prefix = password.encode("utf-8")[:72].decode("utf-8", errors="ignore")
    cut = invoke("auth-sign-in", json={"email": body["email"], "password": prefix})
    assert cut.status in (400, 401)


@pytest.mark.parametrize(
    ("raw", "content_type", "code"),
    [
        ("{not json", "application/json", "INVALID_JSON"),
        ("[1, 2]", "application/json", "INVALID_JSON"),
        ('"a string"', "application/json", "INVALID_JSON"),
        ("", "application/json", "VALIDATION_ERROR"),
    ],
)
def test_unparseable_bodies_are_400(raw: str, content_type: str, code: str) -> None:
    response = invoke("auth-sign-up", raw_body=raw, headers={"Content-Type": content_type})
    assert response.status == 400
    assert response.code == code


def test_oversized_body_is_413_and_creates_nothing() -> None:
    email = unique_email()
    response = invoke(
        "auth-sign-up", json={"email": email, "password": PASSWORD, "name": "n" * 70_000}
    )
    assert response.status == 413
    assert response.code == "PAYLOAD_TOO_LARGE"
    with get_engine().connect() as db:
        assert db.execute(select(User).where(col(User.email) == email)).first() is None
