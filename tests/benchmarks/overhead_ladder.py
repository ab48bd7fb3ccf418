"""Where a warm task request's time goes: the same call built up one layer at a time.

Each rung is invoked like a function (API Gateway event in, Mangum, our app factory with its
middleware and access log) and timed with the database clock, so its time splits into waiting on
PostgreSQL and everything else. The rungs bound what any task route can reach: no route can go
below the framework, one that checks a token below the second rung, one that needs two round
trips below the third.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import psycopg
from fastapi import FastAPI

from infra.local.apigw_event import LambdaContext, build_event
from shared.api.app import create_app, lambda_handler
from shared.api.deps import BearerToken
from shared.auth.token_verifier import verify_token
from tests.benchmarks.db_clock import db_clock
from tests.benchmarks.warm_latency import WARM_UP
from tests.support.lambda_client import invoke

ROUND_TRIPS = 2  # what tasks-get makes: pre-ping, then one statement that checks the session too


@dataclass(frozen=True)
class Rung:
    name: str
    median_ms: float
    db_median_ms: float
    not_db_median_ms: float


def _probe(name: str, build: Callable[[FastAPI], None]) -> Callable[[str], int]:
    app = create_app(name)
    build(app)
    handler: Callable[..., dict[str, Any]] = lambda_handler(app)

    def call(token: str) -> int:
        event = build_event("GET", "/api/probe", headers={"Authorization": f"Bearer {token}"})
        return int(handler(event, LambdaContext(function_name=name))["statusCode"])

    return call


def _framework(app: FastAPI) -> None:
    @app.get("/api/probe")
    async def probe() -> dict[str, bool]:
        return {"ok": True}


def _with_token(app: FastAPI) -> None:
    @app.get("/api/probe")
    async def probe(token: BearerToken) -> dict[str, bool]:
        return {"ok": verify_token(token or "") is not None}


def _with_round_trips(connection: psycopg.Connection[Any]) -> Callable[[FastAPI], None]:
    def build(app: FastAPI) -> None:
        @app.get("/api/probe")
        async def probe(token: BearerToken) -> dict[str, bool]:
            for _ in range(ROUND_TRIPS):
                connection.execute("SELECT 1").fetchone()
            return {"ok": verify_token(token or "") is not None}

    return build


def _rung(name: str, call: Callable[[], int], calls: int) -> Rung:
    durations, db_times = [], []
    with db_clock() as clock:
        for index in range(calls + WARM_UP):
            clock.reset()
            started = time.perf_counter()
            status = call()
            elapsed = (time.perf_counter() - started) * 1000
            assert status == 200, (name, status)
            if index >= WARM_UP:
                durations.append(elapsed)
                db_times.append(clock.seconds * 1000)
    return Rung(
        name=name,
        median_ms=statistics.median(durations),
        db_median_ms=statistics.median(db_times),
        not_db_median_ms=statistics.median(d - w for d, w in zip(durations, db_times, strict=True)),
    )


def overhead_ladder(calls: int, *, url: str, token: str, task_id: str) -> list[Rung]:
    """The rungs, on the database at `url` (the one the functions use)."""
    with psycopg.connect(url, autocommit=True, prepare_threshold=None) as connection:
        framework = _probe("ladder-framework", _framework)
        with_token = _probe("ladder-token", _with_token)
        with_trips = _probe("ladder-round-trips", _with_round_trips(connection))
        return [
            _rung(
                "framework: event, Mangum, middleware, access log", lambda: framework(token), calls
            ),
            _rung("+ verify the bearer token", lambda: with_token(token), calls),
            _rung(
                f"+ {ROUND_TRIPS} bare round trips (psycopg `SELECT 1`, open connection)",
                lambda: with_trips(token),
                calls,
            ),
            _rung(
                "tasks-get (the real function)",
                lambda: invoke("tasks-get", token=token, task_id=task_id).status,
                calls,
            ),
        ]
