"""Runs a function as the Lambda runtime does: the one way the local API and the tests invoke one.

`load_handler` imports `functions/<name>/handler.py` as its own top-level module (Lambda's
`handler.handler`); `invoke` runs one API Gateway event through it on a fresh event loop, as
one warm instance would.
"""

from __future__ import annotations

import asyncio
import importlib.util
import sys
from collections.abc import Callable
from functools import cache
from types import ModuleType
from typing import Any

from infra.deploy.serverless_yml import route_for
from infra.local.apigw_event import LambdaContext

LambdaHandler = Callable[[dict[str, Any], Any], dict[str, Any]]


def _module_name(function: str) -> str:
    return "lambda_function_" + function.replace("-", "_")


@cache
def load_module(function: str) -> ModuleType:
    handler_file = route_for(function).handler_file
    module_name = _module_name(function)
    spec = importlib.util.spec_from_file_location(module_name, handler_file)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


def load_handler(function: str) -> LambdaHandler:
    """The function's `handler`, imported the way Lambda does."""
    handler: LambdaHandler = load_module(function).handler
    return handler


def load_app(function: str) -> Any:
    """The function's FastAPI app (for the OpenAPI document and the tests)."""
    return load_module(function).app


def invoke(
    function: str, event: dict[str, Any], context: LambdaContext | None = None
) -> dict[str, Any]:
    """One event through the function's handler on its own event loop (Mangum needs one in the
    calling thread; the local API's and the concurrency tests' threads have none)."""
    handler = load_handler(function)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        return handler(event, context or LambdaContext(function_name=function))
    finally:
        asyncio.set_event_loop(None)
        loop.close()
