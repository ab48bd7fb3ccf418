"""The plan's scale target: 1,000 concurrent users, each signing in and running the typical
session (`cost_model.SESSION_MIX`) against pools of function instances through PgBouncer.

How the concurrency is made on a 2-core machine: every user is a session (its own sign-in, its
own token, its own tasks) with exactly one request in flight from start to sign-out, and no
think time, so all of them are mid-session at once. The users are state machines in this one
process (not 1,000 threads); their requests go to the function they call, whose instances are
separate processes (each its own interpreter, engine and database connection, serving one
request at a time, as a Lambda instance does), a pool of them per function sized to its share
of the mix. A request waits in its function's queue for a free instance, as it would with a
function's reserved concurrency at that size; the latency users see includes that wait, and
each request's time inside the instance is reported beside it.
"""

from __future__ import annotations

import multiprocessing
import queue
import statistics
import time
from dataclasses import dataclass, field
from multiprocessing.queues import Queue
from typing import Any

from infra.local.runtime import load_handler
from shared.db import dispose_engine
from tests.benchmarks.cost_model import SESSION_MIX
from tests.benchmarks.fleet_load import ConnectionSampler
from tests.benchmarks.population import SEEDED_PASSWORD, SeededUser, seed_population
from tests.benchmarks.scenarios import EXPECTED_STATUS
from tests.benchmarks.warm_latency import percentile
from tests.support.lambda_client import invoke
from tests.support.servers import PgBouncer

FIRST, LAST = "auth-sign-in", "auth-sign-out"
# The order a session's middle steps come in, round after round, while each has calls left.
MIDDLE = [
    "auth-get-session",
    "tasks-list",
    "tasks-create",
    "tasks-toggle",
    "tasks-update",
    "tasks-delete",
]


def session_steps() -> list[str]:
    """One session, request by request: sign in, the mix's middle interleaved, sign out."""
    left = {name: SESSION_MIX[name] for name in MIDDLE}
    steps = [FIRST]
    while any(left.values()):
        for name in MIDDLE:
            if left[name]:
                steps.append(name)
                left[name] -= 1
    return [*steps, LAST]


@dataclass
class _User:
    account: SeededUser
    steps: list[str]
    token: str | None = None
    created: list[str] = field(default_factory=list)
    sent_at: float = 0.0

    def request(self, function: str) -> dict[str, Any]:
        task = str(self.account.task_ids[0])
        if function == FIRST:
            return {"json": {"email": self.account.email, "password": SEEDED_PASSWORD}}
        arguments: dict[str, Any] = {"token": self.token}
        if function == "tasks-list":
            arguments["query"] = {"limit": "20"}
        elif function == "tasks-create":
            arguments["json"] = {"title": f"made in session {len(self.created)}"}
        elif function in ("tasks-toggle", "tasks-update"):
            arguments["task_id"] = task
            if function == "tasks-update":
                arguments["json"] = {"title": "renamed in session"}
        elif function == "tasks-delete":
            arguments["task_id"] = self.created.pop()
        return arguments


def _serve(function: str, requests: Queue[Any], answers: Queue[Any]) -> None:
    """One function instance: one request at a time, until told to stop."""
    load_handler(function)
    while (item := requests.get()) is not None:
        user, arguments = item
        started = time.perf_counter()
        response = invoke(function, **arguments)
        inside_ms = (time.perf_counter() - started) * 1000
        body = response.body if isinstance(response.body, dict) else {}
        answers.put(
            (user, response.status, response.code, body.get("token") or body.get("id"), inside_ms)
        )


@dataclass(frozen=True)
class UsersResult:
    users: int
    sessions_completed: int
    instances: int
    requests: int
    seconds: float
    errors: int
    error_kinds: dict[str, int]
    throughput_rps: float
    median_ms: float
    p95_ms: float
    inside_median_ms: float
    inside_p95_ms: float
    max_server_connections: int
    statuses: dict[str, int]


def pool_sizes(instances_per_call: int) -> dict[str, int]:
    """Instances per function, in proportion to its calls in a session."""
    return {name: max(1, calls * instances_per_call) for name, calls in SESSION_MIX.items()}


def run_users(
    users: int,
    *,
    instances_per_call: int,
    bouncer: PgBouncer,
    database: str,
    time_limit_seconds: float = 600.0,
) -> UsersResult:
    accounts = seed_population(users, tasks_each=10, label="concurrent")
    sizes = pool_sizes(instances_per_call)
    for function in sizes:
        load_handler(function)
    dispose_engine()  # forked instances each open their own connection: none may be inherited
    context = multiprocessing.get_context("fork")
    requests: dict[str, Queue[Any]] = {name: context.Queue() for name in sizes}
    answers: Queue[Any] = context.Queue()
    instances = [
        context.Process(target=_serve, args=(name, requests[name], answers), daemon=True)
        for name, size in sizes.items()
        for _ in range(size)
    ]
    for instance in instances:
        instance.start()  # every fork before any thread of ours starts (the sampler, queues)
    sampler = ConnectionSampler(bouncer, database)
    sampler.start()
    steps = session_steps()
    sessions = [_User(account, list(steps)) for account in accounts]
    latencies: list[float] = []
    inside: list[float] = []
    errors: dict[str, int] = {}
    statuses: dict[str, int] = {}
    completed = 0

    def send(index: int) -> None:
        session = sessions[index]
        function = session.steps[0]
        session.sent_at = time.perf_counter()
        requests[function].put((index, session.request(function)))

    started = time.perf_counter()
    deadline = started + time_limit_seconds
    try:
        for index in range(users):
            send(index)
        in_flight = users
        while in_flight:
            try:
                index, status, code, value, inside_ms = answers.get(
                    timeout=max(0.1, deadline - time.perf_counter())
                )
            except queue.Empty:
                errors["unfinished at the time limit"] = in_flight
                break
            session = sessions[index]
            function = session.steps.pop(0)
            latencies.append((time.perf_counter() - session.sent_at) * 1000)
            inside.append(inside_ms)
            key = f"{function} {status}"
            statuses[key] = statuses.get(key, 0) + 1
            if status != EXPECTED_STATUS[function]:
                kind = f"{function} {status} {code}"
                errors[kind] = errors.get(kind, 0) + 1
                session.steps.clear()  # a broken session stops: its next steps would cascade
            elif function == FIRST:
                session.token = value
            elif function == "tasks-create":
                session.created.append(value)
            if session.steps:
                send(index)
            else:
                in_flight -= 1
                completed += status == EXPECTED_STATUS[function]
        seconds = time.perf_counter() - started
    finally:
        for name, size in sizes.items():
            for _ in range(size):
                requests[name].put(None)
        for instance in instances:
            instance.join(timeout=10)
            if instance.is_alive():
                instance.terminate()
        sampler.done.set()
        sampler.join()
    return UsersResult(
        users=users,
        sessions_completed=completed,
        instances=len(instances),
        requests=len(latencies),
        seconds=seconds,
        errors=sum(errors.values()),
        error_kinds=errors,
        throughput_rps=len(latencies) / seconds,
        median_ms=statistics.median(latencies),
        p95_ms=percentile(latencies, 0.95),
        inside_median_ms=statistics.median(inside),
        inside_p95_ms=percentile(inside, 0.95),
        max_server_connections=sampler.peak,
        statuses=statuses,
    )
