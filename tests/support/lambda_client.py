"""Calls a function's real Mangum handler with an API Gateway REST event from the one builder."""

from __future__ import annotations

import base64
import json
import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from infra.deploy.serverless_yml import route_for
from infra.local import runtime
from infra.local.apigw_event import build_event, response_headers
from shared.errors import ErrorCode

_UNSET: Any = object()


def assert_registered(function: str, status: int, code: str | None) -> None:
    """No answer carries a code the registry does not hold, nor a status it does not allow."""
    if code is None:
        return
    assert code in ErrorCode.__members__, f"{function} answered with unregistered code {code}"
    statuses = ErrorCode[code].spec.statuses
    assert not statuses or status in statuses, f"{function} answered {code} with {status}"


def response_json(response: Mapping[str, Any]) -> Any:
    """The decoded JSON body of a Lambda proxy response."""
    body = response.get("body") or ""
    if response.get("isBase64Encoded"):
        body = base64.b64decode(body).decode("utf-8")
    return json.loads(body) if body else None


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
    raw_body: str | bytes | None = None,
    token: str | None = None,
    headers: dict[str, str] | None = None,
    query: dict[str, str] | None = None,
    task_id: str | None = None,
    path_parameters: dict[str, str] | None = None,
    source_ip: str | None = None,
) -> LambdaResponse:
    route = route_for(function)
    params = dict(path_parameters or {})
    if task_id is not None:
        params["id"] = task_id
    path = route.resource
    for name in re.findall(r"\{(\w+)\}", route.resource):
        path = path.replace(f"{{{name}}}", params.get(name, ""))
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
    result = runtime.invoke(function, event)
    response = LambdaResponse(
        status=int(result["statusCode"]),
        body=response_json(result),
        headers=response_headers(result),
    )
    assert_registered(function, response.status, response.code)
    return response
