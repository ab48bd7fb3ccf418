"""First requests in fresh interpreters, ours against the peer monolith's, side by side.

Three kinds of fresh process per function, each importing only what a Lambda container holds:
- `snapstart`: the handler imported as SnapStart's init does (`AWS_LAMBDA_INITIALIZATION_TYPE=
  snap-start`), the before-snapshot hooks run as the runtime runs them (reverse order), then the
  after-restore hooks (in order), then the first request and a few warm ones;
- `cold`: no SnapStart: the import (which primes) and the first request;
- `peer`: the peer monolith's import and its first request of the same route.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from infra import ROOT
from infra.deploy.serverless_yml import route_for
from infra.local.apigw_event import build_event
from tests.benchmarks.scenarios import EXPECTED_STATUS

_PROBE = r"""
import importlib, importlib.util, json, statistics, sys, time
from tests.support import layer_imports
layer_imports.install()
mode, handler_file, switches = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
events = json.load(sys.stdin)
started = time.perf_counter()
if mode == "peer":
    module = importlib.import_module("tests.benchmarks.peer.app")
else:
    spec = importlib.util.spec_from_file_location("handler", handler_file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
init_ms = (time.perf_counter() - started) * 1000
if switches:  # priming steps switched off (tests/benchmarks/priming_steps.py), after the import
    import types
    from shared.api import snapstart
    scope = {**vars(snapstart), "types": types}  # the expressions see the module's names
    for name, replacement in switches:
        if not hasattr(snapstart, name):  # a step renamed or gone: the benchmark must say so
            raise SystemExit(f"shared.api.snapstart has no {name}")
        setattr(snapstart, name, eval(replacement, scope))
snapshot_ms = restore_ms = 0.0
if mode == "snapstart":
    from snapshot_restore_py import get_after_restore, get_before_snapshot
    started = time.perf_counter()
    hooks = get_before_snapshot()
    while hooks:
        func, args, kwargs = hooks.pop()  # as the runtime does: reverse order of registration
        func(*args, **kwargs)
    snapshot_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    for func, args, kwargs in get_after_restore():
        func(*args, **kwargs)
    restore_ms = (time.perf_counter() - started) * 1000
from infra.local.apigw_event import LambdaContext
samples, statuses = [], []
for event in events:
    started = time.perf_counter()
    response = module.handler(event, LambdaContext(function_name="probe"))
    samples.append((time.perf_counter() - started) * 1000)
    statuses.append(response["statusCode"])
print(json.dumps({
    "init_ms": init_ms, "snapshot_ms": snapshot_ms, "restore_ms": restore_ms,
    "first_ms": samples[0],
    "warm_ms": statistics.median(samples[1:]) if len(samples) > 1 else 0.0,
    "statuses": statuses,
}))
"""


@dataclass(frozen=True)
class Probe:
    init_ms: float
    snapshot_ms: float
    restore_ms: float
    first_ms: float
    warm_ms: float


@dataclass(frozen=True)
class ColdComparison:
    function: str
    snapstart: Probe  # init, before-snapshot, after-restore, first request, warm median
    cold: Probe  # init with priming, first request (no SnapStart)
    peer: Probe  # the peer's init and first request of the same route

    @property
    def first_extra_ms(self) -> float:
        """The first request after restore's extra time over a warm request."""
        return self.snapstart.first_ms - self.snapstart.warm_ms

    @property
    def cold_ms(self) -> float:
        return self.cold.init_ms + self.cold.first_ms

    @property
    def peer_cold_ms(self) -> float:
        return self.peer.init_ms + self.peer.first_ms

    @property
    def cold_vs_peer(self) -> float:
        return self.cold_ms / self.peer_cold_ms


def event_for(function: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    route = route_for(function)
    task_id = kwargs.get("task_id")
    token = kwargs.get("token")
    return build_event(
        route.method,
        route.resource.replace("{id}", task_id or ""),
        resource=route.resource,
        path_parameters={"id": task_id} if task_id else None,
        headers={"Authorization": f"Bearer {token}"} if token else None,
        query=kwargs.get("query"),
        body=kwargs.get("json"),
    )


def probe(
    mode: str,
    function: str,
    events: list[dict[str, Any]],
    *,
    switches: Sequence[tuple[str, str]] = (),
) -> Probe:
    """One fresh process of `mode`; `switches` replace attributes of `shared.api.snapstart`
    (name, Python expression) after the import and before the hooks."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("AWS_LAMBDA_INITIALIZATION_TYPE", None)
    if mode == "snapstart":
        env["AWS_LAMBDA_INITIALIZATION_TYPE"] = "snap-start"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            _PROBE,
            mode,
            str(route_for(function).handler_file),
            json.dumps(list(switches)),
        ],
        input=json.dumps(events),
        capture_output=True,
        text=True,
        env=env,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    sample = json.loads(result.stdout.strip().splitlines()[-1])
    # A first request that answers with an error measured the wrong thing.
    assert set(sample.pop("statuses")) == {EXPECTED_STATUS[function]}, (mode, function, sample)
    return Probe(**sample)


def _median_probe(probes: list[Probe]) -> Probe:
    return Probe(
        *(
            statistics.median(getattr(p, name) for p in probes)
            for name in ("init_ms", "snapshot_ms", "restore_ms", "first_ms", "warm_ms")
        )
    )


def compare_cold(
    function: str, call: Callable[[], dict[str, Any]], repeats: int, warm_calls: int
) -> ColdComparison:
    """Interleaved: each repeat runs ours with SnapStart, ours without, then the peer."""
    runs: dict[str, list[Probe]] = {"snapstart": [], "cold": [], "peer": []}
    for _ in range(repeats):
        for mode in runs:
            count = 1 + warm_calls if mode == "snapstart" else 1
            runs[mode].append(
                probe(mode, function, [event_for(function, call()) for _ in range(count)])
            )
    return ColdComparison(function, *(_median_probe(runs[mode]) for mode in runs))
