"""A database that stops answering (sockets open, nothing forwarded) must not hang a request.

A TCP proxy sits between a warm function and PostgreSQL, straight and through PgBouncer; it is
frozen mid-run. Every request during the freeze answers 503 SERVICE_UNAVAILABLE within the
request deadline, the same warm instance serves 200 once the proxy thaws, and every write that
was acknowledged exists exactly once.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from infra.local.postgres import ServerAddress
from shared.config import get_settings, psycopg_url
from shared.db import get_engine
from shared.deadline import watchdog
from tests.support.accounts import Account, sign_up
from tests.support.database import use_database
from tests.support.lambda_client import LambdaResponse, invoke
from tests.support.reliability import tried
from tests.support.servers import PgBouncer
from tests.support.tcp_proxy import FreezableProxy

DEADLINE_SECONDS = 2.0
# Our answer must come well inside a 15 s Lambda timeout: the deadline, plus scheduling slack.
ANSWER_WITHIN_SECONDS = DEADLINE_SECONDS + 1.5


@pytest.fixture
def short_deadline() -> Iterator[None]:
    os.environ["DB_DEADLINE_SECONDS"] = str(DEADLINE_SECONDS)
    get_settings.cache_clear()
    yield
    del os.environ["DB_DEADLINE_SECONDS"]
    get_settings.cache_clear()


@pytest.fixture(params=["direct", "pgbouncer"])
def frozen_path(
    request: pytest.FixtureRequest,
    postgres_server: ServerAddress,
    direct_database_url: str,
    short_deadline: None,
) -> Iterator[FreezableProxy]:
    """A proxy in front of PostgreSQL or of a PgBouncer of its own; the functions use it."""
    database = ServerAddress.parse(direct_database_url).database
    bouncer = PgBouncer(postgres_server).start() if request.param == "pgbouncer" else None
    upstream = (
        ("127.0.0.1", bouncer.port) if bouncer else (postgres_server.host, postgres_server.port)
    )
    with FreezableProxy(*upstream) as proxy:
        address = ServerAddress(
            "127.0.0.1", proxy.port, postgres_server.user, postgres_server.password, database
        )
        with use_database(address.url()):
            yield proxy
    if bouncer:
        bouncer.stop()


def _create(account: Account) -> tuple[str, LambdaResponse, float]:
    title = f"frozen-{uuid.uuid4()}"
    began = time.monotonic()
    response = invoke("tasks-create", token=account.token, json={"title": title})
    return title, response, time.monotonic() - began


def _count_titles(direct_url: str, titles: list[str]) -> dict[str, int]:
    engine = create_engine(psycopg_url(direct_url))
    try:
        with engine.connect() as db:
            rows = db.execute(
                text("SELECT title, count(*) FROM tasks WHERE title = ANY(:titles) GROUP BY title"),
                {"titles": titles},
            ).all()
    finally:
        engine.dispose()
    return {str(title): int(n) for title, n in rows}


def test_a_frozen_database_answers_503_within_the_deadline_then_recovers(
    frozen_path: FreezableProxy, direct_database_url: str
) -> None:
    account = sign_up()
    acknowledged = []
    title, warm, _ = _create(account)  # warm: the engine holds an open pooled connection
    assert warm.status == 201
    acknowledged.append(title)
    engine = get_engine()

    frozen_path.freeze()
    frozen_answers = []
    for function in ("tasks-create", "tasks-list", "auth-get-session"):
        began = time.monotonic()
        if function == "tasks-create":
            _, response, _ = _create(account)
        else:
            response = invoke(function, token=account.token)
        seconds = time.monotonic() - began
        frozen_answers.append((function, response.status, response.code, seconds))
    frozen_path.thaw()

    for function, status, code, seconds in frozen_answers:
        assert (status, code) == (503, "SERVICE_UNAVAILABLE"), function
        assert seconds < ANSWER_WITHIN_SECONDS, (function, seconds)

    # The same warm instance (the same engine) serves again, with no restart.
    for _ in range(3):
        title, response, _ = _create(account)
        assert response.status == 201, response.body
        acknowledged.append(title)
    assert get_engine() is engine

    counts = _count_titles(direct_database_url, acknowledged)
    assert counts == dict.fromkeys(acknowledged, 1), "an acknowledged write is missing or doubled"
    tried(
        "database frozen mid-request (socket open, nothing answers), straight and via PgBouncer",
        len(frozen_answers),
        f"503 SERVICE_UNAVAILABLE within {ANSWER_WITHIN_SECONDS:.1f} s, then 200 in the same "
        "instance, acknowledged writes exactly once",
    )


def test_a_frozen_database_at_connect_time_answers_503_within_the_deadline(
    frozen_path: FreezableProxy,
) -> None:
    account = sign_up()
    frozen_path.freeze()
    get_engine().dispose()  # a cold connection: the handshake itself hangs
    began = time.monotonic()
    response = invoke("tasks-list", token=account.token)
    seconds = time.monotonic() - began
    frozen_path.thaw()
    assert (response.status, response.code) == (503, "SERVICE_UNAVAILABLE")
    assert seconds < ANSWER_WITHIN_SECONDS, seconds
    assert invoke("tasks-list", token=account.token).status == 200
    tried(
        "database frozen while connecting",
        1,
        f"503 SERVICE_UNAVAILABLE within {ANSWER_WITHIN_SECONDS:.1f} s, then 200",
    )


def test_the_watchdog_only_fires_on_a_wait_past_the_deadline(short_deadline: None) -> None:
    fired = watchdog.fired
    account = sign_up()
    for _ in range(20):
        assert invoke("tasks-list", token=account.token).status == 200
    assert watchdog.fired == fired
