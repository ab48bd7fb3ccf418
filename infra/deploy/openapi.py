"""One OpenAPI document for the whole API, merged from every function's own FastAPI app.

`python -m infra.deploy.openapi` writes `docs/openapi.json`; the local API serves it at
`/api/openapi.json` with a readable page at `/api/docs`.
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import Any

from infra import ROOT
from infra.deploy.serverless_yml import load_routes
from infra.local.runtime import load_app

OPENAPI_FILE = ROOT / "docs" / "openapi.json"

_ERROR_BODY = {
    "type": "object",
    "required": ["code", "message"],
    "properties": {
        "code": {"type": "string", "pattern": "^[A-Z][A-Z0-9_]+$"},
        "message": {"type": "string"},
    },
}

# What each kind of route can answer besides success: the one error format throughout.
_COMMON_ERRORS = {
    "403": "Missing or wrong API key (answered by API Gateway)",
    "413": "Request body too large",
    "500": "Unexpected error",
    "503": "Database unavailable",
}
_INPUT_ERRORS = {"400": "Invalid input"}
_AUTH_ERRORS = {"401": "Missing, invalid, expired or revoked token"}
_TASK_ERRORS = {"404": "No such task for this user"}
_LIMITED_ERRORS = {"429": "Too many attempts from this address"}


def _error_responses(function: str, has_input: bool) -> dict[str, str]:
    errors = dict(_COMMON_ERRORS)
    if has_input:
        errors |= _INPUT_ERRORS
    if function.startswith("tasks-"):
        errors |= _AUTH_ERRORS
    if function in {"tasks-get", "tasks-update", "tasks-delete", "tasks-toggle"}:
        errors |= _TASK_ERRORS
    if function in {"auth-sign-in", "auth-sign-up"}:
        errors |= _LIMITED_ERRORS | {"401": "Invalid email or password", "422": "Email taken"}
    if function == "auth-sign-up":
        del errors["401"]
    if function == "auth-sign-in":
        del errors["422"]
    return errors


def build_openapi() -> dict[str, Any]:
    document: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {
            "title": "lambda-tasks API",
            "version": "1.0.0",
            "description": "Every endpoint is its own Lambda function behind API Gateway. "
            "Errors are always {code, message}.",
        },
        "paths": {},
        "components": {
            "schemas": {"ErrorBody": _ERROR_BODY},
            "securitySchemes": {
                "ApiKey": {"type": "apiKey", "in": "header", "name": "x-api-key"},
                "Bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
            },
        },
    }
    for route in load_routes():
        spec = load_app(route.function).openapi()
        for path, operations in spec.get("paths", {}).items():
            for method, operation in operations.items():
                operation["operationId"] = route.function
                responses = operation["responses"]
                responses.pop("422", None)
                has_input = "requestBody" in operation or bool(operation.get("parameters"))
                for status, description in _error_responses(route.function, has_input).items():
                    responses[status] = {
                        "description": description,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/ErrorBody"}
                            }
                        },
                    }
                bearer = route.function.startswith("tasks-") or route.function in {
                    "auth-sign-out",
                    "auth-get-session",
                }
                operation["security"] = (
                    [{"ApiKey": [], "Bearer": []}] if bearer else [{"ApiKey": []}]
                )
                document["paths"].setdefault(path, {})[method] = operation
        for name, schema in spec.get("components", {}).get("schemas", {}).items():
            if name not in {"HTTPValidationError", "ValidationError"}:
                document["components"]["schemas"][name] = schema
    return document


def docs_page(document: dict[str, Any]) -> str:
    """A self-contained reference page (no CDN: the local run works offline)."""
    rows = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            statuses = ", ".join(sorted(operation["responses"]))
            rows.append(
                f"<tr><td><code>{method.upper()}</code></td><td><code>{html.escape(path)}</code>"
                f"</td><td>{html.escape(operation['operationId'])}</td>"
                f"<td>{html.escape(operation.get('summary', ''))}</td><td>{statuses}</td></tr>"
            )
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>lambda-tasks API</title>"
        "<style>body{font:15px system-ui;margin:2rem}td,th{padding:.3rem .8rem;"
        "border-bottom:1px solid #ddd;text-align:left}</style></head><body>"
        "<h1>lambda-tasks API</h1><p>Machine-readable: <a href='/api/openapi.json'>"
        "openapi.json</a>. Every request needs <code>x-api-key</code>; task routes need "
        "<code>Authorization: Bearer &lt;token&gt;</code>.</p><table><tr><th>method</th>"
        "<th>path</th><th>function</th><th>summary</th><th>statuses</th></tr>"
        + "".join(rows)
        + "</table></body></html>"
    )


def write_openapi(path: Path = OPENAPI_FILE) -> None:
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(build_openapi(), indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    # The document depends on no secret; the handlers only need these to import.
    os.environ.setdefault("DATABASE_URL", "postgresql://openapi@127.0.0.1/unused")
    os.environ.setdefault("JWT_SECRET", "openapi-generation-needs-no-real-secret")
    write_openapi()
    print(f"wrote {OPENAPI_FILE.relative_to(ROOT)}")
