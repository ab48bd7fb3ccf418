"""Fixtures for the packaging and deploy checks: the built layer, a local moto_server standing in
for CloudFormation, and one `osls package` run shared by every test that reads its output.

None of these tests touches a database, so the session's database fixture is replaced by a no-op
here: the infrastructure suite runs on a machine with no PostgreSQL at all.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from infra.deploy import build_layer
from infra.deploy.serverless_config import ServerlessConfig
from infra.deploy.serverless_yml import read_serverless_yml
from tests.support.servers import free_port

ROOT = Path(__file__).resolve().parents[2]
STAGE = "test"
REGION = "us-east-1"
# What a deploy would take from the developer's shell; made-up values, only ever seen by moto.
DEPLOY_ENVIRONMENT = {
    "FRONTEND_ORIGIN": "https://tasks.example.test",
    "LAMBDA_TASKS_API_KEY": "infra-test-api-key-0123456789",
}
# A stage that turns on every option that is off by default, as `--param` would on a deploy.
HARDENED_PARAMS = {
    "dailyQuota": "50000",
    "wafRateLimit": "500",
    "alarmEmail": "ops@example.test",
    "reservedConcurrency": "5",
}


@pytest.fixture(scope="session", autouse=True)
def database_url() -> str:
    """Overrides the session's database fixture: nothing here needs PostgreSQL."""
    return ""


@dataclass(frozen=True)
class PackagedService:
    directory: Path
    output: str

    @property
    def template_path(self) -> Path:
        return self.directory / "cloudformation-template-update-stack.json"

    @property
    def template(self) -> dict[str, Any]:
        document: dict[str, Any] = json.loads(self.template_path.read_text())
        return document

    @property
    def state(self) -> dict[str, Any]:
        """The service configuration as osls resolved it (what it applies outside the template,
        such as the API stage's tracing and access log format)."""
        document: dict[str, Any] = json.loads(
            (self.directory / "serverless-state.json").read_text()
        )
        return document

    def resources_of_type(self, resource_type: str) -> dict[str, dict[str, Any]]:
        return {
            logical_id: resource
            for logical_id, resource in self.template["Resources"].items()
            if resource["Type"] == resource_type
        }

    def condition_holds(self, name: str) -> bool:
        """A template condition, decided as CloudFormation would with the parameters' defaults."""
        return bool(self._evaluate(self.template["Conditions"][name]))

    def _evaluate(self, node: Any) -> Any:
        if not isinstance(node, dict):
            return node
        ((function, argument),) = node.items()
        if function == "Ref":
            return str(self.template["Parameters"][argument]["Default"])
        if function == "Condition":
            return self.condition_holds(argument)
        values = [self._evaluate(item) for item in argument]
        if function == "Fn::Not":
            return not values[0]
        if function == "Fn::Equals":
            return str(values[0]) == str(values[1])
        if function == "Fn::And":
            return all(values)
        if function == "Fn::Or":
            return any(values)
        raise AssertionError(f"no evaluation for {function}")

    def is_created(self, logical_id: str) -> bool:
        condition = self.template["Resources"][logical_id].get("Condition")
        return condition is None or self.condition_holds(condition)


@pytest.fixture(scope="session")
def serverless_config() -> ServerlessConfig:
    """serverless.yml resolved as the packaging run resolves it."""
    return ServerlessConfig.load(STAGE, region=REGION, environ=DEPLOY_ENVIRONMENT)


@pytest.fixture(scope="session")
def built_layer() -> build_layer.LayerSize:
    return build_layer.build()


def _wait_until_serving(url: str, server: subprocess.Popen[bytes], deadline: float) -> None:
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"moto_server exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/moto-api/", timeout=1):  # noqa: S310 - local
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    raise RuntimeError("moto_server did not start in time")


@dataclass(frozen=True)
class MotoServer:
    url: str
    log_path: Path

    def requests_seen(self) -> list[str]:
        # Werkzeug's access log; it may colour the request line, so match inside it.
        lines = self.log_path.read_text(errors="replace").splitlines()
        return [line for line in lines if "POST / HTTP/" in line]


@pytest.fixture(scope="session")
def moto_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MotoServer]:
    """A moto_server on a free local port: the AWS endpoint `osls package` talks to."""
    port = free_port()
    log_path = tmp_path_factory.mktemp("moto") / "moto_server.log"
    url = f"http://127.0.0.1:{port}"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_serving(url, server, time.monotonic() + 30)
            yield MotoServer(url=url, log_path=log_path)
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


@contextmanager
def _stray_bytecode() -> Iterator[None]:
    """Bytecode in a function folder, as a local run without PYTHONDONTWRITEBYTECODE leaves it:
    packaging must leave it out."""
    first_function = next(iter(read_serverless_yml()["functions"]))
    cache = ROOT / "functions" / first_function / "__pycache__"
    created = not cache.exists()
    cache.mkdir(exist_ok=True)
    probe = cache / "stray-probe.cpython-312.pyc"
    probe.write_bytes(b"not real bytecode")
    try:
        yield
    finally:
        probe.unlink(missing_ok=True)
        if created:
            shutil.rmtree(cache, ignore_errors=True)


def _ensure_osls() -> Path:
    cli = ROOT / "node_modules" / ".bin" / "osls"
    if not cli.exists():
        # A fresh clone has no node_modules: install exactly what package-lock.json pins.
        npm = shutil.which("npm")
        assert npm, "npm is needed to install osls (see package.json)"
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True, timeout=300)
    assert cli.exists(), "npm ci did not install osls"
    return cli


def osls_environment(endpoint: str) -> dict[str, str]:
    """The shell a deploy would run in, with every AWS call sent to moto under fake credentials."""
    keep = ("PATH", "HOME", "LANG", "TMPDIR", "SSL_CERT_FILE", "NODE_EXTRA_CA_CERTS")
    environment = {name: os.environ[name] for name in keep if name in os.environ}
    environment.update(DEPLOY_ENVIRONMENT)
    environment.update(
        {
            "AWS_ENDPOINT_URL": endpoint,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_REGION": REGION,
            "AWS_DEFAULT_REGION": REGION,
            # Never a developer's real profile or credentials, even if ~/.aws has some.
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
            "SLS_TELEMETRY_DISABLED": "1",
            "SLS_NOTIFICATIONS_MODE": "off",
            "SLS_AWS_REQUEST_MAX_RETRIES": "0",
            # The AWS SDK warns about Node 20 on every run; the warning is not ours to fix here.
            "NODE_NO_WARNINGS": "1",
            "CI": "true",
        }
    )
    return environment


def _package(
    moto_server: MotoServer, tmp_path_factory: pytest.TempPathFactory, params: dict[str, str]
) -> PackagedService:
    """One `osls package --stage test` run of the real tree, its output moved to a temporary folder.

    osls always builds in the service's own .serverless/ and then moves the result to
    `--package` (unless that path ends in ".serverless", when it moves nothing); parallel
    workers therefore take turns.
    """
    cli = _ensure_osls()
    directory = tmp_path_factory.mktemp("package") / "serverless-package"
    param_options = [
        option for name, value in params.items() for option in ("--param", f"{name}={value}")
    ]
    with build_layer.file_lock(ROOT / "infra" / "build" / ".package.lock"), _stray_bytecode():
        completed = subprocess.run(
            [
                str(cli),
                "package",
                "--stage",
                STAGE,
                "--region",
                REGION,
                "--package",
                str(directory),
                *param_options,
            ],
            cwd=ROOT,
            env=osls_environment(moto_server.url),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output
    return PackagedService(directory=directory, output=output)


@pytest.fixture(scope="session")
def packaged(
    built_layer: build_layer.LayerSize,
    moto_server: MotoServer,
    tmp_path_factory: pytest.TempPathFactory,
) -> PackagedService:
    """The stage as serverless.yml's defaults make it: no quota, no WAF, no alarm email."""
    return _package(moto_server, tmp_path_factory, {})


@pytest.fixture(scope="session")
def packaged_hardened(
    built_layer: build_layer.LayerSize,
    moto_server: MotoServer,
    tmp_path_factory: pytest.TempPathFactory,
) -> PackagedService:
    """The same stage with every optional protection switched on (HARDENED_PARAMS)."""
    return _package(moto_server, tmp_path_factory, HARDENED_PARAMS)
