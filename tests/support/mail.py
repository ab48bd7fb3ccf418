"""Reset emails through moto's SES: the sender identity verified, every sent message readable."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import boto3
from moto import mock_aws
from moto.core.models import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends

from shared import mailer
from shared.config import get_settings

_RESET_LINK = re.compile(r"https?://\S+/api/auth/reset-password/(?P<token>[A-Za-z0-9_-]+)\?\S*")


@dataclass(frozen=True)
class SentEmail:
    to: list[str]
    source: str
    subject: str
    body: str

    @property
    def reset_link(self) -> str:
        found = _RESET_LINK.search(self.body)
        assert found, self.body
        return found.group(0)

    @property
    def reset_token(self) -> str:
        found = _RESET_LINK.search(self.body)
        assert found, self.body
        return found.group("token")


class SesOutbox:
    def __init__(self, region: str) -> None:
        self.region = region

    def messages(self) -> list[SentEmail]:
        backend = ses_backends[DEFAULT_ACCOUNT_ID][self.region]
        return [
            SentEmail(
                to=list(message.destinations["ToAddresses"]),
                source=message.source,
                subject=message.subject,
                body=message.body,
            )
            for message in backend.sent_messages
        ]

    def to(self, address: str) -> list[SentEmail]:
        return [message for message in self.messages() if address in message.to]


@contextmanager
def ses_outbox() -> Iterator[SesOutbox]:
    """moto's SES for the block, with `EMAIL_FROM` verified (SES refuses unverified senders)."""
    settings = get_settings()
    mailer._ses_client.cache_clear()
    with mock_aws():
        boto3.client("sesv2", region_name=settings.email_region).create_email_identity(
            EmailIdentity=settings.email_from
        )
        yield SesOutbox(settings.email_region)
    mailer._ses_client.cache_clear()


def assert_reset_link_void(token: str) -> None:
    """The emailed link now leads to `error=INVALID_TOKEN`, and the token sets no password."""
    from tests.support.lambda_client import invoke

    callback = "http://localhost:3000/reset"
    link = invoke(
        "auth-reset-password-link",
        path_parameters={"token": token},
        query={"callbackURL": callback},
    )
    assert link.status == 302, link.body
    assert link.headers["location"] == f"{callback}?error=INVALID_TOKEN"
    reset = invoke("auth-reset-password", json={"token": token, "newPassword": "taken over by x"})
    assert reset.status == 400, reset.body
    assert reset.code == "INVALID_TOKEN"


def request_reset_token(email: str, *, redirect_to: str = "http://localhost:3000/reset") -> str:
    """Asks for a reset through the real function and returns the token from the sent email."""
    from tests.support.lambda_client import invoke

    with ses_outbox() as outbox:
        response = invoke(
            "auth-request-password-reset", json={"email": email, "redirectTo": redirect_to}
        )
        assert response.status == 200, response.body
        return outbox.to(email)[-1].reset_token
