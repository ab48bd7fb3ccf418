"""Token attacks and cross-user (BOLA) attempts over HTTP against the local API Gateway."""

from __future__ import annotations

import base64
import json
import time
import uuid
from typing import Any

import httpx
import pytest
from jose import jwt

from shared.config import get_settings
from tests.conftest import LocalApi
from tests.support.accounts import PASSWORD, unique_email


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
