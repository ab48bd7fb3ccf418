"""Calls a function's real Mangum handler with an API Gateway REST event from the one builder."""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass
from typing import Any

from infra.apigw_event import LambdaContext, build_event, response_headers, response_json
from infra.function_registry import load_handler, route_for

_UNSET: Any = object()


@dataclass(frozen=True)
class LambdaResponse:
    status: int
    body: Any
    headers: dict[str, str]

    @property
    def code(self) -> str | None:
        return self.body.get("code") if isinstance(self.body, dict) else None


def random_ip() -> str:
    """A fresh documentation-range address, so a test never spends another's rate-limit budget."""
    return f"198.51.{random.randrange(256)}.{random.randrange(1, 255)}"


def invoke(
    function: str,
    *,
    json: Any = _UNSET,
    raw_body: str | None = None,
    token: str | None = None,
    headers: dict[str, str] | None = None,
    query: dict[str, str] | None = None,
    task_id: str | None = None,
    source_ip: str | None = None,
) -> LambdaResponse:
    route = route_for(function)
    params = {"id": task_id} if task_id is not None else {}
    path = route.resource.replace("{id}", task_id or "")
    all_headers = dict(headers or {})
    if token is not None:
        all_headers["Authorization"] = f"Bearer {token}"
    body: Any = raw_body
    if json is not _UNSET:
        body = json
    event = build_event(
        route.method,
        path,
        resource=route.resource,
        path_parameters=params,
        headers=all_headers,
        query=query,
        body=body,
        source_ip=source_ip or random_ip(),
    )
    handler = load_handler(function)
    # Mangum needs an event loop in the calling thread; threads in concurrency tests have none.
    try:
        asyncio.get_event_loop_policy().get_event_loop()
    except RuntimeError:
        asyncio.set_event_loop(asyncio.new_event_loop())
    result = handler(event, LambdaContext(function_name=function))
    return LambdaResponse(
        status=int(result["statusCode"]),
        body=response_json(result),
        headers=response_headers(result),
    )
