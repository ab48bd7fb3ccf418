"""The published OpenAPI document is the one the functions' apps generate, and is complete."""

from __future__ import annotations

import json
from typing import Any

from infra.deploy.openapi import OPENAPI_FILE, build_openapi
from infra.deploy.serverless_yml import load_routes


def test_the_committed_document_is_up_to_date() -> None:
    committed = json.loads(OPENAPI_FILE.read_text())
    assert committed == json.loads(json.dumps(build_openapi())), (
        "docs/openapi.json is stale: run `python -m infra.deploy.openapi`"
    )


def test_every_route_is_documented_with_the_one_error_format() -> None:
    document = build_openapi()
    for route in load_routes():
        operation = document["paths"][route.resource][route.method.lower()]
        assert operation["operationId"] == route.function
        # FastAPI's default 422 (validation) is never answered; sign-up's 422 is "email taken".
        assert ("422" in operation["responses"]) == (route.function == "auth-sign-up")
        for status, response in operation["responses"].items():
            if int(status) >= 400:
                schema = response["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorBody"}


def _statuses(document: dict[str, Any], function: str) -> set[str]:
    route = next(route for route in load_routes() if route.function == function)
    return set(document["paths"][route.resource][route.method.lower()]["responses"])


def test_errors_are_declared_where_they_arise() -> None:
    """The task-owner and task-id dependencies bring 401 and 404, the limiter 429, a body 400."""
    document = build_openapi()
    assert {"401", "404"} <= _statuses(document, "tasks-get")
    assert "404" not in _statuses(document, "tasks-create")  # no id, no "no such task"
    assert {"400", "401"} <= _statuses(document, "tasks-create")
    assert {"429", "400", "401"} <= _statuses(document, "auth-sign-in")
    assert "429" not in _statuses(document, "auth-get-session")
    assert {"403", "413", "500", "503"} <= _statuses(document, "auth-sign-out")
    assert document["paths"]["/api/tasks"]["get"]["security"] == [{"ApiKey": [], "Bearer": []}]
    assert document["paths"]["/api/auth/sign-up/email"]["post"]["security"] == [{"ApiKey": []}]
