"""The sign-in / sign-up attempt limiter: a rolling window per client IP, state in PostgreSQL.

Each check is one upsert and one bounded purge in a short transaction of its own, so the row
lock that makes concurrent attempts exact is held for microseconds, never across bcrypt.
The attempt log for a key is an array of admitted timestamps; refused attempts are not logged,
which is what makes `Retry-After` exact: at that moment the oldest attempt has left the window.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, text

from shared.config import get_settings
from shared.db import bounded_wait
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

    def check(self, *, engine: Engine, client_ip: str) -> None:
        """Records an attempt, or raises `RateLimited` if the window is already full."""
        key = f"{self.action}:{client_ip}"
        with bounded_wait(), engine.begin() as connection:
            admitted, retry_after = connection.execute(
                _RECORD_ATTEMPT,
                {"key": key, "window": self.window_seconds, "limit": self.attempts},
            ).one()
            connection.execute(_PURGE_EXPIRED, {"key": key, "batch": PURGE_BATCH})
        if not admitted:
            count("RateLimited")
            raise RateLimited(int(retry_after))

    @classmethod
    def for_action(cls, action: str) -> AttemptLimiter:
        """The configured limit for one action (sign-in, sign-up)."""
        settings = get_settings()
        return cls(
            action=action,
            attempts=settings.rate_limit_attempts,
            window_seconds=settings.rate_limit_window_seconds,
        )
