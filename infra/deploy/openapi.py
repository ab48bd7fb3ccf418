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
            "schemas": {},
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
                # FastAPI's own 422 (its validation format) is never answered: ours are 400.
                validation = operation["responses"].get("422", {})
                if "HTTPValidationError" in json.dumps(validation):
                    del operation["responses"]["422"]
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
