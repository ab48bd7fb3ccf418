"""Cold start: a task function imports only what its route needs, and never hops to a thread.

Each handler is imported the way Lambda does, in a fresh interpreter that can import only what
a Lambda container holds (`tests/support/layer_imports.py`), and its `sys.modules` inspected: no
bcrypt, no password hashing, no token signing. sign-in is the control: it must load all three,
proving the check can fail.
"""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from infra import ROOT
from infra.deploy.serverless_yml import route_for
from infra.local.runtime import load_app
from shared.api.deps import get_db_session, get_verified_token
from tests.support.tasks import ALL_TASK_FUNCTIONS

FORBIDDEN = ("bcrypt", "shared.auth.passwords", "shared.auth.token_issuer")

_LIST_MODULES = """
import importlib.util, json, sys
from tests.support import layer_imports
layer_imports.install()
before = set(sys.modules)
spec = importlib.util.spec_from_file_location("handler", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
assert callable(module.handler)
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def run_fresh(script: str, *args: str) -> str:
    """Runs `script` in a fresh interpreter, as a new Lambda container would; returns stdout."""
    env = {
        **os.environ,
        # Valid-looking settings, nothing real: importing must not connect or read secrets.
        "DATABASE_URL": "postgresql://nobody:nothing@127.0.0.1:9/none",
        "JWT_SECRET": "cold-import-test-secret-" + "x" * 32,
        "SECRETS_SOURCE": "env",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def cold_import_modules(function: str) -> set[str]:
    """The modules a fresh interpreter holds after importing `function`'s handler."""
    handler_file = str(route_for(function).handler_file)
    modules: list[str] = json.loads(run_fresh(_LIST_MODULES, handler_file).strip().splitlines()[-1])
    return set(modules)


@pytest.fixture(scope="module")
def cold_modules() -> dict[str, set[str]]:
    functions = [*ALL_TASK_FUNCTIONS, "auth-sign-in"]
    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip(functions, pool.map(cold_import_modules, functions), strict=True))


def loaded(modules: set[str], name: str) -> bool:
    return name in modules or any(module.startswith(name + ".") for module in modules)


@pytest.mark.parametrize("function", ALL_TASK_FUNCTIONS)
def test_task_function_never_loads_bcrypt_or_signing(
    cold_modules: dict[str, set[str]], function: str
) -> None:
    modules = cold_modules[function]
    present = [name for name in FORBIDDEN if loaded(modules, name)]
    assert present == [], f"{function} imports {present} at cold start"
    # Nor the common-password list, nor the mailer (boto3).
    assert not loaded(modules, "shared.auth.common_passwords")
    assert not loaded(modules, "shared.mailer")
    # What it does need is there: the verifying half of the token code, through jose.
    assert "shared.auth.token_verifier" in modules
    assert "jose.jwt" in modules
    assert "shared.tasks.repository" in modules


def test_the_probe_refuses_what_the_layer_lacks() -> None:
    """moto's `cryptography` is in the virtualenv but not the layer: the probe must not see it."""
    script = (
        "from tests.support import layer_imports; layer_imports.install()\n"
        "try:\n    import cryptography\nexcept ModuleNotFoundError:\n    print('refused')\n"
    )
    assert run_fresh(script).strip() == "refused"


def test_the_check_can_fail_sign_in_loads_all_of_them(cold_modules: dict[str, set[str]]) -> None:
    modules = cold_modules["auth-sign-in"]
    assert [name for name in FORBIDDEN if loaded(modules, name)] == list(FORBIDDEN)


# No sync thread-pool hop: every endpoint and every dependency under it is async.


def dependencies(dependant: Dependant) -> Iterator[Dependant]:
    for dependency in dependant.dependencies:
        yield dependency
        yield from dependencies(dependency)


def is_async(call: Callable[..., Any]) -> bool:
    # An `async def ... yield` dependency (the database session) is entered on the event loop too.
    return inspect.iscoroutinefunction(call) or inspect.isasyncgenfunction(call)


def the_route(function: str) -> APIRoute:
    app = load_app(function)
    routes = [route for route in app.routes if isinstance(route, APIRoute)]
    assert len(routes) == 1, "one function, one route"
    expected = route_for(function)
    assert routes[0].path == expected.resource
    assert routes[0].methods == {expected.method}
    return routes[0]


@pytest.mark.parametrize("function", ALL_TASK_FUNCTIONS)
def test_endpoint_and_every_dependency_are_async(function: str) -> None:
    route = the_route(function)
    assert inspect.iscoroutinefunction(route.endpoint), f"{function}: endpoint is sync"
    calls = [dep.call for dep in dependencies(route.dependant) if dep.call is not None]
    sync = [getattr(call, "__qualname__", repr(call)) for call in calls if not is_async(call)]
    assert sync == [], f"{function}: sync dependencies run in the thread pool: {sync}"
    # The walk really reached the token check and the database: an empty tree proves nothing.
    assert get_verified_token in calls
    assert get_db_session in calls


def test_the_async_check_can_fail() -> None:
    from fastapi import Depends, FastAPI

    def sync_dependency() -> int:
        return 1

    app = FastAPI()

    @app.get("/probe")
    async def probe(value: int = Depends(sync_dependency)) -> int:
        return value

    route = next(route for route in app.routes if isinstance(route, APIRoute))
    calls = [dep.call for dep in dependencies(route.dependant) if dep.call is not None]
    assert calls == [sync_dependency]
    assert not is_async(sync_dependency)
