"""The per-network limit of one action (sign-in, sign-up, password reset, an emailed link).

Every attempt counts against the client's network (its IPv4 address or IPv6 /64) and, for IPv6,
against its /48 too, with a larger budget (`shared.request_context.client_ipv6_48` says why
IPv4 has no such tier). An attempt is admitted only if every tier admits it; one refused by any
tier is logged in none, so `Retry-After` stays exact.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.config import get_settings
from shared.db import DbSession
from shared.errors import RateLimited
from shared.limiter import AttemptLimiter, Reservation
from shared.observability import count
from shared.request_context import client_ipv6_48, client_network


@dataclass(frozen=True, slots=True)
class NetworkLimit:
    per_network: AttemptLimiter
    per_ipv6_48: AttemptLimiter

    @classmethod
    def for_action(cls, action: str) -> NetworkLimit:
        return cls._configured(action, attempts=get_settings().rate_limit_attempts)

    @classmethod
    def for_link(cls, action: str) -> NetworkLimit:
        """An emailed link's limit (the reset link; verify-email's to come), named by `action`:
        a public GET with no API key, each call a database lookup."""
        return cls._configured(action, attempts=get_settings().link_rate_limit_attempts)

    @classmethod
    def _configured(cls, action: str, *, attempts: int) -> NetworkLimit:
        settings = get_settings()
        window = settings.rate_limit_window_seconds
        return cls(
            per_network=AttemptLimiter(action, attempts, window),
            per_ipv6_48=AttemptLimiter(action, settings.rate_limit_ipv6_48_attempts, window),
        )

    def check(self, db: DbSession, *, ip_address: str) -> None:
        """Spends one attempt of `ip_address`'s network, or raises `RateLimited`."""
        tiers = [(self.per_network, client_network(ip_address))]
        ipv6_48 = client_ipv6_48(ip_address)
        if ipv6_48 is not None:
            tiers.append((self.per_ipv6_48, ipv6_48))
        admitted: list[Reservation] = []
        for position, (limiter, subject) in enumerate(tiers):
            try:
                admitted.append(limiter.reserve(db, subject=subject))
            except RateLimited as refused:
                for reservation in admitted:
                    reservation.release()
                # The wait is until every tier admits, not only the one that refused.
                waits = [refused.retry_after_seconds] + [
                    later.refused_for(db, subject=later_subject) or 0
                    for later, later_subject in tiers[position + 1 :]
                ]
                count("RateLimited")
                raise RateLimited(max(waits)) from None
