"""The local API runs each function as Lambda does: a process of its own, started on its first
request, kept warm, serving one request at a time with its own engine and connection. So one
function waiting on the database never holds up another."""

from __future__ import annotations

import os
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from infra.deploy.serverless_yml import route_for
from infra.local.apigw_event import build_event
from infra.local.instances import FunctionInstance
from tests.conftest import LocalApi
from tests.support.accounts import PASSWORD, unique_email
from tests.support.locks import other_transaction, wait_until_blocked


def _event(function: str) -> dict[str, Any]:
    route = route_for(function)
    return build_event(route.method, route.resource, resource=route.resource)


def test_each_function_runs_in_a_warm_process_of_its_own() -> None:
    instances = [FunctionInstance("auth-get-session"), FunctionInstance("tasks-list")]
    try:
        # No token: both answer without the database (a signed-out null, a 401).
        answers = [instance.invoke(_event(instance.function)) for instance in instances]
        assert [int(answer["statusCode"]) for answer in answers] == [200, 401]
        first_pids = [instance.pid for instance in instances]
        assert len({*first_pids, os.getpid()}) == 3, "one process per function, not this one"

        for instance in instances:  # warm: the same process serves the next request
            instance.invoke(_event(instance.function))
        assert [instance.pid for instance in instances] == first_pids

        instances[0].stop()  # an instance that went away is replaced at the next request
        assert int(instances[0].invoke(_event("auth-get-session"))["statusCode"]) == 200
        assert instances[0].pid not in first_pids
    finally:
        for instance in instances:
            instance.stop()


class _Client:
    def __init__(self, api: LocalApi, token: str | None = None) -> None:
        self.http = httpx.Client(base_url=api.url, headers={"x-api-key": api.api_key}, timeout=60)
        self.token = token

    def call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = {"X-Local-Source-Ip": f"192.0.2.{uuid.uuid4().int % 250 + 1}"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return self.http.request(method, path, headers=headers, **kwargs)


def test_one_function_waiting_on_the_database_never_holds_up_another(
    local_api: LocalApi, direct_database_url: str
) -> None:
    signed_up = _Client(local_api).call(
        "POST",
        "/api/auth/sign-up/email",
        json={"email": unique_email("gateway"), "password": PASSWORD, "name": "Gateway"},
    )
    assert signed_up.status_code == 200, signed_up.text
    client = _Client(local_api, signed_up.headers["set-auth-token"])
    task = client.call("POST", "/api/tasks", json={"title": "held"}).json()
    assert client.call("GET", "/api/auth/get-session").status_code == 200  # warm both

    with ThreadPoolExecutor(max_workers=1) as thread, other_transaction(direct_database_url) as db:
        db.execute("SELECT 1 FROM tasks WHERE id = %s FOR UPDATE", (task["id"],))
        update = thread.submit(
            client.call, "PUT", f"/api/tasks/{task['id']}", json={"title": "updated"}
        )
        wait_until_blocked(direct_database_url, waiting=1)  # tasks-update holds its connection
        began = time.monotonic()
        session = client.call("GET", "/api/auth/get-session")
        answered_in = time.monotonic() - began
        assert update.running(), "tasks-update was still waiting for the row"
        db.rollback()
        updated = update.result()

    assert session.status_code == 200, session.text
    assert session.json()["user"]["id"] == signed_up.json()["user"]["id"]
    assert answered_in < 1.0, answered_in
    assert updated.status_code == 200, updated.text
    assert updated.json()["title"] == "updated"
