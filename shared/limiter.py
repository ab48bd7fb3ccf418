"""The attempt limiter: a rolling window per subject (a client network, an account), state in
PostgreSQL. Sign-in, sign-up and password reset are limited per client network (every attempt
counts: `shared.network_limit`); failed password checks are also limited per account
(`shared.auth.account_guard`).

An attempt is reserved before the work it limits: one upsert admits it only while the window
holds fewer than the limit, so concurrent attempts can never outrun the limit, however many
instances they come from. An attempt that turns out not to count (a correct password) is then
released: exactly its timestamp leaves the window.

Each reservation and release is one statement, committed as it completes (the request's
session is in autocommit; they never run inside a `transaction()` block), so the row lock that
makes concurrent attempts exact is held for microseconds, never across bcrypt. The attempt log
for a key is an array of admitted timestamps; refused attempts are not logged, which is what
makes `Retry-After` exact: at that moment the oldest attempt has left the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text

from shared.config import get_settings
from shared.db import DbSession
from shared.errors import RateLimited
from shared.observability import count

PURGE_BATCH = 20

_RESERVE_ATTEMPT = text(
    """
    INSERT INTO rate_limit_buckets AS b (key, attempts, admitted, expires_at)
    VALUES (:key, ARRAY[now()], true, now() + make_interval(secs => :window))
    ON CONFLICT (key) DO UPDATE SET
        admitted = cardinality(live_attempts(b.attempts, now() - make_interval(secs => :window)))
                   < :limit,
        attempts = CASE
            WHEN cardinality(live_attempts(b.attempts, now() - make_interval(secs => :window)))
                 < :limit
            THEN live_attempts(b.attempts, now() - make_interval(secs => :window)) || now()
            ELSE live_attempts(b.attempts, now() - make_interval(secs => :window))
        END,
        expires_at = CASE
            WHEN cardinality(live_attempts(b.attempts, now() - make_interval(secs => :window)))
                 < :limit
            THEN now() + make_interval(secs => :window)
            ELSE b.expires_at
        END
    RETURNING
        admitted,
        now() AS reserved_at,
        greatest(1, ceil(extract(epoch FROM
            attempts[1] + make_interval(secs => :window) - now())))::int AS retry_after
    """
)

# The same window, read without recording: NULL retry_after while attempts are still admitted.
_FULL_FOR = text(
    """
    SELECT CASE
        WHEN cardinality(live_attempts(attempts, now() - make_interval(secs => :window))) >= :limit
        THEN greatest(1, ceil(extract(epoch FROM
            (live_attempts(attempts, now() - make_interval(secs => :window)))[1]
            + make_interval(secs => :window) - now())))::int
    END AS retry_after
    FROM rate_limit_buckets WHERE key = :key
    """
)

# One occurrence of the timestamp, not every equal one: two reservations may share a timestamp.
# Positions are read from the row being updated (the locked, latest version), never a snapshot.
_RELEASE_ATTEMPT = text(
    """
    UPDATE rate_limit_buckets
    SET attempts = attempts[1 : array_position(attempts, CAST(:at AS timestamptz)) - 1]
                   || attempts[array_position(attempts, CAST(:at AS timestamptz)) + 1 :]
    WHERE key = :key AND array_position(attempts, CAST(:at AS timestamptz)) IS NOT NULL
    """
)

# Bounded by PURGE_BATCH and served by the expires_at index: the table stays small with no scan.
_PURGE_EXPIRED = text(
    """
    DELETE FROM rate_limit_buckets WHERE key IN (
        SELECT key FROM rate_limit_buckets
        WHERE expires_at < now() AND key <> :key
        ORDER BY expires_at
        LIMIT :batch
        FOR UPDATE SKIP LOCKED
    )
    """
)


@dataclass(frozen=True, slots=True)
class Reservation:
    """One admitted attempt, logged in its window until it expires or is released."""

    db: DbSession
    key: str
    reserved_at: datetime

    def release(self) -> None:
        """Takes this attempt back out of the window (it turned out not to count). One statement,
        committed at once: the bucket's row lock must not wait for the rest of the request."""
        self.db.execute(_RELEASE_ATTEMPT, {"key": self.key, "at": self.reserved_at})


@dataclass(frozen=True, slots=True)
class AttemptLimiter:
    action: str
    attempts: int
    window_seconds: int

    def check(self, db: DbSession, *, subject: str) -> None:
        """Records an attempt, or raises `RateLimited` if the window is already full."""
        try:
            self.reserve(db, subject=subject)
        except RateLimited:
            count("RateLimited")
            raise

    def reserve(self, db: DbSession, *, subject: str) -> Reservation:
        """Logs an attempt before it is made, or raises `RateLimited` (with the seconds until
        one is admitted) if the window is already full."""
        if db.in_transaction:
            raise RuntimeError("an attempt is reserved outside any transaction block")
        params = self._params(subject)
        # Two statements, each committed as it completes: the reservation does not wait for
        # the purge, which only keeps the table small.
        row = db.execute(_RESERVE_ATTEMPT, params).one()
        db.execute(_PURGE_EXPIRED, {"key": params["key"], "batch": PURGE_BATCH})
        if not row.admitted:
            raise RateLimited(int(row.retry_after))
        return Reservation(db, key=str(params["key"]), reserved_at=row.reserved_at)

    def refused_for(self, db: DbSession, *, subject: str) -> int | None:
        """Seconds until the next attempt is admitted if the window is full, else None. Records
        nothing."""
        row = db.execute(_FULL_FOR, self._params(subject)).first()
        return None if row is None or row.retry_after is None else int(row.retry_after)

    def _params(self, subject: str) -> dict[str, object]:
        return {
            "key": f"{self.action}:{subject}",
            "window": self.window_seconds,
            "limit": self.attempts,
        }

    @classmethod
    def for_action(cls, action: str) -> AttemptLimiter:
        """The configured limit for one action, per subject (a network, an address)."""
        settings = get_settings()
        return cls(
            action=action,
            attempts=settings.rate_limit_attempts,
            window_seconds=settings.rate_limit_window_seconds,
        )
