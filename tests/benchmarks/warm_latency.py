"""Warm latency per function: repeated in-process invocations of the real Mangum handler."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from infra.apigw_event import LambdaContext, build_event, response_json
from infra.function_registry import load_handler
from shared.app import create_app, lambda_handler
from tests.benchmarks.db_clock import db_clock
from tests.benchmarks.scenarios import EXPECTED_STATUS, scenarios
from tests.support.lambda_client import invoke

CPU_BOUND = {"auth-sign-up", "auth-sign-in"}  # a bcrypt-12 hash each: fewer repetitions
WARM_UP = 20


@dataclass(frozen=True)
class Latency:
    function: str
    calls: int
    median_ms: float
    p95_ms: float
    db_median_ms: float
    overhead_median_ms: float  # duration minus time spent waiting on PostgreSQL
    round_trips: float


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def measure(function: str, calls: int) -> Latency:
    load_handler(function)
    factories = scenarios(calls + WARM_UP)
    next_call = factories[function]
    for _ in range(min(WARM_UP, calls)):
        invoke(function, **next_call())
    durations, db_times, overheads, trips = [], [], [], []
    with db_clock() as clock:
        for _ in range(calls):
            kwargs = next_call()
            clock.reset()
            started = time.perf_counter()
            response = invoke(function, **kwargs)
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status == EXPECTED_STATUS[function], (function, response.body)
            durations.append(elapsed)
            db_times.append(clock.seconds * 1000)
            overheads.append(elapsed - clock.seconds * 1000)
            trips.append(clock.round_trips)
    return Latency(
        function=function,
        calls=calls,
        median_ms=statistics.median(durations),
        p95_ms=percentile(durations, 0.95),
        db_median_ms=statistics.median(db_times),
        overhead_median_ms=statistics.median(overheads),
        round_trips=statistics.median(trips),
    )


def measure_all(functions: list[str], calls: int, cpu_bound_calls: int) -> list[Latency]:
    return [
        measure(function, cpu_bound_calls if function in CPU_BOUND else calls)
        for function in functions
    ]


def framework_floor(calls: int) -> float:
    """Median ms of the least any warm invocation costs: the app factory (middleware, access log)
    and Mangum around a route that needs no token and no database, called the way `invoke` calls."""
    app = create_app("framework-floor")

    @app.get("/api/floor")
    async def floor() -> dict[str, bool]:
        return {"ok": True}

    handler: Callable[..., dict[str, Any]] = lambda_handler(app)
    samples = []
    for call in range(calls + WARM_UP):
        started = time.perf_counter()
        event = build_event("GET", "/api/floor", resource="/api/floor")
        result = handler(event, LambdaContext(function_name="framework-floor"))
        assert response_json(result) == {"ok": True}
        if call >= WARM_UP:
            samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)
