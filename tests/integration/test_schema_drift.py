"""The models are the one definition of the schema: a freshly migrated database must match them.

Alembic's autogenerate comparison (`compare_metadata`, what `alembic check` runs) is made between
`shared.models`' metadata and a database of its own that `infra.db.migrate` built from nothing
(the shared test database holds other tests' probe tables).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from infra.db.migrate import upgrade
from infra.local.postgres import ServerAddress
from shared.config import psycopg_url
from shared.models import metadata
from tests.support.servers import drop_database, recreate_database

OPTIONS = {"compare_type": True, "compare_server_default": True}


def drift(database_url: str, target: sa.MetaData) -> list[Any]:
    engine = sa.create_engine(psycopg_url(database_url))
    try:
        with engine.connect() as connection:
            return list(
                compare_metadata(MigrationContext.configure(connection, opts=OPTIONS), target)
            )
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def migrated_url(postgres_server: ServerAddress, worker_id: str) -> Iterator[str]:
    name = f"lambda_tasks_drift_{worker_id}_{os.getpid()}"
    url = recreate_database(postgres_server, name)
    upgrade(url)
    yield url
    drop_database(postgres_server, name)


def test_migrations_and_models_agree(migrated_url: str) -> None:
    assert drift(migrated_url, metadata) == []


def _altered(change: str) -> sa.MetaData:
    """A copy of the models' metadata with one deliberate difference from the migrations."""
    copy = sa.MetaData()
    for table in metadata.sorted_tables:
        table.to_metadata(copy)
    tasks, users = copy.tables["tasks"], copy.tables["users"]
    if change == "length":
        tasks.c.title.type = sa.String(150)
    elif change == "server default":
        tasks.c.description.server_default = None
    elif change == "index":
        sa.Index("ix_users_name", users.c.name)
    elif change == "column":
        tasks.append_column(sa.Column("priority", sa.Integer, nullable=True))
    return copy


def test_the_drift_check_sees_every_kind_of_difference(migrated_url: str) -> None:
    for change in ("length", "server default", "index", "column"):
        assert drift(migrated_url, _altered(change)) != [], change
