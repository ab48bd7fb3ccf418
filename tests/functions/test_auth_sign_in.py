"""auth-sign-in through its Mangum handler."""

from __future__ import annotations

import pytest

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
        ({"email": "a@example.com", "password": "p" * 73}, "PASSWORD_TOO_LONG"),
        ({"email": "a@example.com", "password": "😀" * 19}, "PASSWORD_TOO_LONG"),
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
