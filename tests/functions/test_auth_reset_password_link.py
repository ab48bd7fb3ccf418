"""auth-reset-password-link (the emailed link) through its Mangum handler."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.support.accounts import sign_up
from tests.support.lambda_client import invoke
from tests.support.mail import request_reset_token

CALLBACK = "http://localhost:3000/reset-password"


def test_a_valid_token_redirects_to_the_frontend_with_it() -> None:
    account = sign_up()
    token = request_reset_token(account.email)
    response = invoke(
        "auth-reset-password-link",
        path_parameters={"token": token},
        query={"callbackURL": CALLBACK + "?from=email"},
    )
    assert response.status == 302
    location = urlsplit(response.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == CALLBACK
    assert parse_qs(location.query) == {"from": ["email"], "token": [token]}


def test_following_the_link_does_not_spend_the_token() -> None:
    account = sign_up()
    token = request_reset_token(account.email)
    invoke(
        "auth-reset-password-link",
        path_parameters={"token": token},
        query={"callbackURL": CALLBACK},
    )
    reset = invoke(
        "auth-reset-password", json={"token": token, "newPassword": "a fresh start at last"}
    )
    assert reset.status == 200


def test_an_unknown_token_redirects_with_an_error() -> None:
    response = invoke(
        "auth-reset-password-link",
        path_parameters={"token": "nope"},
        query={"callbackURL": CALLBACK},
    )
    assert response.status == 302
    assert response.headers["location"] == CALLBACK + "?error=INVALID_TOKEN"


@pytest.mark.parametrize(
    "callback",
    ["https://evil.example/", "//evil.example", "/relative", "http://localhost:3000@evil.example/"],
)
def test_no_open_redirect(callback: str) -> None:
    response = invoke(
        "auth-reset-password-link",
        path_parameters={"token": "any"},
        query={"callbackURL": callback},
    )
    assert response.status == 403
    assert response.code == "INVALID_CALLBACK_URL"
    assert "location" not in response.headers


def test_callback_url_is_required() -> None:
    response = invoke("auth-reset-password-link", path_parameters={"token": "any"})
    assert response.status == 400
    assert response.code == "VALIDATION_ERROR"
