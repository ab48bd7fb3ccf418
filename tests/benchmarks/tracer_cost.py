"""What X-Ray tracing adds to a cold start: `python -m tests.benchmarks.tracer_cost [--repeats N]`.

Each sample is a fresh interpreter that imports a function's handler (which builds the app and the
powertools Tracer) and then serves one request, a CORS preflight, answered without the database,
so the figure is the tracer's own cost and not a query's. Both settings run in the same process
tree, interleaved, so they share the machine's state; the ratio is what to read (absolute times
vary several-fold from run to run on this kind of machine).

Both settings run as on Lambda (`LAMBDA_TASK_ROOT` set: powertools turns the Tracer on only
there, and off Lambda the X-Ray SDK starts up differently), and differ only in tracing:

- disabled: `POWERTOOLS_TRACE_DISABLED=true`;
- enabled: a sampled trace header in `_X_AMZN_TRACE_ID`, as Lambda sets it under active tracing,
  and the segments sent by UDP to a local socket standing in for the X-Ray daemon (checked: the
  enabled runs send segments there, the disabled ones send none).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

from infra import ROOT
from infra.deploy.serverless_yml import route_for
from infra.local.apigw_event import build_event

FUNCTIONS = ("tasks-list", "auth-sign-in")
ORIGIN = "https://tasks.example.test"

# Runs in the fresh interpreter: the handler file is imported as Lambda's runtime imports it.
_PROBE = r"""
import importlib.util, json, sys, time
handler_file, event = sys.argv[1], json.loads(sys.argv[2])
started = time.perf_counter()
spec = importlib.util.spec_from_file_location("handler", handler_file)
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
imported = time.perf_counter()
from infra.local.apigw_event import LambdaContext
context = LambdaContext(function_name="tracer-cost")
served = time.perf_counter()
response = module.handler(event, context)
done = time.perf_counter()
from shared.observability import tracer
print(json.dumps({
    "init_ms": (imported - started) * 1000,
    "first_ms": (done - served) * 1000,
    "status": response["statusCode"],
    "tracing": not tracer.disabled,
}))
"""


@dataclass(frozen=True)
class TracerCost:
    function: str
    disabled_init_ms: float
    enabled_init_ms: float
    disabled_first_ms: float
    enabled_first_ms: float

    @property
    def init_ratio(self) -> float:
        return self.enabled_init_ms / self.disabled_init_ms

    @property
    def cold_start_ratio(self) -> float:
        return (self.enabled_init_ms + self.enabled_first_ms) / (
            self.disabled_init_ms + self.disabled_first_ms
        )


def _environment(*, tracing: bool, daemon_port: int) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="0")
    env.update(
        {
            # The handlers need settings to import; nothing here opens a connection.
            "DATABASE_URL": "postgresql://tracer-cost@127.0.0.1:1/unused",
            "JWT_SECRET": "tracer-cost-benchmark-needs-no-real-secret",
            "CORS_ORIGINS": ORIGIN,
            "POWERTOOLS_LOG_LEVEL": "WARNING",
            "POWERTOOLS_METRICS_DISABLED": "true",
        }
    )
    # Both as on Lambda: the X-Ray SDK takes another, slower start-up path off Lambda.
    env.update(
        {
            "LAMBDA_TASK_ROOT": str(ROOT),
            "AWS_LAMBDA_FUNCTION_NAME": "tracer-cost",
            "AWS_XRAY_DAEMON_ADDRESS": f"127.0.0.1:{daemon_port}",
            "AWS_XRAY_CONTEXT_MISSING": "LOG_ERROR",
        }
    )
    env.pop("POWERTOOLS_TRACE_DISABLED", None)
    env.pop("_X_AMZN_TRACE_ID", None)
    if tracing:
        # What Lambda sets for a sampled request under active tracing.
        env["_X_AMZN_TRACE_ID"] = (
            "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
        )
    else:
        env["POWERTOOLS_TRACE_DISABLED"] = "true"
    return env


def _sample(function: str, env: dict[str, str]) -> dict[str, Any]:
    route = route_for(function)
    event = build_event(
        "OPTIONS",
        route.resource.replace("{id}", "0b7e8f0e-0000-4000-8000-000000000000"),
        resource=route.resource,
        headers={"Origin": ORIGIN, "Access-Control-Request-Method": route.method},
    )
    completed = subprocess.run(
        [sys.executable, "-c", _PROBE, str(route.handler_file), json.dumps(event)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    sample: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return sample


def _segments(daemon: socket.socket) -> list[bytes]:
    received = []
    while True:
        try:
            received.append(daemon.recv(65536))
        except BlockingIOError:
            return received


def measure(function: str, repeats: int) -> TracerCost:
    settings = {"disabled": False, "enabled": True}
    samples: dict[str, list[dict[str, Any]]] = {name: [] for name in settings}
    # Stands in for the X-Ray daemon: it only collects what arrives, as the daemon never answers.
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as daemon:
        daemon.bind(("127.0.0.1", 0))
        daemon.setblocking(False)
        port = int(daemon.getsockname()[1])
        for _ in range(repeats):
            for name, tracing in settings.items():
                sample = _sample(function, _environment(tracing=tracing, daemon_port=port))
                # A run that measured the wrong thing is no figure at all.
                assert sample["status"] == 200, (function, name, sample)
                assert sample["tracing"] is tracing, (function, name, sample)
                segments = _segments(daemon)
                assert bool(segments) is tracing, (function, name, segments)
                samples[name].append(sample)

    def median(name: str, key: str) -> float:
        return float(statistics.median(s[key] for s in samples[name]))

    return TracerCost(
        function=function,
        disabled_init_ms=median("disabled", "init_ms"),
        enabled_init_ms=median("enabled", "init_ms"),
        disabled_first_ms=median("disabled", "first_ms"),
        enabled_first_ms=median("enabled", "first_ms"),
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeats", type=int, default=7)
    arguments = parser.parse_args(argv)
    print(
        f"tracer cost: median of {arguments.repeats} fresh interpreters per setting, "
        "import+init of the handler, then one request (a CORS preflight, no database)"
    )
    header = (
        f"{'function':<14}{'init off':>10}{'init on':>10}{'ratio':>7}"
        f"{'1st off':>10}{'1st on':>10}{'cold ratio':>12}"
    )
    print(header)
    for function in FUNCTIONS:
        cost = measure(function, arguments.repeats)
        print(
            f"{cost.function:<14}{cost.disabled_init_ms:>8.0f}ms{cost.enabled_init_ms:>8.0f}ms"
            f"{cost.init_ratio:>6.2f}x{cost.disabled_first_ms:>8.1f}ms{cost.enabled_first_ms:>8.1f}ms"
            f"{cost.cold_start_ratio:>11.2f}x"
        )


if __name__ == "__main__":
    main()
