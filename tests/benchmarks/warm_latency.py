"""Warm latency per function: repeated in-process invocations of the real Mangum handler."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

from infra.local.runtime import load_handler
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
