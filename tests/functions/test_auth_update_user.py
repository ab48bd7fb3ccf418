"""auth-update-user through its Mangum handler."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.accounts import sign_up
from tests.support.lambda_client import invoke

IMAGE = "https://example.com/ada.png"


def _user(token: str) -> dict[str, Any]:
    user: dict[str, Any] = invoke("auth-get-session", token=token).body["user"]
    return user


def test_changes_name_and_image() -> None:
    account = sign_up()
    response = invoke(
        "auth-update-user", token=account.token, json={"name": " Ada ", "image": IMAGE}
    )
    assert response.status == 200
    assert response.body == {"status": True}
    assert response.headers["set-auth-token"] == account.token
    user = _user(account.token)
    assert (user["name"], user["image"]) == ("Ada", IMAGE)


def test_only_the_fields_sent_change_and_null_clears_the_image() -> None:
    account = sign_up(name="Original")
    invoke("auth-update-user", token=account.token, json={"image": IMAGE})
    assert _user(account.token)["name"] == "Original"
    invoke("auth-update-user", token=account.token, json={"image": None})
    user = _user(account.token)
    assert (user["name"], user["image"]) == ("Original", None)


def test_unknown_fields_are_ignored() -> None:
    account = sign_up()
    response = invoke("auth-update-user", token=account.token, json={"name": "Bo", "role": "admin"})
    assert response.status == 200
    assert _user(account.token)["name"] == "Bo"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"email": "new@example.com"}, "EMAIL_CAN_NOT_BE_UPDATED"),
        ({"email": "new@example.com", "name": "x"}, "EMAIL_CAN_NOT_BE_UPDATED"),
        ({}, "NO_FIELDS_TO_UPDATE"),
        ({"role": "admin"}, "NO_FIELDS_TO_UPDATE"),
        ({"name": None}, "VALIDATION_ERROR"),
        ({"name": "   "}, "VALIDATION_ERROR"),
        ({"name": "x" * 101}, "VALIDATION_ERROR"),
        ({"name": 5}, "VALIDATION_ERROR"),
        ({"name": "a\x00b"}, "VALIDATION_ERROR"),
        ({"image": "x" * 2049}, "VALIDATION_ERROR"),
        ({"image": 5}, "VALIDATION_ERROR"),
    ],
)
def test_bad_input_is_400(shared_token: str, body: dict[str, Any], code: str) -> None:
    response = invoke("auth-update-user", token=shared_token, json=body)
    assert response.status == 400
    assert response.code == code


@pytest.fixture(scope="module")
def shared_token() -> str:
    return sign_up().token


def test_signed_out_is_401() -> None:
    response = invoke("auth-update-user", json={"name": "x"})
    assert response.status == 401
    assert response.code == "UNAUTHORIZED"
