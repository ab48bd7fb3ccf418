"""Tooling around the functions, by concern: `local/` (the local run), `deploy/` (layer,
serverless.yml, usage plan, OpenAPI) and `db/` (migrations)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
