"""PgBouncer stopped under load: 503s, no hang, recovery in the same warm instances, no loss."""

from __future__ import annotations

import multiprocessing
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import text

from infra.local.postgres import ServerAddress
from infra.local.runtime import load_handler
from shared.config import get_settings
from shared.db import get_engine
from tests.support.accounts import Account, sign_up
from tests.support.database import use_database
from tests.support.lambda_client import invoke
from tests.support.reliability import tried
from tests.support.servers import PgBouncer

INSTANCES = 4
RUN_SECONDS = 9.0
OUTAGE_STARTS, OUTAGE_ENDS = 2.5, 5.0


@dataclass(frozen=True)
class Attempt:
    title: str
    status: int
    code: str | None
    seconds: float
    started: float


@dataclass(frozen=True)
class InstanceReport:
    attempts: list[Attempt]
    same_engine_throughout: bool


def _instance(token: str, ready: Any, go: Any) -> InstanceReport:
    """One warm `tasks-create` instance creating tasks back to back, through the outage."""
    load_handler("tasks-create")
    ready.put(True)
    go.wait()  # every instance is imported and running before the clock starts
    start_at = time.time()
    stop_at = start_at + RUN_SECONDS
    engine = None
    attempts = []
    while time.time() < stop_at:
        title = f"load-{uuid.uuid4()}"
        began = time.time()
        response = invoke("tasks-create", token=token, json={"title": title})
        attempts.append(
            Attempt(title, response.status, response.code, time.time() - began, began - start_at)
        )
        engine = engine or get_engine()
        time.sleep(0.02)
    return InstanceReport(attempts, same_engine_throughout=engine is get_engine())


@pytest.fixture
def own_pgbouncer(postgres_server: ServerAddress, direct_database_url: str) -> Iterator[PgBouncer]:
    bouncer = PgBouncer(postgres_server).start()
    with use_database(bouncer.url(ServerAddress.parse(direct_database_url).database)):
        yield bouncer
    bouncer.stop()


def test_outage_answers_503_fast_then_recovers_without_losing_writes(
    own_pgbouncer: PgBouncer, postgres_server: ServerAddress
) -> None:
    owner: Account = sign_up()
    before = [
        invoke("tasks-create", token=owner.token, json={"title": f"before-{i}"}).body["id"]
        for i in range(5)
    ]
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, ProcessPoolExecutor(INSTANCES, mp_context=context) as pool:
        ready, go = manager.Queue(), manager.Event()
        futures = [pool.submit(_instance, owner.token, ready, go) for _ in range(INSTANCES)]
        for _ in range(INSTANCES):  # spawned instances import their handler first
            ready.get(timeout=120)
        start_at = time.time()
        go.set()
        time.sleep(max(0.0, start_at + OUTAGE_STARTS - time.time()))
        own_pgbouncer.stop()
        time.sleep(max(0.0, start_at + OUTAGE_ENDS - time.time()))
        own_pgbouncer.start()  # same port, same config: the instances reconnect to it
        reports = [future.result() for future in futures]

    attempts = [attempt for report in reports for attempt in report.attempts]
    statuses = {attempt.status for attempt in attempts}
    assert statuses <= {201, 503}, f"only successes and 503s, got {statuses}"
    refused = [a for a in attempts if a.status == 503]
    assert refused, "the outage must have been observed"
    assert {a.code for a in refused} == {"SERVICE_UNAVAILABLE"}
    settings = get_settings()
    worst_case = settings.db_connect_timeout_seconds * settings.db_connect_attempts + 2
    assert max(a.seconds for a in attempts) < worst_case, "nothing hangs past the connect timeout"
    for report in reports:
        assert report.same_engine_throughout
        tail = [a for a in report.attempts if a.started > OUTAGE_ENDS + 1.0]
        assert tail, "each instance kept working after the database came back"
        assert all(a.status == 201 for a in tail), "warm instances recover without a restart"

    with get_engine().connect() as db:
        rows = db.execute(
            text("SELECT id::text, title FROM tasks WHERE user_id = :owner"),
            {"owner": owner.user_id},
        ).all()
    titles = [title for _id, title in rows]
    assert len(titles) == len(set(titles)), "no write was applied twice"
    ids = {row_id for row_id, _title in rows}
    assert set(before) <= ids, "nothing created before the fault is lost"
    acknowledged = {a.title for a in attempts if a.status == 201}
    assert acknowledged <= set(titles), "every acknowledged create is stored"
    unacknowledged = {a.title for a in refused}
    assert set(titles) - acknowledged - unacknowledged == {f"before-{i}" for i in range(5)}
    tried(
        f"PgBouncer stopped for {OUTAGE_ENDS - OUTAGE_STARTS:.1f} s under load "
        f"({INSTANCES} instances)",
        len(attempts),
        f"{len(refused)} answered 503 SERVICE_UNAVAILABLE, none hung, every instance recovered "
        "without a restart, no write lost or doubled",
    )
