"""What API Gateway tells a function about the caller."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from shared.models.user_sessions import USER_AGENT_MAX_CHARS
from shared.text import storable_header_text


@dataclass(frozen=True, slots=True)
class Caller:
    ip_address: str
    user_agent: str | None

    @property
    def network(self) -> str:
        return client_network(self.ip_address)


def client_network(address: str) -> str:
    """What one client is, for limits: its IPv4 address, or its IPv6 /64.

    An IPv6 subscriber is routinely handed a whole /64 (2^64 addresses): keyed by address, one
    client would get a fresh budget per request.
    """
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def client_ipv6_48(address: str) -> str | None:
    """The IPv6 /48 an address is in, for the coarser tier of per-network limits; None for IPv4.

    A site is routinely handed a /56 or a /48 (RFC 6177): keyed only by /64, it would get 256 or
    65,536 budgets. IPv4 needs no second tier: a subscriber gets one address, and the many behind
    one block (CGNAT pools, campus and cloud ranges) are mostly unrelated people, so a per-/24
    budget would throttle bystanders; guessing from many IPv4 addresses meets the per-account
    limit and WAF instead.
    """
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return None
    if not isinstance(parsed, ipaddress.IPv6Address) or parsed.ipv4_mapped is not None:
        return None
    return str(ipaddress.ip_network(f"{parsed}/48", strict=False))


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
