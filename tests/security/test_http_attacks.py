"""Token attacks and cross-user (BOLA) attempts over HTTP against the local API Gateway."""

from __future__ import annotations

import base64
import http.client
import json
import socket
import time
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from jose import jwt

from shared.config import get_settings
from tests.conftest import LocalApi
from tests.support.accounts import PASSWORD, unique_email
from tests.support.reliability import tried


class Client:
    def __init__(self, api: LocalApi, token: str | None = None) -> None:
        self.http = httpx.Client(base_url=api.url, headers={"x-api-key": api.api_key})
        self.token = token

    def call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = kwargs.pop("headers", {})
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        headers["X-Local-Source-Ip"] = f"192.0.2.{uuid.uuid4().int % 250 + 1}"
        return self.http.request(method, path, headers=headers, **kwargs)


def _signed_up(api: LocalApi) -> Client:
    response = Client(api).call(
        "POST",
        "/api/auth/sign-up/email",
        json={"email": unique_email("http"), "password": PASSWORD, "name": "HTTP"},
    )
    assert response.status_code == 200
    return Client(api, response.headers["set-auth-token"])


@pytest.fixture(scope="module")
def alice(local_api: LocalApi) -> Client:
    return _signed_up(local_api)


@pytest.fixture(scope="module")
def mallory(local_api: LocalApi) -> Client:
    return _signed_up(local_api)


@pytest.fixture(scope="module")
def alice_task(alice: Client) -> dict[str, Any]:
    created = alice.call("POST", "/api/tasks", json={"title": "Alice's secret", "description": "x"})
    assert created.status_code == 201
    return dict(created.json())


def test_the_api_key_is_required(local_api: LocalApi) -> None:
    origin = {"Origin": "http://localhost:3000"}
    for headers in (origin, origin | {"x-api-key": "guess"}):
        response = httpx.get(f"{local_api.url}/api/tasks", headers=headers)
        assert response.status_code == 403
        assert response.json()["code"] == "FORBIDDEN"
        assert response.json()["message"]


def test_an_unknown_route_is_a_404_in_the_one_error_format(local_api: LocalApi) -> None:
    response = httpx.get(f"{local_api.url}/api/nope", headers={"x-api-key": local_api.api_key})
    assert response.status_code == 404
    assert response.json() == {"code": "NOT_FOUND", "message": "No such route."}


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def _forgeries(token: str) -> dict[str, str]:
    claims = jwt.get_unverified_claims(token)
    key = get_settings().jwt_secret.get_secret_value()
    head, payload, signature = token.split(".")
    now = int(time.time())
    return {
        "expired": jwt.encode(claims | {"iat": now - 7200, "exp": now - 60}, key, "HS256"),
        "tampered": f"{head}.{_b64(claims | {'sub': str(uuid.uuid4())})}.{signature}",
        "alg none": f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{payload}.",
        "wrong key": jwt.encode(claims, "not-the-key-" + "y" * 40, "HS256"),
        "wrong issuer": jwt.encode(claims | {"iss": "evil"}, key, "HS256"),
        "wrong audience": jwt.encode(claims | {"aud": "evil"}, key, "HS256"),
        "garbage": "abc.def.ghi",
    }


@pytest.mark.parametrize(
    "kind",
    ["expired", "tampered", "alg none", "wrong key", "wrong issuer", "wrong audience", "garbage"],
)
def test_forged_tokens_are_refused_over_http(local_api: LocalApi, alice: Client, kind: str) -> None:
    assert alice.token is not None
    forged = Client(local_api, _forgeries(alice.token)[kind])
    tasks = forged.call("GET", "/api/tasks")
    assert tasks.status_code == 401
    assert tasks.json()["code"] == "UNAUTHORIZED"
    assert tasks.headers["www-authenticate"] == "Bearer"
    assert forged.call("GET", "/api/auth/get-session").json() is None


def test_a_signed_out_token_is_refused_over_http(local_api: LocalApi) -> None:
    bob = _signed_up(local_api)
    assert bob.call("POST", "/api/auth/sign-out").json() == {"success": True}
    assert bob.call("GET", "/api/tasks").status_code == 401


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("GET", "", None),
        ("PUT", "", {"title": "pwned"}),
        ("PATCH", "/complete", None),
        ("DELETE", "", None),
    ],
)
def test_another_users_task_is_indistinguishable_from_a_missing_one(
    alice: Client,
    mallory: Client,
    alice_task: dict[str, Any],
    method: str,
    suffix: str,
    body: dict[str, str] | None,
) -> None:
    theirs = mallory.call(method, f"/api/tasks/{alice_task['id']}{suffix}", json=body)
    missing = mallory.call(method, f"/api/tasks/{uuid.uuid4()}{suffix}", json=body)
    assert theirs.status_code == missing.status_code == 404
    assert theirs.json() == missing.json() == {"code": "NOT_FOUND", "message": "Task not found."}
    unchanged = alice.call("GET", f"/api/tasks/{alice_task['id']}")
    assert unchanged.status_code == 200
    assert unchanged.json() == alice_task


def test_listing_never_shows_another_users_tasks(
    mallory: Client, alice_task: dict[str, Any]
) -> None:
    for status in ("all", "pending", "completed"):
        page = mallory.call("GET", "/api/tasks", params={"status": status, "limit": 100})
        assert page.status_code == 200
        assert alice_task["id"] not in {item["id"] for item in page.json()["items"]}


def test_a_client_cannot_choose_its_own_rate_limit_budget(local_api: LocalApi) -> None:
    http = httpx.Client(base_url=local_api.url, headers={"x-api-key": local_api.api_key})
    ip = f"203.0.113.{uuid.uuid4().int % 250 + 1}"
    statuses = [
        http.post(
            "/api/auth/sign-in/email",
            json={"email": unique_email(), "password": "wrong password"},
            headers={"X-Local-Source-Ip": ip, "X-Forwarded-For": f"10.1.1.{i}"},
        ).status_code
        for i in range(6)
    ]
    assert statuses == [401] * 5 + [429]


# Requests the local gateway must answer as the deployed one does: in the one JSON format, never
# with the HTTP server's HTML page, a 502 or silence. Malformed ones go over raw sockets.

NOT_UTF8 = b'{"title": "caf\xe9"}'


def _port(api: LocalApi) -> int:
    port = urlsplit(api.url).port
    assert port is not None
    return port


@dataclass(frozen=True)
class RawAnswer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    # Whether the gateway closed the connection after it: anything unread in it (a body it
    # refused) must never be taken for another request.
    closed: bool


def _raw_request(
    api: LocalApi,
    request: bytes,
    *,
    method: str = "GET",
    half_close: bool = False,
    kept_open: bool = False,
) -> RawAnswer:
    with socket.create_connection(("127.0.0.1", _port(api)), timeout=60) as connection:
        connection.sendall(request)
        if half_close:
            connection.shutdown(socket.SHUT_WR)
        response = http.client.HTTPResponse(connection, method=method)
        response.begin()
        body = response.read()
        closed = not kept_open and _ended(connection)
        return RawAnswer(response.status, response.headers, body, closed)


def _ended(connection: socket.socket) -> bool:
    """Whether the gateway closed the connection (a connection kept open would only time out,
    so this is asked only where it must be closed). A reset is a close too: what the client
    sent past the refusal may still have been unread when the gateway closed."""
    try:
        return connection.recv(1) == b""
    except ConnectionResetError:
        return True


def _assert_gateway_json(answer: RawAnswer, status: int, code: str, *, head: bool = False) -> None:
    assert answer.status == status, (answer.status, answer.body)
    assert answer.headers["Content-Type"] == "application/json"
    if head:
        # Read in full (its Content-Length was valid), so the connection may stay open.
        assert answer.body == b""
        return
    assert answer.closed
    parsed = json.loads(answer.body)
    assert set(parsed) == {"code", "message"}, parsed
    assert parsed["code"] == code, parsed
    assert parsed["message"]


def test_a_body_that_is_not_utf8_reaches_the_function_base64_encoded(alice: Client) -> None:
    response = alice.call(
        "POST", "/api/tasks", content=NOT_UTF8, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400, response.text
    assert response.json()["code"] == "INVALID_JSON"
    tried("body not UTF-8 through the local gateway", 1, "400 INVALID_JSON, as deployed")


@pytest.mark.parametrize("method", ["HEAD", "TRACE", "CONNECT", "FOO", "get"])
def test_a_method_no_route_has_is_the_unknown_route_answer(
    local_api: LocalApi, web_port: int, method: str
) -> None:
    origin = f"http://127.0.0.1:{web_port}"
    request = (
        f"{method} /api/tasks HTTP/1.1\r\nHost: x\r\nx-api-key: {local_api.api_key}\r\n"
        f"Origin: {origin}\r\nContent-Length: 25\r\n\r\nGET /api/tasks HTTP/1.1\r\n"
    ).encode()
    head = method == "HEAD"
    answer = _raw_request(local_api, request, method=method.upper(), kept_open=head)
    _assert_gateway_json(answer, 404, "NOT_FOUND", head=head)
    assert answer.headers["Access-Control-Allow-Origin"] == origin
    tried(f"{method.upper()} request through the local gateway", 1, "404 NOT_FOUND, JSON")


@pytest.mark.parametrize(
    ("case", "headers"),
    [
        ("a 70 KB header", "X-Big: " + "b" * 70_000 + "\r\n"),
        ("120 headers", "".join(f"X-H{index}: v\r\n" for index in range(120))),
    ],
)
def test_oversized_headers_are_431_in_the_one_format(
    local_api: LocalApi, case: str, headers: str
) -> None:
    request = f"GET /api/tasks HTTP/1.1\r\nHost: x\r\n{headers}\r\n".encode()
    _assert_gateway_json(_raw_request(local_api, request), 431, "HTTP_ERROR")
    tried(f"{case} through the local gateway", 1, "431 HTTP_ERROR, JSON")


@pytest.mark.parametrize(
    ("case", "length_headers", "status", "code"),
    [
        ("not a number", "Content-Length: abc\r\n", 400, "HTTP_ERROR"),
        ("negative", "Content-Length: -1\r\n", 400, "HTTP_ERROR"),
        ("signed", "Content-Length: +2\r\n", 400, "HTTP_ERROR"),
        ("a list", "Content-Length: 2, 2\r\n", 400, "HTTP_ERROR"),
        ("two that differ", "Content-Length: 2\r\nContent-Length: 3\r\n", 400, "HTTP_ERROR"),
        ("longer than the body", "Content-Length: 500\r\n", 400, "HTTP_ERROR"),
        ("over 10 MB", "Content-Length: 99999999999\r\n", 413, "REQUEST_TOO_LARGE"),
    ],
)
def test_a_bad_content_length_is_answered_in_the_one_format(
    local_api: LocalApi, case: str, length_headers: str, status: int, code: str
) -> None:
    request = (
        f"POST /api/tasks HTTP/1.1\r\nHost: x\r\nx-api-key: {local_api.api_key}\r\n"
        f"Content-Type: application/json\r\n{length_headers}\r\n{{}}"
    ).encode()
    _assert_gateway_json(_raw_request(local_api, request, half_close=True), status, code)
    tried(f"Content-Length {case} through the local gateway", 1, f"{status} {code}, JSON")


@pytest.mark.parametrize(
    ("case", "request_line", "status"),
    [
        ("no version", b"GARBAGE\r\n", 400),
        ("too many words", b"GET /api/tasks HTTP/1.1 extra\r\n", 400),
        ("a bad version", b"GET /api/tasks HTTP/x.y\r\n", 400),
        ("HTTP/2 in plain text", b"GET /api/tasks HTTP/2.0\r\n", 505),
        ("a 70 KB URL", b"GET /api/tasks?q=" + b"q" * 70_000 + b" HTTP/1.1\r\n", 414),
    ],
)
def test_a_malformed_request_line_is_answered_in_the_one_format(
    local_api: LocalApi, case: str, request_line: bytes, status: int
) -> None:
    answer = _raw_request(local_api, request_line + b"Host: x\r\n\r\n")
    _assert_gateway_json(answer, status, "HTTP_ERROR")
    tried(f"request line with {case} through the local gateway", 1, f"{status} HTTP_ERROR, JSON")
