"""What API Gateway tells a function about the caller."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from shared.models.user_sessions import USER_AGENT_MAX_CHARS
from shared.text import storable_header_text


@dataclass(frozen=True, slots=True)
class Caller:
    ip_address: str
    user_agent: str | None


def source_ip(event: Mapping[str, Any]) -> str:
    """The caller's address as API Gateway saw it.

    Only `requestContext.identity.sourceIp` is trusted: an `X-Forwarded-For` header is the
    client's own claim and would let anyone pick a fresh rate-limit budget per request.
    """
    identity = (event.get("requestContext") or {}).get("identity") or {}
    address = identity.get("sourceIp")
    return str(address) if address else "unknown"


def caller(event: Mapping[str, Any], *, user_agent: str | None) -> Caller:
    return Caller(
        ip_address=source_ip(event),
        user_agent=storable_header_text(user_agent, max_chars=USER_AGENT_MAX_CHARS),
    )
