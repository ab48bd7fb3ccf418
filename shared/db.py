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
from shared.observability import logger

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
    statement's cache key and the sorted names of `params`. SQLAlchemy has no public way to fill
    the cache without executing (`statement.compile()` builds a `Compiled` the engine never
    sees), so this is the one use of its private API (`_compile_w_cache`, `_compiled_cache`):
    tests/integration/test_snapstart.py fails loudly if an upgrade changes either (the first
    requests after restore must compile nothing).
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
    """An engine's one pooled connection: its socket is what the watchdog guards, also before
    checkout (the pool's pre-ping).

    One request at a time per engine, as one Lambda instance serves one invocation at a time,
    and one `DbSession` per request (`shared.api.deps.get_db_session`): nobody else waits for it.
    """

    def __init__(self) -> None:
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

    One kind for every request. Autocommit: PostgreSQL commits each statement as it completes,
    so a statement on its own is its own transaction, one round trip, no BEGIN or COMMIT (every
    task route, get-session, sign-out, and every statement of the others that stands alone).
    Statements that must stand or fall together go in `with db.transaction():`. Nothing slow
    (bcrypt) runs inside one: between statements no transaction is open, so PgBouncer holds no
    server connection for this client.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._connection: Connection | None = None
        self._in_transaction = False
        self._pool = _pool_state(engine)

    @property
    def in_transaction(self) -> bool:
        """True inside a `transaction()` block."""
        return self._in_transaction

    def execute(
        self, statement: Executable, params: Mapping[str, Any] | None = None
    ) -> CursorResult[Any]:
        connection = self._connected()
        with self._bounded():
            return connection.execute(statement, params)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """The block's statements as one transaction: committed when the block ends, rolled back
        if it raises (a refusal decided halfway, an `ApiError`, leaves nothing behind).

        SQLAlchemy's `Connection.begin()` cannot do this on an autocommit connection (the DBAPI
        connection would still commit every statement), so the block takes the connection out
        of autocommit and puts it back after: both are local switches of psycopg's connection,
        no round trip. psycopg then sends BEGIN with the block's first statement and COMMIT at
        its end: n statements cost n + 2 round trips. Blocks do not nest.
        """
        if self._in_transaction:
            raise RuntimeError("DbSession.transaction() blocks do not nest")
        connection = self._connected()
        # Ends SQLAlchemy's record of the autocommitted statements (nothing is sent: psycopg
        # has no transaction open); the isolation level may only change outside one.
        connection.commit()
        connection.execution_options(isolation_level=connection.default_isolation_level)
        self._in_transaction = True
        try:
            yield
        except BaseException:
            self._end_transaction(connection, commit=False)
            raise
        self._end_transaction(connection, commit=True)

    def _end_transaction(self, connection: Connection, *, commit: bool) -> None:
        try:
            if commit:
                with self._bounded():
                    connection.commit()
            else:
                with self._cleanup_bounded():
                    connection.rollback()
        finally:
            self._in_transaction = False
            if connection.invalidated or connection.in_transaction():
                # Lost (the watchdog cut it, the database went away) or left unfinished by a
                # failed COMMIT: handed back to the pool, which discards or resets it. A later
                # statement of this request checks out a fresh one.
                with self._cleanup_bounded():
                    self._release()
            else:
                connection.execution_options(isolation_level="AUTOCOMMIT")

    def _connected(self) -> Connection:
        if self._connection is None:
            self._connection = self._connect()
        return self._connection

    def _connect(self) -> Connection:
        with self._bounded():  # the pool's pre-ping, or a new connection's handshake
            connection = self._engine.connect()
        # A local switch on the idle connection (no round trip); the pool switches it back
        # when the connection is returned.
        connection.execution_options(isolation_level="AUTOCOMMIT")
        return connection

    @contextmanager
    def _bounded(self) -> Iterator[None]:
        """Every database wait ends by the request's deadline (`shared.deadline`)."""
        left = ensure_time_left()
        fileno = self._pool.fileno()
        if fileno is None:
            yield
            return
        with watchdog.guard(fileno, seconds=left):
            yield

    @contextmanager
    def _cleanup_bounded(self) -> Iterator[None]:
        """A wait once the answer is decided (a rollback, the pool's reset of the returned
        connection): bounded too, but never refused for the deadline."""
        left = seconds_left()
        fileno = self._pool.fileno()
        if fileno is None or left is None:
            yield
            return
        with watchdog.guard(fileno, seconds=max(left, 0.5)):
            yield

    def close(self) -> None:
        if self._connection is not None:
            with self._cleanup_bounded():
                self._release()

    def _release(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()
