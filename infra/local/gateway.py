"""The local API Gateway: `python -m infra.local.gateway --port 4000`.

Serves every function in serverless.yml on 127.0.0.1 as API Gateway would: it matches the
route, refuses `private: true` routes without the API key (403, as API Gateway does), builds a
real REST (v1) proxy event and calls the function's real `handler`. Like one warm Lambda
instance per function, each function serves one request at a time.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import threading
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import yaml

from infra import ROOT
from infra.deploy.serverless_yml import CloudFormationLoader, find_route, routes_for_path
from infra.local import runtime
from infra.local.apigw_event import build_event

DEFAULT_API_KEY = "local-dev-api-key"
OPENAPI_PATH = "/api/openapi.json"
DOCS_PATH = "/api/docs"
# Test-only: lets one machine play many clients, each with its own rate-limit budget.
TRUST_SOURCE_IP_HEADER = "X-Local-Source-Ip"

GATEWAY_RESPONSES = ROOT / "infra" / "deploy" / "resources" / "gateway-responses.yml"
# API Gateway's own statuses for the responses the local run can meet.
_DEFAULT_STATUS = {"INVALID_API_KEY": 403, "MISSING_AUTHENTICATION_TOKEN": 403, "DEFAULT_5XX": 502}

_instance_locks: dict[str, threading.Lock] = {}


@cache
def _gateway_templates() -> dict[str, tuple[int, str]]:
    document = yaml.load(GATEWAY_RESPONSES.read_text(), Loader=CloudFormationLoader)  # noqa: S506
    templates = {}
    for resource in document["Resources"].values():
        properties = resource["Properties"]
        kind = properties["ResponseType"]
        status = int(properties.get("StatusCode", _DEFAULT_STATUS.get(kind, 502)))
        templates[kind] = (status, str(properties["ResponseTemplates"]["application/json"]))
    return templates


def gateway_response(response_type: str) -> tuple[int, str]:
    """Status and body of the deployed stack's gateway response (one source of truth); a type
    with none of its own falls to DEFAULT_5XX, as on API Gateway."""
    templates = _gateway_templates()
    status, template = templates.get(response_type, (502, templates["DEFAULT_5XX"][1]))
    body = template.replace("$context.error.responseType", response_type).replace(
        "$context.error.messageString", json.dumps("Internal server error")
    )
    return status, body


_locks_guard = threading.Lock()


def _instance_lock(function: str) -> threading.Lock:
    with _locks_guard:
        return _instance_locks.setdefault(function, threading.Lock())


def invoke(function: str, event: dict[str, Any]) -> dict[str, Any]:
    """Runs one event through the function's handler, as one Lambda instance would."""
    with _instance_lock(function):
        return runtime.invoke(function, event)


def _take_trusted_source_ip(headers: dict[str, str]) -> str | None:
    """Removes the test-only header (and its mention in a preflight) and returns its value."""
    source_ip = None
    for name in list(headers):
        if name.lower() == TRUST_SOURCE_IP_HEADER.lower():
            source_ip = headers.pop(name)
        elif name.lower() == "access-control-request-headers":
            asked = [h.strip() for h in headers[name].split(",")]
            kept = [h for h in asked if h.lower() != TRUST_SOURCE_IP_HEADER.lower()]
            if kept:
                headers[name] = ",".join(kept)
            else:
                del headers[name]
    return source_ip


def _allow_trusted_header(response_headers: dict[str, str]) -> None:
    for name, value in list(response_headers.items()):
        if name.lower() == "access-control-allow-headers":
            response_headers[name] = f"{value}, {TRUST_SOURCE_IP_HEADER}"


class ApiGatewayHandler(BaseHTTPRequestHandler):
    server_version = "lambda-tasks-local"
    protocol_version = "HTTP/1.1"
    api_key: str = DEFAULT_API_KEY
    trust_source_ip_header: bool = False
    cors_origins: frozenset[str] = frozenset()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        if os.environ.get("LOCAL_API_ACCESS_LOG") == "1":
            super().log_message(format, *args)

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            if name.lower() not in {"content-length", "connection"}:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _gateway_error(self, response_type: str, headers: dict[str, str]) -> None:
        """Answers as API Gateway would, with the deployed gateway responses' status and body."""
        status, body = gateway_response(response_type)
        cors = {}
        origin = next((v for k, v in headers.items() if k.lower() == "origin"), None)
        if origin and origin in self.cors_origins:
            cors = {
                "Access-Control-Allow-Origin": origin,
                "Access-Control-Allow-Credentials": "true",
                "Vary": "Origin",
            }
        self._send(status, {"Content-Type": "application/json", **cors}, body.encode())

    def _handle(self) -> None:
        url = urlsplit(self.path)
        if self.command == "GET" and url.path in {DOCS_PATH, OPENAPI_PATH}:
            self._serve_docs(url.path)
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = dict(self.headers.items())
        if self.command == "OPTIONS":
            # API Gateway answers CORS preflights without the key; the app's CORS rules decide.
            candidates = routes_for_path(url.path)
            found = (candidates[0], candidates[0].match(url.path) or {}) if candidates else None
        else:
            found = find_route(self.command, url.path)
        if found is None:
            self._gateway_error("MISSING_AUTHENTICATION_TOKEN", headers)
            return
        route, params = found
        if self.command != "OPTIONS" and route.private:
            given = next((v for k, v in headers.items() if k.lower() == "x-api-key"), None)
            if given != self.api_key:
                self._gateway_error("INVALID_API_KEY", headers)
                return
        source_ip = self.client_address[0]
        if self.trust_source_ip_header:
            source_ip = _take_trusted_source_ip(headers) or source_ip
        query = dict(parse_qs(url.query, keep_blank_values=True))
        event = build_event(
            self.command,
            url.path,
            resource=route.resource,
            path_parameters=params,
            headers=headers,
            query=query,
            body=body.decode("utf-8", errors="surrogateescape") if body else None,
            source_ip=source_ip,
        )
        try:
            result = invoke(route.function, event)
        except Exception:
            self._gateway_error("INTEGRATION_FAILURE", headers)
            raise
        payload = result.get("body") or ""
        raw = base64.b64decode(payload) if result.get("isBase64Encoded") else payload.encode()
        response_headers = dict(result.get("headers") or {})
        for name, values in (result.get("multiValueHeaders") or {}).items():
            response_headers[name] = ", ".join(values)
        if self.trust_source_ip_header and self.command == "OPTIONS":
            _allow_trusted_header(response_headers)
        self._send(int(result["statusCode"]), response_headers, raw)

    def _serve_docs(self, path: str) -> None:
        from infra.deploy.openapi import build_openapi, docs_page

        document = build_openapi()
        if path == OPENAPI_PATH:
            self._send(200, {"Content-Type": "application/json"}, json.dumps(document).encode())
        else:
            self._send(
                200, {"Content-Type": "text/html; charset=utf-8"}, docs_page(document).encode()
            )

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = _handle  # noqa: N815


def serve(port: int, *, api_key: str, trust_source_ip_header: bool) -> ThreadingHTTPServer:
    origins = os.environ.get("CORS_ORIGINS", "http://localhost:3000,http://127.0.0.1:3000")
    handler = type(
        "ConfiguredApiGatewayHandler",
        (ApiGatewayHandler,),
        {
            "api_key": api_key,
            "trust_source_ip_header": trust_source_ip_header,
            "cors_origins": frozenset(o.strip() for o in origins.split(",") if o.strip()),
        },
    )
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=4000)
    args = parser.parse_args()
    server = serve(
        args.port,
        api_key=os.environ.get("API_KEY", DEFAULT_API_KEY),
        trust_source_ip_header=os.environ.get("LOCAL_TRUST_SOURCE_IP_HEADER") == "1",
    )
    print(f"local API on http://127.0.0.1:{args.port}/api", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
