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

A check in flight holds its place in the window (reserved before bcrypt, given back when the
password is right), so simultaneous guesses from any number of instances get at most the limit
of checks between them.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import bindparam, func
from sqlmodel import col, select

from shared.auth.passwords import verify_password
from shared.config import get_settings
from shared.db import DbSession
from shared.errors import RateLimited
from shared.limiter import AttemptLimiter, Reservation
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
        network it knows), counted when wrong. bcrypt runs with no transaction open."""
        return self.check_secret(
            db,
            subject=email.lower(),
            user=user,
            client_ip=client_ip,
            matches=lambda: verify_password(password, user.password_hash if user else None),
        )

    def check_secret(
        self,
        db: DbSession,
        *,
        subject: str,
        user: User | None,
        client_ip: str,
        matches: Callable[[], bool],
    ) -> bool:
        """Any secret of the account checked under its limit (a password; a second factor to
        come). The failure is reserved before `matches` runs and given back if it matched:
        checked first and counted after, a burst of simultaneous guesses would all get through."""
        failure: Reservation | None = None
        try:
            failure = self.limiter.reserve(db, subject=subject)
        except RateLimited:
            if not (user and self._known_network(db, user.id, client_ip)):
                count("AccountLocked")
                raise
        # Every statement so far committed as it ran: while bcrypt runs no transaction is open,
        # so PgBouncer lends this client no server connection, and the reservation is visible
        # to every other instance already.
        if db.in_transaction:
            raise RuntimeError("a secret is never checked inside a transaction block")
        # `matches` runs with no user too (against a dummy hash): the same time either way.
        if not matches() or user is None:
            return False
        if failure is not None:
            failure.release()
        return True

    @staticmethod
    def _known_network(db: DbSession, user_id: uuid.UUID, client_ip: str) -> bool:
        network = client_network(client_ip)
        recent = db.execute(_RECENT_NETWORKS, {"user_id": user_id}).scalars()
        return any(client_network(address) == network for address in recent)
