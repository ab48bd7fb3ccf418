"""auth-reset-password-link (the emailed link) through its Mangum handler."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from shared.config import get_settings
from tests.support.accounts import sign_up
from tests.support.lambda_client import LambdaResponse, invoke, random_ip
from tests.support.mail import request_reset_token
from tests.support.reliability import tried
from tests.support.settings import changed_settings

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


@pytest.fixture
def small_link_budget(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    with changed_settings(monkeypatch, LINK_RATE_LIMIT_ATTEMPTS="3"):
        yield 3


def test_token_probes_from_one_network_are_limited(small_link_budget: int) -> None:
    def probe(ip: str) -> LambdaResponse:
        return invoke(
            "auth-reset-password-link",
            path_parameters={"token": secrets.token_urlsafe(32)},
            query={"callbackURL": CALLBACK},
            source_ip=ip,
        )

    ip = random_ip()
    assert [probe(ip).status for _ in range(small_link_budget)] == [302] * small_link_budget
    refused = probe(ip)
    assert (refused.status, refused.code) == (429, "RATE_LIMITED")
    retry_after = int(refused.headers["retry-after"])
    assert 1 <= retry_after <= get_settings().rate_limit_window_seconds
    assert f"{retry_after} second" in refused.body["message"]
    assert "location" not in refused.headers
    assert probe(random_ip()).status == 302
    tried(
        f"{small_link_budget + 1} random reset-link tokens from one address",
        small_link_budget + 1,
        "429 RATE_LIMITED with exact Retry-After once the address's link budget is spent",
    )
