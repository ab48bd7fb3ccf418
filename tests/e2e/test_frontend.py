"""The Node suites, run against the local API over HTTP: the genuine Better Auth client, and the
Next.js production build driven in Debian's Chromium by playwright-core."""

from __future__ import annotations

import os
import subprocess

import pytest

from infra.local.stack import FRONTEND, frontend_environment
from tests.conftest import LocalApi


def run_npm(script: str, env: dict[str, str], timeout: int) -> str:
    result = subprocess.run(
        ["npm", "run", "--silent", script],
        cwd=FRONTEND,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    print(result.stdout[-20_000:], result.stderr[-5_000:])
    assert result.returncode == 0, f"npm run {script} failed:\n{result.stdout[-4000:]}"
    assert "# fail 0" in result.stdout or script == "build"
    return result.stdout


def node_test_environment(local_api: LocalApi, web_port: int) -> dict[str, str]:
    env = frontend_environment(local_api.url, local_api.api_key)
    env.update(
        E2E_API_URL=local_api.url,
        E2E_API_KEY=local_api.api_key,
        E2E_ORIGIN=f"http://127.0.0.1:{web_port}",
        E2E_WEB_PORT=str(web_port),
        E2E_OUTBOX_DIR=local_api.outbox_dir,
        CHROMIUM_PATH=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
    )
    return env


def test_genuine_better_auth_client_drives_the_auth_functions(
    local_api: LocalApi, web_port: int
) -> None:
    run_npm("test:client", node_test_environment(local_api, web_port), timeout=300)


def comparison_table(tap_output: str) -> str:
    """The table the differential suite logs at the end: TAP comment lines from its title on."""
    lines = tap_output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("# Better Auth 1.7 (BA"))
    table = []
    for line in lines[start:]:
        if not line.startswith("# ") or line.startswith("# Subtest"):
            break
        table.append(line[2:].rstrip())
    return "\n".join(table)


def test_differential_against_better_auth_itself(
    local_api: LocalApi, web_port: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same flows against Better Auth 1.7 run in Node and against the API; fails on any
    difference docs/api.md does not list as deliberate."""
    output = run_npm("test:differential", node_test_environment(local_api, web_port), timeout=600)
    # Shown even when the test passes: the comparison is the point of the suite.
    with capsys.disabled():
        print("\n" + comparison_table(output))


def test_production_build_refuses_to_run_without_the_api_settings() -> None:
    """Without NEXT_PUBLIC_API_URL/KEY a bundle would silently call 127.0.0.1:4000: `next build`
    stops while loading next.config.ts, before it touches .next/."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("NEXT_PUBLIC_API_URL", "NEXT_PUBLIC_API_KEY")
    }
    env["NEXT_TELEMETRY_DISABLED"] = "1"
    result = subprocess.run(
        ["npm", "run", "--silent", "build"],
        cwd=FRONTEND,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-4000:]
    assert "Cannot make a production build" in output, output[-4000:]
    assert "NEXT_PUBLIC_API_URL is not set." in output
    assert "NEXT_PUBLIC_API_KEY is not set." in output


@pytest.fixture(scope="module")
def production_build(local_api: LocalApi, web_port: int) -> dict[str, str]:
    env = node_test_environment(local_api, web_port)
    run_npm("build", env, timeout=900)
    return env


def test_browser_end_to_end(production_build: dict[str, str]) -> None:
    run_npm("test:e2e", production_build, timeout=1200)
