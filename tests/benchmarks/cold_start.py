"""Cold start per function: a fresh interpreter imports the handler, then serves one event."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from infra import ROOT
from infra.deploy.serverless_yml import route_for
from infra.local.apigw_event import build_event
from tests.benchmarks.scenarios import EXPECTED_STATUS

# Runs in the fresh interpreter. Only the handler's own import is timed, exactly as Lambda's
# runtime does it (a file import); the event is built after the clock stops.
_PROBE = r"""
import importlib.util, json, sys, time
from tests.support import layer_imports
layer_imports.install()  # only what a Lambda container has (no moto-installed cryptography)
handler_file, event = sys.argv[1], json.loads(sys.argv[2])
before = set(sys.modules)
started = time.perf_counter()
spec = importlib.util.spec_from_file_location("handler", handler_file)
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
imported = time.perf_counter()
loaded = sorted(set(sys.modules) - before)
from infra.local.apigw_event import LambdaContext
served = time.perf_counter()
response = module.handler(event, LambdaContext(function_name="cold"))
done = time.perf_counter()
print(json.dumps({
    "import_ms": (imported - started) * 1000,
    "first_ms": (done - served) * 1000,
    "status": response["statusCode"],
    "modules": len(loaded),
    "bcrypt": "bcrypt" in loaded,
    "boto3": "boto3" in loaded,
}))
"""

# The naive baseline: one process importing every dependency the functions have between them.
_BASELINE = r"""
import json, time
started = time.perf_counter()
import fastapi, mangum, sqlmodel, psycopg, bcrypt, jose.jwt
from aws_lambda_powertools import Logger, Metrics
print(json.dumps({"import_ms": (time.perf_counter() - started) * 1000}))
"""

# The floor under every task function: the libraries the design puts on its path (FastAPI app,
# Mangum, SQLModel models on a SQLAlchemy engine on psycopg, jose to verify, pydantic-settings,
# powertools), before any code of ours, importable as in a Lambda container.
_DESIGN_FLOOR = r"""
import json, sys, time
from tests.support import layer_imports
layer_imports.install()
started = time.perf_counter()
import fastapi, mangum, sqlmodel, psycopg, pydantic_settings
from aws_lambda_powertools import Logger, Metrics
import jose.jwt
print(json.dumps({"import_ms": (time.perf_counter() - started) * 1000}))
"""


@dataclass(frozen=True)
class ColdStart:
    function: str
    import_ms: float
    first_invocation_ms: float
    modules: int
    loads_bcrypt: bool


def _run(code: str, *args: str) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="0")
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True
    )
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def baseline_import_ms(repeats: int) -> float:
    return float(statistics.median(_run(_BASELINE)["import_ms"] for _ in range(repeats)))


def design_floor_import_ms(repeats: int) -> float:
    return float(statistics.median(_run(_DESIGN_FLOOR)["import_ms"] for _ in range(repeats)))


def cold_start(function: str, call: Callable[[], dict[str, Any]], repeats: int) -> ColdStart:
    route = route_for(function)
    samples = []
    for _ in range(repeats):
        kwargs = call()  # fresh arguments each time (emails, tasks to delete)
        task_id = kwargs.pop("task_id", None)
        token = kwargs.pop("token", None)
        event = build_event(
            route.method,
            route.resource.replace("{id}", task_id or ""),
            resource=route.resource,
            path_parameters={"id": task_id} if task_id else None,
            headers={"Authorization": f"Bearer {token}"} if token else None,
            query=kwargs.get("query"),
            body=kwargs.get("json"),
        )
        sample = _run(_PROBE, str(route.handler_file), json.dumps(event))
        # A cold start that answers with an error measured the wrong thing.
        assert sample["status"] == EXPECTED_STATUS[function], (function, sample)
        samples.append(sample)
    return ColdStart(
        function=function,
        import_ms=statistics.median(s["import_ms"] for s in samples),
        first_invocation_ms=statistics.median(s["first_ms"] for s in samples),
        modules=int(statistics.median(s["modules"] for s in samples)),
        loads_bcrypt=any(s["bcrypt"] for s in samples),
    )
