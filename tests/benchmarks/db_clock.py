"""Measures the time a request spends waiting on PostgreSQL (every execute, commit, rollback),
so a route's own overhead is its duration minus the database round trips it needs."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg


class DbClock:
    seconds = 0.0
    round_trips = 0

    @classmethod
    def reset(cls) -> None:
        cls.seconds = 0.0
        cls.round_trips = 0


def _round_trips(connection: psycopg.Connection[Any], *, ends_transaction: bool) -> int:
    """The network round trips psycopg is about to make for one call, by the state it starts in.

    Outside autocommit, a statement on an idle connection is preceded by its own `BEGIN`; a
    COMMIT or ROLLBACK with no transaction open sends nothing at all.
    """
    idle = connection.pgconn.transaction_status == psycopg.pq.TransactionStatus.IDLE
    if ends_transaction:
        return 0 if idle else 1
    return 2 if idle and not connection.autocommit else 1


def _timed(method: Callable[..., Any], *, ends_transaction: bool) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        connection = self if ends_transaction else self.connection
        DbClock.round_trips += _round_trips(connection, ends_transaction=ends_transaction)
        started = time.perf_counter()
        try:
            return method(self, *args, **kwargs)
        finally:
            DbClock.seconds += time.perf_counter() - started

    return wrapper


@contextmanager
def db_clock() -> Iterator[type[DbClock]]:
    originals: dict[tuple[type, str], Callable[..., Any]] = {
        (psycopg.Cursor, "execute"): psycopg.Cursor.execute,
        (psycopg.Connection, "commit"): psycopg.Connection.commit,
        (psycopg.Connection, "rollback"): psycopg.Connection.rollback,
    }
    for (owner, name), method in originals.items():
        setattr(owner, name, _timed(method, ends_transaction=name != "execute"))
    try:
        yield DbClock
    finally:
        for (owner, name), method in originals.items():
            setattr(owner, name, method)


def select_one_round_trip(url: str, repeats: int = 2000) -> list[float]:
    """The bare round trip: `SELECT 1` on an open connection, in milliseconds."""
    samples = []
    with psycopg.connect(url, prepare_threshold=None, autocommit=True) as connection:
        for _ in range(repeats):
            started = time.perf_counter()
            connection.execute("SELECT 1").fetchone()
            samples.append((time.perf_counter() - started) * 1000)
    return samples
