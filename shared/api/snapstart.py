"""SnapStart runtime hooks, and the same priming at init where SnapStart is not used.

Before the snapshot (`prime_for_snapshot`), what a first request would otherwise build, without
touching the database; each step saves at least 10 % of a restored environment's first-request
extra time over a warm request (tests/benchmarks/priming_steps.py measures them):
- the engine is created (SQLAlchemy's dialect and pool, psycopg loaded), with no connection;
- anyio's asyncio backend is loaded (FastAPI enters `yield` dependencies through anyio, which
  imports it on first use), on the event loop the requests will then run on;
- every SQL statement the loaded modules hold is compiled into the engine's cache, under the key
  its execution looks it up by (`shared.db.precompile`);
then every database connection is closed, so none is captured in the snapshot (restored
environments would all share its socket).

After restore (`renew_environment`), what must differ between environments is renewed: the
`random` seed, the settings (secrets are read again, so a rotated secret reaches restored
environments too), and the database connection is opened afresh.

Without SnapStart (`AWS_LAMBDA_INITIALIZATION_TYPE` is not `snap-start`: locally, or in a
region without it) the runtime never calls the hooks; the priming then runs at init instead,
unless `PRIME_AT_INIT=false`.
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
from collections.abc import Iterator

import anyio
from snapshot_restore_py import register_after_restore, register_before_snapshot
from sqlalchemy import BindParameter, ClauseElement, Executable, Insert
from sqlalchemy.sql import visitors

from shared.config import get_settings
from shared.db import close_connections, dispose_engine, get_engine, precompile
from shared.observability import logger

_hooks_registered = False
_loop: asyncio.AbstractEventLoop | None = None


def uses_snapstart() -> bool:
    return os.environ.get("AWS_LAMBDA_INITIALIZATION_TYPE") == "snap-start"


def prepare() -> None:
    """Called once per function at import: registers the hooks, or primes now without SnapStart.

    Runs from the handler module's last line (`handler = lambda_handler(app)`), when every
    module the function's routes use is loaded.
    """
    global _hooks_registered
    if not _hooks_registered:
        # One pair per process: the runtime runs before-snapshot hooks in reverse order of
        # registration, so one hook that does every step keeps the order ours.
        register_before_snapshot(prime_for_snapshot)
        register_after_restore(renew_environment)
        _hooks_registered = True
    if not uses_snapstart() and get_settings().prime_at_init:
        _prime()


def prime_for_snapshot() -> None:
    """The before-snapshot hook."""
    _prime()
    # No connection may be captured: every restored environment would share its socket. The
    # engine stays, with the statements compiled into its cache.
    close_connections()


def renew_environment() -> None:
    """The after-restore hook: per-environment state renewed, the connection opened afresh."""
    random.seed()  # from os.urandom: restored environments must not share a sequence
    _forget_secrets()
    try:
        get_engine().connect().close()
    except Exception:  # noqa: BLE001 - the first request will answer 503 and retry itself
        logger.warning("database connect after restore failed; the first request will retry")


def _forget_secrets() -> None:
    settings = get_settings()
    get_settings.cache_clear()
    if "aws_lambda_powertools.utilities.parameters" in sys.modules:
        from aws_lambda_powertools.utilities import parameters

        parameters.clear_caches()  # type: ignore[no-untyped-call]
    if get_settings().sqlalchemy_url != settings.sqlalchemy_url:
        dispose_engine()  # a rotated DATABASE_URL: the next engine is made from the new one


def _prime() -> None:
    _load_anyio_backend()
    _compile_statements()


def _load_anyio_backend() -> None:
    """FastAPI enters `yield` dependencies (the database session) through anyio, which imports
    its asyncio backend on first use: loaded here, on the event loop the requests will run on
    (Mangum runs each on this thread's loop, and the runtime calls the handler on this thread)."""
    global _loop
    if _loop is None:
        _loop = asyncio.new_event_loop()
    asyncio.set_event_loop(_loop)
    _loop.run_until_complete(anyio.sleep(0))


def _compile_statements() -> None:
    """The engine created (dialect and pool, psycopg loaded; no connection), and every SQL
    statement the loaded modules hold compiled into its cache under the key its execution looks
    it up by, so a first request compiles nothing."""
    for statement in _loaded_statements():
        precompile(statement, _param_names(statement))


def _loaded_statements() -> Iterator[ClauseElement]:
    """Every SQL statement the loaded `shared` modules hold: module-level ones found by type,
    and those a module builds on demand (one per filter and sort) listed by its
    `statement_variants()`."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("shared.") or module is None:
            continue
        for value in list(vars(module).values()):
            if isinstance(value, Executable) and isinstance(value, ClauseElement):
                yield value
        variants = getattr(module, "statement_variants", None)
        if callable(variants):
            yield from variants()


def _param_names(statement: ClauseElement) -> set[str]:
    """The names of the parameters the code passes with `statement`: its named bound parameters
    (a literal compared in a statement is an anonymous one, carried by the statement itself),
    or, for an INSERT of whole rows, every column."""
    names = {
        element.key
        for element in visitors.iterate(statement)
        if isinstance(element, BindParameter) and not element.unique
    }
    if not names and isinstance(statement, Insert):
        names = {column.key for column in statement.table.columns}
    return names
