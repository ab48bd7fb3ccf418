"""The benchmarks `make bench` ships still run and still measure what they claim.

A few repetitions of each, on the test database: the figures themselves are the benchmark's
business, not a test's (no timing is asserted here), but a benchmark that has rotted would
otherwise only be found the next time someone publishes figures.
"""

from __future__ import annotations

import math
from contextlib import nullcontext
from typing import Any

import pytest
from sqlalchemy import text

from infra.deploy.serverless_yml import load_routes
from infra.local.postgres import ServerAddress
from shared.db import DbSession, get_engine
from tests.benchmarks.cold_start import baseline_import_ms, cold_start, design_floor_import_ms
from tests.benchmarks.cold_vs_peer import compare_cold
from tests.benchmarks.concurrent_users import pool_sizes, run_users, session_steps
from tests.benchmarks.cost_model import (
    SESSION_MIX,
    cold_costs,
    function_costs,
    session_cold_cost,
    session_cost,
)
from tests.benchmarks.db_clock import db_clock
from tests.benchmarks.fleet_load import run_fleet
from tests.benchmarks.overhead_ladder import overhead_ladder
from tests.benchmarks.peer_compare import peer_invoke, warm_vs_peer
from tests.benchmarks.population_scale import FUNCTIONS, compare_populations
from tests.benchmarks.priming_steps import STEPS, ladder, leave_one_out, measure_steps
from tests.benchmarks.scenarios import EXPECTED_STATUS, scenarios
from tests.benchmarks.sign_in_ratio import sign_in_ratio
from tests.benchmarks.warm_latency import measure, measure_all
from tests.support.database import use_database
from tests.support.servers import PgBouncer
from tests.support.tasks import ALL_TASK_FUNCTIONS

pytestmark = pytest.mark.slow


def test_warm_latency_counts_each_routes_round_trips() -> None:
    results = measure_all(list(ALL_TASK_FUNCTIONS), calls=3, cpu_bound_calls=1)
    # Two round trips: the pre-ping, then the one statement (it checks the session too; in
    # autocommit, no BEGIN or COMMIT). A route that grows a query or a transaction fails here
    # before Neon bills for it.
    assert {r.function: r.round_trips for r in results} == dict.fromkeys(ALL_TASK_FUNCTIONS, 2)
    for result in results:
        assert 0 < result.db_median_ms < result.median_ms
        assert 0 < result.overhead_median_ms < result.median_ms
    # get-session: pre-ping, the lookup; sign-out: pre-ping, the lookup, the revoke.
    assert measure("auth-get-session", 3).round_trips == 2
    assert measure("auth-sign-out", 3).round_trips == 3


@pytest.mark.parametrize(("autocommit", "expected"), [(True, 3), (False, 5)])
def test_the_clock_counts_begin_and_commit_as_round_trips(autocommit: bool, expected: int) -> None:
    get_engine().connect().close()  # a warm container: the pooled connection exists (and is pinged)
    db = DbSession(get_engine())
    with db_clock() as clock:
        clock.reset()
        with nullcontext() if autocommit else db.transaction():
            db.execute(text("SELECT 1"))  # pre-ping, then (in a transaction) BEGIN, then the SELECT
            db.execute(text("SELECT 2"))
        # The block's end sends COMMIT; in autocommit there is nothing to send.
        db.close()  # the pool's rollback: nothing left to send either way
    assert clock.round_trips == expected


def test_overhead_ladder_separates_framework_token_and_database(database_url: str) -> None:
    probe = scenarios(0)["tasks-get"]()
    rungs = overhead_ladder(3, url=database_url, token=probe["token"], task_id=probe["task_id"])
    assert [rung.name.split(" ")[0] for rung in rungs] == ["framework:", "+", "+", "tasks-get"]
    framework, token, round_trips, real = rungs
    assert framework.db_median_ms == token.db_median_ms == 0
    assert round_trips.db_median_ms > 0
    assert real.db_median_ms > 0


def test_cold_start_serves_its_first_event_without_bcrypt() -> None:
    calls = scenarios(2)
    result = cold_start("tasks-get", calls["tasks-get"], repeats=1)
    assert result.import_ms > 0
    assert result.first_invocation_ms > 0
    assert not result.loads_bcrypt
    assert baseline_import_ms(1) > 0
    assert design_floor_import_ms(1) > 0


def test_sign_in_ratio_and_cost_model() -> None:
    ratio = sign_in_ratio(2)
    assert ratio.bcrypt_median_ms > 0
    assert ratio.sign_in_median_ms > 0
    costs = function_costs([measure("tasks-get", 3), measure("auth-sign-in", 1)])
    assert [cost.function for cost in costs] == ["tasks-get", "auth-sign-in"]
    assert all(cost.per_million_usd > 0 for cost in costs)


def test_session_cost_prices_the_whole_mix() -> None:
    functions = ["auth-sign-in", "auth-get-session", *ALL_TASK_FUNCTIONS, "auth-sign-out"]
    costs = function_costs(measure_all(functions, calls=2, cpu_bound_calls=1))
    split, monolith = session_cost(costs)
    assert split > 0
    assert monolith > 0


def test_fleet_through_pgbouncer_reports_no_errors(
    direct_database_url: str, pooled_database_url: str, pgbouncer: PgBouncer
) -> None:
    database = ServerAddress.parse(direct_database_url).database
    with use_database(pooled_database_url):
        fleet = run_fleet(4, 1.0, bouncer=pgbouncer, database=database, users=2)
    assert fleet.requests > 0
    assert fleet.errors == 0, fleet.error_kinds
    assert 1 <= fleet.max_server_connections <= 10


def test_snapstart_restore_and_cold_start_against_the_peer() -> None:
    calls = scenarios(10)
    # Every probe asserts its requests answered as expected (200 here), in all three modes.
    result = compare_cold("tasks-get", calls["tasks-get"], repeats=1, warm_calls=2)
    assert result.snapstart.snapshot_ms > 0
    assert result.snapstart.restore_ms > 0
    assert result.cold.init_ms > 0
    assert result.peer.init_ms > 0
    assert math.isfinite(result.first_extra_ms)
    assert result.cold_vs_peer > 0


@pytest.mark.parametrize("design", [leave_one_out, ladder])
def test_priming_steps_measures_each_step_with_and_without(design: Any) -> None:
    # One sample of each variant: every probe asserted its requests answered as expected.
    figures = measure_steps(["tasks-get"], samples=1, warm_calls=2, design=design)
    assert [f.step for f in figures] == [*(step.name for step in STEPS), "all of them"]
    for figure in figures:
        assert figure.function == "tasks-get"
        assert min(figure.first_with_ms, figure.first_without_ms, figure.warm_ms) > 0
        assert min(figure.hook_with_ms, figure.hook_without_ms) > 0
        assert math.isfinite(figure.saved_ms)
        assert math.isfinite(figure.share)


def test_peer_answers_every_route_as_the_functions_do() -> None:
    calls = scenarios(2)
    for function in ["auth-get-session", *ALL_TASK_FUNCTIONS, "auth-sign-out"]:
        assert peer_invoke(function, calls[function]()) == EXPECTED_STATUS[function], function
    result = warm_vs_peer("tasks-get", 3)
    assert result.calls == 3
    assert result.ratio > 0


def test_cold_start_charges_cover_every_function() -> None:
    functions = [route.function for route in load_routes()]
    rows = cold_costs(dict.fromkeys(functions, 1000.0))
    assert sorted(row.function for row in rows) == sorted(functions)
    assert all(row.restore_usd_per_million > 0 and row.cache_usd_per_month > 0 for row in rows)
    ours, peer = session_cold_cost(rows)
    assert ours > 0
    assert peer > 0


def test_concurrent_users_each_complete_the_typical_session_through_pgbouncer(
    direct_database_url: str, pooled_database_url: str, pgbouncer: PgBouncer
) -> None:
    steps = session_steps()
    assert {name: steps.count(name) for name in SESSION_MIX} == SESSION_MIX
    assert (steps[0], steps[-1]) == ("auth-sign-in", "auth-sign-out")
    database = ServerAddress.parse(direct_database_url).database
    with use_database(pooled_database_url):
        result = run_users(12, instances_per_call=1, bouncer=pgbouncer, database=database)
    assert result.errors == 0, result.error_kinds
    assert result.sessions_completed == 12
    assert result.requests == 12 * len(steps)
    assert result.instances == sum(pool_sizes(1).values())
    assert result.statuses == {
        f"{name} {EXPECTED_STATUS[name]}": 12 * count for name, count in SESSION_MIX.items()
    }
    assert 1 <= result.max_server_connections <= 10


def test_population_comparison_runs_every_route_on_both_databases(
    direct_database_url: str,
) -> None:
    server = ServerAddress.parse(direct_database_url)
    ratios = compare_populations(server, small=3, large=30, blocks=1, block_calls=2)
    # Every call asserted its expected status inside; both sides measured every route.
    assert [r.function for r in ratios] == FUNCTIONS
    assert all(r.calls == 2 for r in ratios)
    assert all(r.small_median_ms > 0 and r.large_median_ms > 0 for r in ratios)
