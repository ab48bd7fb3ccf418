"""The published OpenAPI document is the one the functions' apps generate, and is complete."""

from __future__ import annotations

import json

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
