"""Alembic, driven from Python (no alembic.ini to keep in step):

- `python -m infra.db.migrate [URL]` applies every migration to URL (default DATABASE_URL).
  Deploys run it against the Neon URL (see docs/deploy.md); the local run and the tests run
  it against their own database.
- `python -m infra.db.migrate revision "what changed"` writes a new migration from the
  difference between `shared.models` and DATABASE_URL's (migrated) schema, for review.
"""

from __future__ import annotations

import sys
from pathlib import Path

from alembic import command
from alembic.config import Config

from shared.config import psycopg_url

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(database_url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if database_url:
        # configparser treats % as interpolation: escape it (URL-encoded passwords have it).
        config.set_main_option("sqlalchemy.url", psycopg_url(database_url).replace("%", "%%"))
    return config


def upgrade(database_url: str | None = None) -> None:
    command.upgrade(alembic_config(database_url), "head")


def autogenerate(message: str, database_url: str | None = None) -> None:
    command.revision(alembic_config(database_url), message=message, autogenerate=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["revision"] and len(sys.argv) == 3:
        autogenerate(sys.argv[2])
    else:
        upgrade(sys.argv[1] if len(sys.argv) > 1 else None)
