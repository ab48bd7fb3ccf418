"""Outgoing email: Amazon SES in AWS, a local outbox of `.eml` files for `make dev`.

`EMAIL_TRANSPORT=ses` (the default) sends through SES v2 from `EMAIL_FROM` in `EMAIL_REGION`;
the functions' IAM role may send from that one identity and do nothing else with SES.
`EMAIL_TRANSPORT=outbox` writes each message to `EMAIL_OUTBOX_DIR` and prints it, so a developer
can follow a reset link without AWS.
"""

from __future__ import annotations

import sys
import uuid
from email.message import EmailMessage
from functools import cache
from pathlib import Path
from typing import Any

from shared.config import get_settings
from shared.observability import logger


@cache
def _ses_client(region: str) -> Any:
    # Imported here: boto3 is only worth its cold-start cost in the function that sends mail.
    import boto3

    return boto3.client("sesv2", region_name=region)


def send_email(*, to: str, subject: str, text: str) -> None:
    settings = get_settings()
    if settings.email_transport == "outbox":
        _write_to_outbox(
            Path(settings.email_outbox_dir),
            sender=settings.email_from,
            to=to,
            subject=subject,
            text=text,
        )
        return
    _ses_client(settings.email_region).send_email(
        FromEmailAddress=settings.email_from,
        Destination={"ToAddresses": [to]},
        Content={
            "Simple": {
                "Subject": {"Data": subject, "Charset": "UTF-8"},
                "Body": {"Text": {"Data": text, "Charset": "UTF-8"}},
            }
        },
    )
    logger.info("email sent", extra={"transport": "ses", "subject": subject})


def _write_to_outbox(outbox: Path, *, sender: str, to: str, subject: str, text: str) -> None:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message.set_content(text)
    outbox.mkdir(parents=True, exist_ok=True)
    path = outbox / f"{uuid.uuid4().hex}.eml"
    path.write_bytes(bytes(message))
    # The local run's terminal is where a developer looks for the link.
    print(f"\n[outbox] {path}\nTo: {to}\nSubject: {subject}\n\n{text}\n", file=sys.stderr)
