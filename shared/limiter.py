"""The attempt limiter: a rolling window per subject (a client network, an account), state in
PostgreSQL. Sign-in and sign-up are limited per client network (every attempt counts); failed
password checks are also limited per account (`shared.auth.account_guard`).

Each check is one upsert and one bounded purge in a short transaction of its own, so the row
lock that makes concurrent attempts exact is held for microseconds, never across bcrypt.
The attempt log for a key is an array of admitted timestamps; refused attempts are not logged,
which is what makes `Retry-After` exact: at that moment the oldest attempt has left the window.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from shared.config import get_settings
from shared.db import DbSession
from shared.errors import RateLimited
from shared.observability import count

PURGE_BATCH = 20

_RECORD_ATTEMPT = text(
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
class AttemptLimiter:
    action: str
    attempts: int
    window_seconds: int

    def check(self, db: DbSession, *, subject: str) -> None:
        """Records an attempt, or raises `RateLimited` if the window is already full."""
        admitted, retry_after = self._record(db, subject)
        if not admitted:
            count("RateLimited")
            raise RateLimited(retry_after)

    def record(self, db: DbSession, *, subject: str) -> None:
        """Records an attempt that already happened (a failed password check)."""
        self._record(db, subject)

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

    def _record(self, db: DbSession, subject: str) -> tuple[bool, int]:
        # Its own short transaction: the row lock that keeps concurrent attempts exact is held
        # for microseconds, never across bcrypt.
        params = self._params(subject)
        row = db.execute(_RECORD_ATTEMPT, params).one()
        db.execute(_PURGE_EXPIRED, {"key": params["key"], "batch": PURGE_BATCH})
        db.commit()
        return bool(row.admitted), int(row.retry_after)

    @classmethod
    def for_action(cls, action: str) -> AttemptLimiter:
        """The configured limit for one action (sign-in, sign-up)."""
        settings = get_settings()
        return cls(
            action=action,
            attempts=settings.rate_limit_attempts,
            window_seconds=settings.rate_limit_window_seconds,
        )
