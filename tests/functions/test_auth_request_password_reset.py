"""auth-request-password-reset through its Mangum handler, with moto's SES."""

from __future__ import annotations

import time
from typing import Any

import pytest
from sqlalchemy import func
from sqlmodel import col, select

from shared.auth.password_reset import RESET_REQUESTED
from shared.db import get_engine
from shared.models import PasswordResetToken
from tests.support.accounts import sign_up, unique_email
from tests.support.lambda_client import invoke, random_ip
from tests.support.mail import ses_outbox

FRONTEND = "http://localhost:3000/reset-password"


def _token_rows(user_id: str) -> int:
    with get_engine().connect() as db:
        return int(
            db.execute(
                select(func.count()).where(col(PasswordResetToken.user_id) == user_id)
            ).scalar_one()
        )


def test_an_account_gets_a_reset_link_through_ses() -> None:
    account = sign_up()
    with ses_outbox() as outbox:
        response = invoke(
            "auth-request-password-reset",
            json={"email": account.email.upper(), "redirectTo": FRONTEND},
        )
        assert response.status == 200
        assert response.body == {"status": True, "message": RESET_REQUESTED}
        [message] = outbox.to(account.email)
    assert message.source == "no-reply@lambda-tasks.test"
    assert message.subject == "Reset your lambda-tasks password"
    assert "/api/auth/reset-password/" in message.reset_link
    assert "callbackURL=http%3A%2F%2Flocalhost%3A3000%2Freset-password" in message.reset_link
    # Stored hashed: the emailed token is nowhere in the table.
    with get_engine().connect() as db:
        hashes = db.execute(select(col(PasswordResetToken.token_hash))).scalars().all()
    assert message.reset_token not in hashes
    assert _token_rows(account.user_id) == 1


def test_an_unknown_email_gets_the_same_answer_and_no_mail() -> None:
    with ses_outbox() as outbox:
        response = invoke(
            "auth-request-password-reset", json={"email": unique_email(), "redirectTo": FRONTEND}
        )
        assert response.status == 200
        assert response.body == {"status": True, "message": RESET_REQUESTED}
        assert outbox.messages() == []


def test_known_and_unknown_emails_take_the_same_floor() -> None:
    """Both answers wait out the configured floor (the timing benchmark compares them)."""
    account = sign_up()
    with ses_outbox():
        for email in (account.email, unique_email()):
            started = time.perf_counter()
            invoke("auth-request-password-reset", json={"email": email, "redirectTo": FRONTEND})
            assert time.perf_counter() - started >= 0.6


def test_without_redirect_to_the_link_has_an_empty_callback() -> None:
    account = sign_up()
    with ses_outbox() as outbox:
        assert invoke("auth-request-password-reset", json={"email": account.email}).status == 200
        [message] = outbox.to(account.email)
    assert message.reset_link.endswith("callbackURL=")


def test_a_failed_send_still_gets_the_same_answer() -> None:
    """SES refusing (here: the sender is not verified) must not reveal that the account exists."""
    account = sign_up()
    from moto import mock_aws

    from shared import mailer

    mailer._ses_client.cache_clear()
    with mock_aws():
        response = invoke(
            "auth-request-password-reset", json={"email": account.email, "redirectTo": FRONTEND}
        )
    mailer._ses_client.cache_clear()
    assert response.status == 200
    assert response.body == {"status": True, "message": RESET_REQUESTED}


@pytest.mark.parametrize(
    "redirect_to",
    [
        "https://evil.example/steal",
        "http://localhost:3000.evil.example/x",
        "http://evil.example@localhost:3000/x",
        "//evil.example/x",
        "/reset-password",
        "javascript:alert(1)",
        "http://localhost:3001/x",
        "http:\\\\evil.example",
    ],
)
def test_redirect_to_must_be_a_trusted_frontend_origin(redirect_to: str) -> None:
    account = sign_up_once()
    with ses_outbox() as outbox:
        response = invoke(
            "auth-request-password-reset", json={"email": account, "redirectTo": redirect_to}
        )
        assert outbox.messages() == []
    assert response.status == 403
    assert response.code == "INVALID_REDIRECT_URL"


_ACCOUNT: list[str] = []


def sign_up_once() -> str:
    if not _ACCOUNT:
        _ACCOUNT.append(sign_up().email)
    return _ACCOUNT[0]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({}, "VALIDATION_ERROR"),
        ({"email": "not-an-email"}, "INVALID_EMAIL"),
        ({"email": 42}, "VALIDATION_ERROR"),
        ({"email": "a@example.com", "redirectTo": 5}, "VALIDATION_ERROR"),
        ({"email": "a@example.com", "redirectTo": "x" * 2049}, "VALIDATION_ERROR"),
    ],
)
def test_bad_input_is_400(body: dict[str, Any], code: str) -> None:
    response = invoke("auth-request-password-reset", json=body)
    assert response.status == 400
    assert response.code == code
    assert set(response.body) == {"code", "message"}


def test_not_json_is_400() -> None:
    response = invoke("auth-request-password-reset", raw_body="{nope")
    assert response.status == 400
    assert response.code == "INVALID_JSON"


def test_limited_per_client_ip() -> None:
    ip = random_ip()
    with ses_outbox():
        statuses = [
            invoke(
                "auth-request-password-reset",
                json={"email": unique_email(), "redirectTo": FRONTEND},
                source_ip=ip,
            ).status
            for _ in range(6)
        ]
    assert statuses == [200] * 5 + [429]


def test_limited_per_email_address_across_ips() -> None:
    email = unique_email()
    with ses_outbox():
        answers = [
            invoke("auth-request-password-reset", json={"email": email, "redirectTo": FRONTEND})
            for _ in range(6)
        ]
    assert [answer.status for answer in answers] == [200] * 5 + [429]
    assert answers[-1].code == "RATE_LIMITED"
    assert int(answers[-1].headers["retry-after"]) >= 1
