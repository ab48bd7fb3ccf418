"""A database for benchmarks: its own migrated database, with PgBouncer in front of it."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from infra.local_postgres import PgBouncer, ServerAddress, recreate_database, server_address
from infra.migrate import upgrade

BENCH_DATABASE = "lambda_tasks_bench"


@dataclass(frozen=True)
class BenchDatabase:
    server: ServerAddress
    direct_url: str
    pooled_url: str
    pgbouncer: PgBouncer


@contextmanager
def bench_database() -> Iterator[BenchDatabase]:
    os.environ.setdefault("JWT_SECRET", secrets.token_urlsafe(48))
    os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "ERROR")
    os.environ.setdefault("POWERTOOLS_METRICS_DISABLED", "true")
    # Benchmarks measure the limiter's work, never its refusals.
    os.environ["RATE_LIMIT_ATTEMPTS"] = "1000000000"
    server = server_address()
    direct_url = recreate_database(server, BENCH_DATABASE)
    upgrade(direct_url)
    bouncer = PgBouncer(server).start()
    try:
        yield BenchDatabase(server, direct_url, bouncer.url(BENCH_DATABASE), bouncer)
    finally:
        bouncer.stop()
