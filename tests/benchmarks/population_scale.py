"""The plan's other scale target: sign-in, get-session and each task route with 10,000 users in
the database, against the same with 100 users, in one run.

Two databases, migrated alike and seeded alike (`population.seed_population`: one session and
the same number of tasks per user), differ only in how many users they hold. The same process
alternates blocks of calls between them, so a noisy moment on this shared machine weighs on
both sides alike. Each block starts with a few unmeasured calls: switching databases gives the
function a new engine (a new connection, an empty compiled cache), as a new instance has.
"""

from __future__ import annotations

import itertools
import secrets
import statistics
import time
from dataclasses import dataclass

from infra.db.migrate import upgrade
from infra.local.postgres import ServerAddress
from tests.benchmarks.population import SEEDED_PASSWORD, seed_population
from tests.benchmarks.scenarios import EXPECTED_STATUS, CallFactory, scenarios
from tests.support.database import use_database
from tests.support.lambda_client import invoke
from tests.support.servers import drop_database, recreate_database

FUNCTIONS = [
    "auth-sign-in",
    "auth-get-session",
    "tasks-list",
    "tasks-create",
    "tasks-get",
    "tasks-update",
    "tasks-delete",
    "tasks-toggle",
]
TASKS_EACH = 20
WARM_UP = 3


@dataclass(frozen=True)
class PopulationRatio:
    function: str
    calls: int
    small_median_ms: float
    large_median_ms: float

    @property
    def ratio(self) -> float:
        return self.large_median_ms / self.small_median_ms


@dataclass(frozen=True)
class _Side:
    url: str
    calls: dict[str, CallFactory]


def _prepare(url: str, users: int, calls: int) -> _Side:
    upgrade(url)
    with use_database(url):
        seeded = seed_population(users, tasks_each=TASKS_EACH, label="population")
        factories = scenarios(calls)
        # Sign-in as a different seeded user each time (their hash is the cheap shared one).
        people = itertools.cycle(seeded[:: max(1, len(seeded) // 100)])
        factories["auth-sign-in"] = lambda: {
            "json": {"email": next(people).email, "password": SEEDED_PASSWORD}
        }
    return _Side(url, factories)


def compare_populations(
    server: ServerAddress,
    *,
    small: int = 100,
    large: int = 10_000,
    blocks: int = 10,
    block_calls: int = 20,
) -> list[PopulationRatio]:
    run = secrets.token_hex(4)  # other engineers' runs use the same server
    names = {side: f"lambda_tasks_population_{side}_{run}" for side in ("small", "large")}
    per_side = len(FUNCTIONS) * blocks * (block_calls + WARM_UP) + 10
    try:
        sides = {
            side: _prepare(recreate_database(server, name), count, per_side)
            for (side, name), count in zip(names.items(), (small, large), strict=True)
        }
        results = []
        for function in FUNCTIONS:
            samples: dict[str, list[float]] = {side: [] for side in sides}
            for _ in range(blocks):
                for side, prepared in sides.items():
                    with use_database(prepared.url):
                        for number in range(WARM_UP + block_calls):
                            arguments = prepared.calls[function]()
                            started = time.perf_counter()
                            status = invoke(function, **arguments).status
                            elapsed = (time.perf_counter() - started) * 1000
                            assert status == EXPECTED_STATUS[function], (side, function, status)
                            if number >= WARM_UP:
                                samples[side].append(elapsed)
            results.append(
                PopulationRatio(
                    function=function,
                    calls=len(samples["small"]),
                    small_median_ms=statistics.median(samples["small"]),
                    large_median_ms=statistics.median(samples["large"]),
                )
            )
        return results
    finally:
        for name in names.values():
            drop_database(server, name)
