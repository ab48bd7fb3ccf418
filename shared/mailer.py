"""Outgoing email: Amazon SES in AWS, a local outbox of `.eml` files for `make dev`.

`EMAIL_TRANSPORT=ses` (the default) sends through SES v2 from `EMAIL_FROM` in `EMAIL_REGION`;
the functions' IAM role may send from that one identity and do nothing else with SES.
`EMAIL_TRANSPORT=outbox` writes each message to `EMAIL_OUTBOX_DIR` and prints it, so a developer
can follow a reset link without AWS.
"""

from __future__ import annotations

import sys
import uuid
from email.headerregistry import Address
from email.message import EmailMessage
from functools import cache
from pathlib import Path
from typing import Any

from shared.config import get_settings
from shared.email_address import normalize_email
from shared.observability import logger


@cache
def _ses_client(region: str) -> Any:
    # Imported here: boto3 is only worth its cold-start cost in the function that sends mail.
    import boto3

    return boto3.client("sesv2", region_name=region)


def _recipient(address: str) -> Address:
    """Built from the checked parts, never parsed from text: nothing in it can name another
    recipient."""
    local, _, domain = normalize_email(address).rpartition("@")
    return Address(username=local, domain=domain)


def send_email(*, to: str, subject: str, text: str) -> None:
    """Sends `text` to `to`, which must be one plain address (InvalidEmailAddress otherwise).

    The schemas already refuse anything else; checked again here because the address usually
    comes from the database, where rows stored under an older, looser rule may hold a display
    name or a list that SES would read as more recipients.
    """
    recipient = _recipient(to)
    settings = get_settings()
    if settings.email_transport == "outbox":
        _write_to_outbox(
            Path(settings.email_outbox_dir),
            sender=settings.email_from,
            to=recipient,
            subject=subject,
            text=text,
        )
        return
    _ses_client(settings.email_region).send_email(
        FromEmailAddress=settings.email_from,
        Destination={"ToAddresses": [recipient.addr_spec]},
        Content={
            "Simple": {
                "Subject": {"Data": subject, "Charset": "UTF-8"},
                "Body": {"Text": {"Data": text, "Charset": "UTF-8"}},
            }
        },
    )
    logger.info("email sent", extra={"transport": "ses", "subject": subject})


def _write_to_outbox(outbox: Path, *, sender: str, to: Address, subject: str, text: str) -> None:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message.set_content(text)
    outbox.mkdir(parents=True, exist_ok=True)
    path = outbox / f"{uuid.uuid4().hex}.eml"
    path.write_bytes(bytes(message))
    # The local run's terminal is where a developer looks for the link.
    print(f"\n[outbox] {path}\nTo: {to.addr_spec}\nSubject: {subject}\n\n{text}\n", file=sys.stderr)
