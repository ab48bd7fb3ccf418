"""One deadline per request for every database wait, and the watchdog that enforces it.

The deadline is the Lambda context's remaining time less a margin, capped (`db_deadline_seconds`),
so a database that stops answering ends in our own 503 well inside the function timeout, never
in API Gateway's bare 502/504 after the ops team has paid for the whole timeout.

libpq bounds a connect (`connect_timeout`) and the kernel a dead peer (`tcp_user_timeout`,
keepalives), but nothing bounds a statement on a socket that still accepts bytes and never
answers (a stuck pooler, a partition behind a proxy). The watchdog does: past the deadline it
shuts the connection's socket down, so the blocked read fails at once, psycopg raises
OperationalError, SQLAlchemy invalidates the connection, and the next request connects afresh.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from shared.errors import ServiceUnavailable
from shared.observability import count


@dataclass(frozen=True, slots=True)
class _Deadline:
    database: float  # when the request's database waits must have ended
    lambda_end: float  # when the Lambda's time (less the margin) runs out: never moved


_deadline: ContextVar[_Deadline | None] = ContextVar("request_deadline", default=None)


@contextmanager
def request_deadline(
    *, remaining_ms: int | None, cap_seconds: float, margin_seconds: float
) -> Iterator[None]:
    """The deadline (monotonic seconds) of the database waits of the request inside the block."""
    now = time.monotonic()
    lambda_end = now + remaining_ms / 1000 - margin_seconds if remaining_ms else float("inf")
    token = _deadline.set(_Deadline(min(now + cap_seconds, lambda_end), lambda_end))
    try:
        yield
    finally:
        _deadline.reset(token)


@contextmanager
def not_a_database_wait() -> Iterator[None]:
    """CPU work between database waits (bcrypt) does not spend the database's budget, only the
    Lambda's: the deadline moves on by the time spent, never past the Lambda's end."""
    started = time.monotonic()
    try:
        yield
    finally:
        current = _deadline.get()
        if current is not None:
            moved = min(current.database + time.monotonic() - started, current.lambda_end)
            _deadline.set(_Deadline(moved, current.lambda_end))


def seconds_left() -> float | None:
    """Time left before this request's deadline; None outside a request (migrations, scripts)."""
    current = _deadline.get()
    return None if current is None else current.database - time.monotonic()


def ensure_time_left() -> float | None:
    """Seconds left, or a 503 if the deadline has already passed."""
    left = seconds_left()
    if left is not None and left <= 0:
        count("DatabaseUnavailable")
        raise ServiceUnavailable()
    return left


class SocketWatchdog:
    """A daemon thread that shuts down the guarded socket if a wait outlives the deadline."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._fileno: int | None = None
        self._deadline: float | None = None
        self._thread: threading.Thread | None = None
        self.fired = 0

    @contextmanager
    def guard(self, fileno: int, *, seconds: float | None) -> Iterator[None]:
        if seconds is None:
            yield
            return
        with self._condition:
            self._start()
            self._fileno, self._deadline = fileno, time.monotonic() + seconds
            self._condition.notify()
        try:
            yield
        finally:
            with self._condition:
                self._fileno = self._deadline = None

    def _start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._watch, name="db-watchdog", daemon=True)
            self._thread.start()

    def _watch(self) -> None:
        with self._condition:
            while True:
                if self._deadline is None:
                    self._condition.wait()
                    continue
                wait = self._deadline - time.monotonic()
                if wait > 0:
                    self._condition.wait(wait)
                    continue
                assert self._fileno is not None
                _shut_down(self._fileno)
                self.fired += 1
                self._fileno = self._deadline = None


def _shut_down(fileno: int) -> None:
    # A duplicate of the descriptor: shutting it down ends the connection for the owner too,
    # and closing the duplicate leaves psycopg's own descriptor to psycopg.
    try:
        with socket.socket(fileno=socket.dup(fileno)) as duplicate:
            duplicate.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed: the wait it guarded is over


watchdog = SocketWatchdog()
