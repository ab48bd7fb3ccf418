"""Concurrency as Lambda scales: many function instances (processes, one engine and one
connection each) hammering task routes through PgBouncer in transaction mode."""

from __future__ import annotations

import multiprocessing
import random
import statistics
import threading
import time
from dataclasses import dataclass

from infra.local.runtime import load_handler
from shared.db import dispose_engine
from tests.benchmarks.fixtures import make_tasks, make_user
from tests.benchmarks.warm_latency import percentile
from tests.support.lambda_client import invoke
from tests.support.servers import PgBouncer

ROUTES = ("tasks-list", "tasks-create", "tasks-toggle")
WEIGHTS = (0.5, 0.25, 0.25)
EXPECTED = {"tasks-list": 200, "tasks-create": 201, "tasks-toggle": 200}


@dataclass(frozen=True)
class FleetResult:
    instances: int
    seconds: float
    requests: int
    errors: int
    error_kinds: dict[str, int]
    throughput_rps: float
    median_ms: float
    p95_ms: float
    max_server_connections: int


def _instance(args: tuple[str, str, float, float, int]) -> tuple[list[float], dict[str, int]]:
    token, task_id, start_at, stop_at, seed = args
    chooser = random.Random(seed)
    latencies: list[float] = []
    errors: dict[str, int] = {}
    time.sleep(max(0.0, start_at - time.time()))
    while time.time() < stop_at:
        function = chooser.choices(ROUTES, WEIGHTS)[0]
        kwargs: dict[str, object] = {"token": token}
        if function == "tasks-list":
            kwargs["query"] = {"limit": "20"}
        elif function == "tasks-create":
            kwargs["json"] = {"title": f"fleet {seed}"}
        else:
            kwargs["task_id"] = task_id
        started = time.perf_counter()
        response = invoke(function, **kwargs)  # type: ignore[arg-type]
        latencies.append((time.perf_counter() - started) * 1000)
        if response.status != EXPECTED[function]:
            kind = f"{function} {response.status} {response.code}"
            errors[kind] = errors.get(kind, 0) + 1
    return latencies, errors


class ConnectionSampler(threading.Thread):
    """Polls PgBouncer for the server connections it holds to the benchmark database: exactly
    the connections the pool limit is about, whatever else is connected to the database."""

    def __init__(self, bouncer: PgBouncer, database: str) -> None:
        super().__init__(daemon=True)
        self.bouncer = bouncer
        self.database = database
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, self.bouncer.server_connections(self.database))
            time.sleep(0.05)


def run_fleet(
    instances: int, seconds: float, *, bouncer: PgBouncer, database: str, users: int = 20
) -> FleetResult:
    accounts = []
    for _ in range(users):
        user, token = make_user(tasks=20)
        accounts.append((token, make_tasks(user, 1)[0]))
    for function in ROUTES:
        load_handler(function)
    # Forked instances must each open their own connection: none may be inherited.
    dispose_engine()
    start_at = time.time() + 3.0 + instances * 0.01
    stop_at = start_at + seconds
    jobs = [(*accounts[i % users], start_at, stop_at, i) for i in range(instances)]
    sampler = ConnectionSampler(bouncer, database)
    sampler.start()
    with multiprocessing.get_context("fork").Pool(instances) as pool:
        results = pool.map(_instance, jobs)
    sampler.done.set()
    sampler.join()
    latencies = [latency for instance, _ in results for latency in instance]
    error_kinds: dict[str, int] = {}
    for _, errors in results:
        for kind, count in errors.items():
            error_kinds[kind] = error_kinds.get(kind, 0) + count
    return FleetResult(
        instances=instances,
        seconds=seconds,
        requests=len(latencies),
        errors=sum(error_kinds.values()),
        error_kinds=error_kinds,
        throughput_rps=len(latencies) / seconds,
        median_ms=statistics.median(latencies),
        p95_ms=percentile(latencies, 0.95),
        max_server_connections=sampler.peak,
    )
