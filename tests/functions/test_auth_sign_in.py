"""auth-sign-in through its Mangum handler."""

from __future__ import annotations

import bcrypt
import pytest
from sqlalchemy import text

from shared.auth.passwords import PEPPERED_PREFIX
from shared.db import get_engine
from tests.support.accounts import sign_up, unique_email
from tests.support.lambda_client import invoke


def test_sign_in_returns_better_auth_shape_and_token_header() -> None:
    account = sign_up()
    response = invoke(
        "auth-sign-in",
        json={"email": account.email, "password": account.password, "rememberMe": True},
    )
    assert response.status == 200
    assert response.body["redirect"] is False
    assert response.body["user"]["id"] == account.user_id
    assert response.headers["set-auth-token"] == response.body["token"]
    assert response.body["token"] != account.token


def test_email_is_matched_case_insensitively() -> None:
    account = sign_up()
    response = invoke(
        "auth-sign-in", json={"email": account.email.upper(), "password": account.password}
    )
    assert response.status == 200


def test_wrong_password_and_unknown_email_get_the_same_answer() -> None:
    account = sign_up()
    wrong = invoke("auth-sign-in", json={"email": account.email, "password": "wrong password"})
    unknown = invoke("auth-sign-in", json={"email": unique_email(), "password": "wrong password"})
    assert wrong.status == unknown.status == 401
    assert (
        wrong.body
        == unknown.body
        == {
            "code": "INVALID_EMAIL_OR_PASSWORD",
            "message": "Invalid email or password.",
        }
    )
    assert "set-auth-token" not in wrong.headers


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"email": "a@example.com"}, "VALIDATION_ERROR"),
        ({"password": "whatever1"}, "VALIDATION_ERROR"),
        ({"email": "nope", "password": "whatever1"}, "INVALID_EMAIL"),
        ({"email": "a\x00b@example.com", "password": "whatever1"}, "INVALID_EMAIL"),
        ({"email": "a@example.com", "password": "p" * 129}, "PASSWORD_TOO_LONG"),
        ({"email": "a@example.com", "password": "😀" * 129}, "PASSWORD_TOO_LONG"),
        ({"email": "a@example.com", "password": 12345678}, "VALIDATION_ERROR"),
        (
            {"email": "a@example.com", "password": "whatever1", "rememberMe": "maybe"},
            "VALIDATION_ERROR",
        ),
    ],
)
def test_bad_input_is_400_never_500(body: dict[str, object], code: str) -> None:
    response = invoke("auth-sign-in", json=body)
    assert response.status == 400
    assert response.code == code


def test_invalid_json_is_400() -> None:
    response = invoke("auth-sign-in", raw_body="{", headers={"Content-Type": "application/json"})
    assert response.status == 400
    assert response.code == "INVALID_JSON"


def test_a_legacy_bcrypt_hash_signs_in_and_is_rehashed_with_the_pepper() -> None:
    """Accounts from before the pepper keep working; their hash is upgraded at sign-in."""
    account = sign_up()
    legacy = bcrypt.hashpw(account.password.encode(), bcrypt.gensalt(12)).decode("ascii")
    with get_engine().begin() as db:
        db.execute(
            text("UPDATE users SET password_hash = :hash WHERE id = :id"),
            {"hash": legacy, "id": account.user_id},
        )
    wrong = invoke("auth-sign-in", json={"email": account.email, "password": "not the password"})
    assert wrong.status == 401
    with get_engine().connect() as db:
        assert (
            db.execute(
                text("SELECT password_hash FROM users WHERE id = :id"), {"id": account.user_id}
            ).scalar_one()
            == legacy
        )
    signed_in = invoke("auth-sign-in", json={"email": account.email, "password": account.password})
    assert signed_in.status == 200
    with get_engine().connect() as db:
        stored = db.execute(
            text("SELECT password_hash FROM users WHERE id = :id"), {"id": account.user_id}
        ).scalar_one()
    assert stored.startswith(PEPPERED_PREFIX)
    again = invoke("auth-sign-in", json={"email": account.email, "password": account.password})
    assert again.status == 200
