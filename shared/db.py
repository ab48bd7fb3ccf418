"""The one engine factory and the request's unit of work on it.

One engine per function container, created lazily at first use and reused by every warm
invocation. Sized for Lambda behind Neon's pooled endpoint (PgBouncer, transaction mode):
one connection, no overflow, no server-side prepared statements.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import psycopg
from sqlalchemy import (
    ClauseElement,
    Connection,
    CursorResult,
    Engine,
    Executable,
    create_engine,
    event,
)
from sqlalchemy.engine.interfaces import Dialect
from sqlalchemy.pool import ConnectionPoolEntry
from sqlalchemy.sql import compiler

from shared.config import get_settings
from shared.deadline import ensure_time_left, seconds_left, watchdog
from shared.errors import ServiceUnavailable
from shared.observability import count, logger

_engine: Engine | None = None


def get_engine() -> Engine:
    global _engine
    if _engine is None:
        _engine = _create_engine()
    return _engine


def dispose_engine() -> None:
    """Forget the container's engine (tests switch databases; nothing else needs this)."""
    global _engine
    if _engine is not None:
        _engine.dispose()
        _engine = None


def close_connections() -> None:
    """Closes every connection but keeps the engine, and with it every statement it has compiled.

    For SnapStart's before-snapshot hook: no socket may be captured in the snapshot, while the
    compiled statements should be (`precompile`).
    """
    if _engine is not None:
        _engine.dispose(close=True)
        _pool_state(_engine).connection = None


def precompile(statement: ClauseElement, param_names: Iterable[str]) -> None:
    """Compiles `statement` into the engine's compiled cache, without connecting, under the key
    `DbSession.execute` will look it up by, so its first execution finds it compiled.

    The key is what `Connection.execute(statement, params)` computes: the dialect, the
    statement's cache key and the sorted names of `params` (SQLAlchemy's own code path; the
    SnapStart tests check a first request after priming compiles nothing).
    """
    engine = get_engine()
    statement._compile_w_cache(
        dialect=engine.dialect,
        compiled_cache=engine._compiled_cache,
        column_keys=sorted(param_names),
        for_executemany=False,
        schema_translate_map=None,
        linting=engine.dialect.compiler_linting | compiler.WARN_LINTING,
    )


def _create_engine() -> Engine:
    settings = get_settings()
    engine = create_engine(
        settings.sqlalchemy_url,
        pool_size=1,
        max_overflow=0,
        pool_pre_ping=True,
        # A second caller in the same container means a bug, not load: fail fast, never queue.
        pool_timeout=settings.db_connect_timeout_seconds,
        connect_args={
            # PgBouncer in transaction mode cannot keep psycopg's named prepared statements.
            "prepare_threshold": None,
            "connect_timeout": settings.db_connect_timeout_seconds,
            "application_name": "lambda-tasks",
            # A peer that vanished (no ACKs) is noticed by the kernel, not after TCP's minutes.
            "tcp_user_timeout": int(settings.db_deadline_seconds * 1000),
            "keepalives": 1,
            "keepalives_idle": 30,
            "keepalives_interval": 5,
            "keepalives_count": 3,
        },
    )
    attempts = settings.db_connect_attempts
    backoff = settings.db_connect_backoff_seconds

    @event.listens_for(engine, "do_connect")
    def _connect_with_retry(
        dialect: Dialect, _record: ConnectionPoolEntry, cargs: Any, cparams: Any
    ) -> Any:
        for attempt in range(1, attempts + 1):
            left = ensure_time_left()
            if left is not None:
                # Never wait past the request's deadline (psycopg waits at least 2 s).
                cparams["connect_timeout"] = max(
                    2, min(settings.db_connect_timeout_seconds, int(left))
                )
            try:
                return dialect.connect(*cargs, **cparams)
            except psycopg.OperationalError:
                pause = backoff * 2 ** (attempt - 1)
                left = seconds_left()
                if attempt == attempts or (left is not None and left <= pause):
                    raise
                logger.warning("database connect failed, retrying", extra={"attempt": attempt})
                time.sleep(pause)
        raise AssertionError("unreachable")

    @event.listens_for(engine, "connect")
    def _remember(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        _pool_state(engine).connection = dbapi_connection

    return engine


class _PoolState:
    """An engine's one pooled connection and who holds it.

    Its socket is what the watchdog guards, also before checkout (the pool's pre-ping). Only the
    holder's waits are guarded, so a request still queueing for the connection (several
    functions in one local process) can never trip the watchdog on the socket another request is
    using.
    """

    def __init__(self) -> None:
        self.holder = threading.Lock()
        self.connection: psycopg.Connection[Any] | None = None

    def fileno(self) -> int | None:
        try:
            return None if self.connection is None else self.connection.pgconn.socket
        except psycopg.OperationalError:
            return None  # closed or broken: nothing to guard, the pool will reconnect


_states: weakref.WeakKeyDictionary[Engine, _PoolState] = weakref.WeakKeyDictionary()
_states_guard = threading.Lock()


def _pool_state(engine: Engine) -> _PoolState:
    with _states_guard:
        return _states.setdefault(engine, _PoolState())


class DbSession:
    """One request's work on the database: connects at its first statement, not before.

    A request refused before it needs the database (a bad token, a malformed body) never
    checks out the connection, so it costs no round trip and still gets its own answer while
    the database is down. Statements are SQLAlchemy Core.

    Two kinds, one per kind of request:
    - a transaction (`Db`): nothing is committed unless a service calls `commit`, and closing
      rolls back whatever was not. For requests of several statements (sign-up, sign-in).
    - autocommit (`AutocommitDb`): PostgreSQL commits each statement as it completes. For
      requests whose only write is one statement (every task route, get-session, sign-out):
      that statement is the request's transaction, and it saves the BEGIN and COMMIT round
      trips. Every dependency of one request must ask for the same kind: the pool holds one
      connection, and a second session would wait for it.
    """

    def __init__(self, engine: Engine, *, autocommit: bool = False) -> None:
        self._engine = engine
        self._autocommit = autocommit
        self._connection: Connection | None = None
        self._pool = _pool_state(engine)

    def execute(
        self, statement: Executable, params: Mapping[str, Any] | None = None
    ) -> CursorResult[Any]:
        if self._connection is None:
            self._connection = self._connect()
        with self._bounded():
            return self._connection.execute(statement, params)

    def _connect(self) -> Connection:
        left = ensure_time_left()
        if not self._pool.holder.acquire(timeout=-1 if left is None else left):
            count("DatabaseUnavailable")
            raise ServiceUnavailable()
        try:
            with self._bounded():  # the pool's pre-ping, or a new connection's handshake
                connection = self._engine.connect()
        except BaseException:
            self._pool.holder.release()
            raise
        if self._autocommit:
            # A local switch on the idle connection (no round trip); the pool switches it back
            # when the connection is returned.
            connection.execution_options(isolation_level="AUTOCOMMIT")
        return connection

    @contextmanager
    def _bounded(self) -> Iterator[None]:
        """Every database wait of the holder ends by the request's deadline (`shared.deadline`)."""
        left = ensure_time_left()
        fileno = self._pool.fileno()
        if fileno is None:
            yield
            return
        with watchdog.guard(fileno, seconds=left):
            yield

    def commit(self) -> None:
        if self._connection is not None:
            with self._bounded():
                self._connection.commit()

    def rollback(self) -> None:
        if self._connection is not None:
            with self._bounded():
                self._connection.rollback()

    def close(self) -> None:
        if self._connection is None:
            return
        # Returning the connection rolls back an open transaction: bounded too, but closing
        # never raises for the deadline (it runs after the answer is decided).
        left = seconds_left()
        fileno = self._pool.fileno()
        try:
            if fileno is None or left is None:
                self._connection.close()
            else:
                with watchdog.guard(fileno, seconds=max(left, 0.5)):
                    self._connection.close()
        finally:
            self._connection = None
            self._pool.holder.release()


def end_transaction(db: DbSession) -> None:
    """Ends the read transaction and hands the connection back before slow CPU work (bcrypt).

    Holding it would keep one of PgBouncer's few server connections idle-in-transaction for
    a quarter of a second per sign-in. The next statement simply starts a new transaction.
    """
    db.commit()
