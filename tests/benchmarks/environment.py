"""A database for benchmarks: its own migrated database, with PgBouncer in front of it."""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from infra.db.migrate import upgrade
from infra.local.postgres import ServerAddress, server_address
from shared.observability import logger
from tests.support.servers import PgBouncer, recreate_database

BENCH_DATABASE = "lambda_tasks_bench"


@dataclass(frozen=True)
class BenchDatabase:
    server: ServerAddress
    direct_url: str
    pooled_url: str
    pgbouncer: PgBouncer


@contextmanager
def bench_database(name: str = BENCH_DATABASE) -> Iterator[BenchDatabase]:
    os.environ.setdefault("JWT_SECRET", secrets.token_urlsafe(48))
    os.environ.setdefault("PASSWORD_PEPPER", secrets.token_urlsafe(48))
    os.environ.setdefault("POWERTOOLS_METRICS_DISABLED", "true")
    # Benchmarks measure the limiter's work, never its refusals.
    os.environ["RATE_LIMIT_ATTEMPTS"] = "1000000000"
    server = server_address()
    direct_url = recreate_database(server, name)
    upgrade(direct_url)
    bouncer = PgBouncer(server).start()
    # Every request still formats and writes its access-log line, as it does on Lambda (that is
    # part of its cost), but into /dev/null instead of over the tables. Forked instances inherit it.
    handler = logger.registered_handler
    assert isinstance(handler, logging.StreamHandler)
    try:
        with open(os.devnull, "w") as discard:
            terminal = handler.setStream(discard)
            try:
                yield BenchDatabase(server, direct_url, bouncer.url(name), bouncer)
            finally:
                handler.setStream(terminal)
    finally:
        bouncer.stop()
