"""Test session set-up: a real PostgreSQL (DATABASE_URL's server, or an embedded one), a fresh
migrated database for this run, and the environment every function reads its settings from."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from infra.db.migrate import upgrade
from infra.local.postgres import ServerAddress, server_address
from infra.local.stack import api_environment, start_local_api, stop
from shared.db import dispose_engine
from tests.support.accounts import Account, sign_up
from tests.support.database import use_database
from tests.support.reliability import merge_run
from tests.support.servers import PgBouncer, drop_database, free_port, recreate_database

# Read before anything overwrites it: DATABASE_URL names the *server* the tests may use.
_SERVER_URL = os.environ.get("DATABASE_URL")

os.environ.setdefault("JWT_SECRET", secrets.token_urlsafe(48))
os.environ.setdefault("PASSWORD_PEPPER", secrets.token_urlsafe(48))
# Reset emails go to moto's SES in the tests that read them (tests/support/mail.py).
os.environ.setdefault("EMAIL_FROM", "no-reply@lambda-tasks.test")
os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")
os.environ.setdefault("POWERTOOLS_METRICS_DISABLED", "true")
os.environ.setdefault("POWERTOOLS_TRACE_DISABLED", "true")


@pytest.fixture(scope="session")
def postgres_server() -> ServerAddress:
    return ServerAddress.parse(_SERVER_URL) if _SERVER_URL else server_address()


@pytest.fixture(scope="session")
def direct_database_url(postgres_server: ServerAddress, worker_id: str) -> Iterator[str]:
    # One database per test run, so parallel runs on one server never drop each other's.
    name = f"lambda_tasks_test_{worker_id}_{os.getpid()}"
    url = recreate_database(postgres_server, name)
    upgrade(url)
    yield url
    dispose_engine()
    drop_database(postgres_server, name)


@pytest.fixture(scope="session")
def pgbouncer(postgres_server: ServerAddress) -> Iterator[PgBouncer]:
    bouncer = PgBouncer(postgres_server).start()
    yield bouncer
    bouncer.stop()


@pytest.fixture(scope="session")
def pooled_database_url(direct_database_url: str, pgbouncer: PgBouncer) -> str:
    return pgbouncer.url(ServerAddress.parse(direct_database_url).database)


@pytest.fixture(scope="session", autouse=True)
def database_url(direct_database_url: str) -> Iterator[str]:
    """Every test talks to the migrated test database directly unless it asks for PgBouncer."""
    with use_database(direct_database_url):
        yield direct_database_url


@pytest.fixture(params=["direct", "pgbouncer"])
def via(request: pytest.FixtureRequest, direct_database_url: str) -> Iterator[str]:
    """Runs a test twice: straight to PostgreSQL, and through PgBouncer in transaction mode."""
    if request.param == "direct":
        yield "direct"
        return
    pooled: str = request.getfixturevalue("pooled_database_url")
    with use_database(pooled):
        yield "pgbouncer"


@dataclass(frozen=True)
class LocalApi:
    url: str
    api_key: str
    # Where its mail goes (EMAIL_TRANSPORT=outbox): the browser suite follows reset links from it.
    outbox_dir: str


@pytest.fixture(scope="session")
def web_port() -> int:
    """Where the browser tests serve the built frontend (a free port, not the dev server's)."""
    return free_port()


@pytest.fixture(scope="session")
def local_api(
    direct_database_url: str, web_port: int, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LocalApi]:
    """The local API Gateway in its own process, over HTTP, running the real handlers."""
    port = free_port()
    env = api_environment(direct_database_url, trust_source_ip_header=True)
    env["CORS_ORIGINS"] = f"http://127.0.0.1:{web_port},http://localhost:{web_port}"
    env["API_PUBLIC_URL"] = f"http://127.0.0.1:{port}"
    env["EMAIL_OUTBOX_DIR"] = str(tmp_path_factory.mktemp("outbox"))
    log = tmp_path_factory.mktemp("local-api") / "local-api.log"
    process = start_local_api(port, env, log=log)
    yield LocalApi(
        url=f"http://127.0.0.1:{port}", api_key=env["API_KEY"], outbox_dir=env["EMAIL_OUTBOX_DIR"]
    )
    stop(process)


@pytest.fixture(scope="module")
def account() -> Account:
    """A signed-up user shared by one test module (each sign-up costs a bcrypt-12 hash)."""
    return sign_up()


@pytest.fixture(scope="session")
def worker_id() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def pytest_sessionfinish(session: pytest.Session) -> None:
    # Under xdist only the controller (no worker id) merges the rows, into .local/ (ignored by
    # git): a test run never writes a tracked file. `make report` puts them in docs/reliability.md.
    if not hasattr(session.config, "workerinput"):
        merge_run()
