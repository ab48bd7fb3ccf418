"""The per-account limit on failed password checks, across every client network.

The per-network limit (5 per minute) does not stop a guesser with many addresses. So failed
checks are also counted per account: at most `account_failure_limit` per
`account_failure_window_seconds` (20 per 15 minutes by default: 80 an hour, within OWASP ASVS's
100), keyed by the normalised email whether or not the account exists, so the lock tells no one
which emails have accounts. While an account is locked its sign-ins get 429 `RATE_LIMITED` with
the exact `Retry-After` (when its oldest failure leaves the window) - except from a network the
account has signed in from in the last 30 days. That is the trade-off: an attacker who keeps
failing can keep the account locked for strangers, but never out of the real user's usual
networks, and the lock on any other network lasts only while the attack does.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import bindparam, func
from sqlmodel import col, select

from shared.auth.passwords import verify_password
from shared.config import get_settings
from shared.db import DbSession, end_transaction
from shared.errors import RateLimited
from shared.limiter import AttemptLimiter
from shared.models import User, UserSession
from shared.observability import count
from shared.request_context import client_network

KNOWN_NETWORK_DAYS = 30
_RECENT_NETWORKS = (
    select(col(UserSession.ip_address))
    .where(
        col(UserSession.user_id) == bindparam("user_id"),
        col(UserSession.created_at) > func.now() - func.make_interval(0, 0, 0, KNOWN_NETWORK_DAYS),
        col(UserSession.ip_address).is_not(None),
    )
    .distinct()
    .limit(100)
)


@dataclass(frozen=True, slots=True)
class AccountGuard:
    limiter: AttemptLimiter

    @classmethod
    def from_settings(cls) -> AccountGuard:
        settings = get_settings()
        return cls(
            AttemptLimiter(
                action="password-failures",
                attempts=settings.account_failure_limit,
                window_seconds=settings.account_failure_window_seconds,
            )
        )

    def check_password(
        self, db: DbSession, *, email: str, user: User | None, password: str, client_ip: str
    ) -> bool:
        """The one way a password is checked: refused while the account is locked (unless from a
        network it knows), counted when wrong. bcrypt runs with no connection held."""
        subject = email.lower()
        locked_for = self.limiter.refused_for(db, subject=subject)
        if locked_for is not None and not (user and self._known_network(db, user.id, client_ip)):
            count("AccountLocked")
            raise RateLimited(locked_for)
        end_transaction(db)
        if verify_password(password, user.password_hash if user else None) and user is not None:
            return True
        self.limiter.record(db, subject=subject)
        return False

    @staticmethod
    def _known_network(db: DbSession, user_id: uuid.UUID, client_ip: str) -> bool:
        network = client_network(client_ip)
        recent = db.execute(_RECENT_NETWORKS, {"user_id": user_id}).scalars()
        return any(client_network(address) == network for address in recent)
