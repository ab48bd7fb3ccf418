"""The local API Gateway: `python -m infra.local.gateway --port 4000`.

Serves every function in serverless.yml on 127.0.0.1 as API Gateway would: it matches the
route, refuses `private: true` routes without the API key (403, as API Gateway does), builds a
real REST (v1) proxy event and calls the function's real `handler`. Each function runs in a
process of its own, started on its first request and kept warm, serving one request at a time:
one Lambda instance per function (`infra/local/instances.py`). What no function answers
(an unknown method, a request that is not well-formed HTTP) is answered in the one JSON error
format too, as the deployed gateway responses are, never with the HTTP server's HTML page.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
from functools import cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import yaml

from infra import ROOT
from infra.deploy.serverless_yml import CloudFormationLoader, find_route, routes_for_path
from infra.local.apigw_event import build_event
from infra.local.instances import instance, start_fork_server
from shared.errors import ErrorCode

DEFAULT_API_KEY = "local-dev-api-key"
OPENAPI_PATH = "/api/openapi.json"
DOCS_PATH = "/api/docs"
# Test-only: lets one machine play many clients, each with its own rate-limit budget.
TRUST_SOURCE_IP_HEADER = "X-Local-Source-Ip"

GATEWAY_RESPONSES = ROOT / "infra" / "deploy" / "resources" / "gateway-responses.yml"
# API Gateway's own statuses (and message strings) for the responses the local run can meet.
_DEFAULT_STATUS = {
    "INVALID_API_KEY": 403,
    "MISSING_AUTHENTICATION_TOKEN": 403,
    "REQUEST_TOO_LARGE": 413,
    "DEFAULT_5XX": 502,
}
_DEFAULT_MESSAGE = {"REQUEST_TOO_LARGE": "Request Too Long"}
# API Gateway's quota for a request's payload: over it, its answer is REQUEST_TOO_LARGE.
MAX_PAYLOAD_BYTES = 10 * 1024 * 1024
_DECIMAL = re.compile(r"[0-9]+")
# The HTTP server's own refusals, each as a sentence for the one error format.
_REFUSALS: dict[int, str] = {
    HTTPStatus.BAD_REQUEST: "The request is not valid HTTP.",
    HTTPStatus.REQUEST_URI_TOO_LONG: "The request URL is too long.",
    HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE: "The request headers are too large or too many.",
    HTTPStatus.HTTP_VERSION_NOT_SUPPORTED: "This HTTP version is not supported.",
}


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
    with none of its own falls to DEFAULT_4XX or DEFAULT_5XX by its status, as on API Gateway."""
    templates = _gateway_templates()
    if response_type in templates:
        status, template = templates[response_type]
    else:
        status = _DEFAULT_STATUS.get(response_type, 502)
        template = templates["DEFAULT_4XX" if status < 500 else "DEFAULT_5XX"][1]
    message = _DEFAULT_MESSAGE.get(response_type, "Internal server error")
    body = template.replace("$context.error.responseType", response_type).replace(
        "$context.error.messageString", json.dumps(message)
    )
    return status, body


def _event_body(body: bytes) -> str | bytes | None:
    """The body as API Gateway hands it over: text, or base64 (the builder's bytes) when it is
    not UTF-8, so the function reads the very bytes the client sent."""
    if not body:
        return None
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body


def invoke(function: str, event: dict[str, Any]) -> dict[str, Any]:
    """Runs one event through the function's handler, in the function's own instance."""
    return instance(function).invoke(event)


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

    def _send(
        self, status: int, headers: dict[str, str], body: bytes, *, close: bool = False
    ) -> None:
        self.send_response(status)
        for name, value in headers.items():
            if name.lower() not in {"content-length", "connection"}:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        if close:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json_answer(
        self, status: int, body: str, headers: dict[str, str], *, close: bool = False
    ) -> None:
        """An answer of the gateway's own, with the CORS headers the deployed gateway responses
        carry for the allowed origin."""
        cors = {}
        origin = next((v for k, v in headers.items() if k.lower() == "origin"), None)
        if origin and origin in self.cors_origins:
            cors = {
                "Access-Control-Allow-Origin": origin,
                "Access-Control-Allow-Credentials": "true",
                "Vary": "Origin",
            }
        self._send(status, {"Content-Type": "application/json", **cors}, body.encode(), close=close)

    def _gateway_error(
        self, response_type: str, headers: dict[str, str], *, close: bool = False
    ) -> None:
        """Answers as API Gateway would, with the deployed gateway responses' status and body."""
        status, body = gateway_response(response_type)
        self._json_answer(status, body, headers, close=close)

    def _refuse(self, status: int, message: str, headers: dict[str, str]) -> None:
        """A request that is not well-formed HTTP: answered in the one format (no route is
        known, so no function answers), and the connection closed, since where the request
        ends can no longer be trusted."""
        body = json.dumps({"code": ErrorCode.HTTP_ERROR.name, "message": message})
        self._json_answer(status, body, headers, close=True)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The HTTP server's own refusals, never its HTML page. A method no route has is API
        Gateway's missing route (its body, if any, unread: the connection is closed); anything
        else (a malformed request line, headers over the server's limits, an HTTP version it
        does not speak) is refused as not well-formed."""
        self.log_error("code %d, message %s", code, message)
        # A request line too broken to name its version reads as HTTP/0.9, whose answers carry
        # no status line and no headers: a refusal is answered in full.
        self.request_version = self.protocol_version
        if code == HTTPStatus.NOT_IMPLEMENTED:
            self._gateway_error(
                "MISSING_AUTHENTICATION_TOKEN", dict(self.headers.items()), close=True
            )
            return
        # The headers are this request's only once they have been parsed (a method was found).
        self._refuse(code, _REFUSALS.get(code, f"{HTTPStatus(code).phrase}."), {})

    def _read_body(self, headers: dict[str, str]) -> bytes | None:
        """The body as one well-formed Content-Length frames it; None once refused. Any other
        length (a sign, a list, two headers, a body cut short) would leave bytes to be read as
        the next request, or wait for bytes that never come."""
        lengths = self.headers.get_all("Content-Length") or []
        if not lengths:
            return b""
        length = lengths[0].strip(" \t") if len(lengths) == 1 else ""
        if not _DECIMAL.fullmatch(length):
            self._refuse(400, "Content-Length must be one whole number of bytes.", headers)
            return None
        # Its digits counted first: int() refuses a number of thousands of digits.
        if len(length.lstrip("0")) > len(str(MAX_PAYLOAD_BYTES)) or int(length) > MAX_PAYLOAD_BYTES:
            self._gateway_error("REQUEST_TOO_LARGE", headers, close=True)
            return None
        body = self.rfile.read(int(length))
        if len(body) < int(length):
            self._refuse(400, "The request body is shorter than its Content-Length.", headers)
            return None
        return body

    def _handle(self) -> None:
        headers = dict(self.headers.items())
        try:
            url = urlsplit(self.path)
        except ValueError:  # an unbalanced "[" in the host of an absolute URL
            self._refuse(400, "The request URL is not valid.", headers)
            return
        body = self._read_body(headers)
        if body is None:
            return
        if self.command == "GET" and url.path in {DOCS_PATH, OPENAPI_PATH}:
            self._serve_docs(url.path)
            return
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
            body=_event_body(body),
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

    # HEAD too: no route takes it, so it gets API Gateway's missing-route answer (headers only).
    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_HEAD = _handle  # noqa: N815


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
    start_fork_server()
    print(f"local API on http://127.0.0.1:{args.port}/api", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
