"""The one builder of API Gateway REST (v1) proxy events, for the local API and every test.

The shape is what API Gateway sends a Lambda proxy integration: single- and multi-value headers
and query strings, `resource` with `{param}` placeholders, `pathParameters`, and a
`requestContext` whose `identity.sourceIp` is the caller's address.
"""

from __future__ import annotations

import base64
import json
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

STAGE = "dev"
ACCOUNT_ID = "123456789012"


@dataclass
class LambdaContext:
    """What the Lambda runtime passes as `context` (the attributes powertools reads)."""

    function_name: str = "local"
    memory_limit_in_mb: int = 256
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    function_version: str = "$LATEST"
    log_group_name: str = "/aws/lambda/local"
    log_stream_name: str = "local"

    @property
    def invoked_function_arn(self) -> str:
        return f"arn:aws:lambda:us-east-1:{ACCOUNT_ID}:function:{self.function_name}"

    def get_remaining_time_in_millis(self) -> int:
        return 30_000


def build_event(
    method: str,
    path: str,
    *,
    resource: str | None = None,
    path_parameters: Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
    query: Mapping[str, str | Sequence[str]] | None = None,
    body: bytes | str | Any | None = None,
    source_ip: str = "203.0.113.10",
    api_key: str | None = None,
) -> dict[str, Any]:
    """An API Gateway REST proxy event. A `body` that is not str/bytes is sent as JSON."""
    all_headers = {"Host": "local.execute-api", "User-Agent": "lambda-tasks-tests"}
    if body is not None and not isinstance(body, (str, bytes)):
        body = json.dumps(body)
        all_headers["Content-Type"] = "application/json"
    all_headers.update(headers or {})
    if api_key is not None:
        all_headers["x-api-key"] = api_key
    multi_query = {
        name: [value] if isinstance(value, str) else list(value)
        for name, value in (query or {}).items()
    }
    is_binary = isinstance(body, bytes)
    encoded_body: str | None
    if is_binary:
        assert isinstance(body, bytes)
        encoded_body = base64.b64encode(body).decode("ascii")
    else:
        encoded_body = body if isinstance(body, str) else None
    request_id = str(uuid.uuid4())
    return {
        "resource": resource or path,
        "path": path,
        "httpMethod": method.upper(),
        "headers": all_headers,
        "multiValueHeaders": {name: [value] for name, value in all_headers.items()},
        "queryStringParameters": {k: v[-1] for k, v in multi_query.items()} or None,
        "multiValueQueryStringParameters": multi_query or None,
        "pathParameters": dict(path_parameters) if path_parameters else None,
        "stageVariables": None,
        "requestContext": {
            "accountId": ACCOUNT_ID,
            "apiId": "local",
            "resourcePath": resource or path,
            "httpMethod": method.upper(),
            "path": f"/{STAGE}{path}",
            "protocol": "HTTP/1.1",
            "requestId": request_id,
            "extendedRequestId": request_id,
            "requestTime": time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime()),
            "requestTimeEpoch": int(time.time() * 1000),
            "stage": STAGE,
            "identity": {
                "sourceIp": source_ip,
                "userAgent": all_headers.get("User-Agent"),
                "apiKey": api_key,
            },
        },
        "body": encoded_body,
        "isBase64Encoded": is_binary,
    }


def response_headers(response: Mapping[str, Any]) -> dict[str, str]:
    """Response headers, lower-cased, merged from both header maps Mangum may use."""
    merged = {k.lower(): str(v) for k, v in (response.get("headers") or {}).items()}
    for name, values in (response.get("multiValueHeaders") or {}).items():
        merged[name.lower()] = ", ".join(str(v) for v in values)
    return merged
