"""Alembic environment: migrations run against the same DATABASE_URL the functions use.

`target_metadata` is the models' metadata, so `alembic check` (and the drift test) compare the
migrated schema with `shared.models`, server defaults included.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from shared.config import get_settings
from shared.models import metadata

url = context.config.get_main_option("sqlalchemy.url") or get_settings().sqlalchemy_url
# prepare_threshold=None: migrations may go through a transaction-mode pooler too.
engine = create_engine(url, connect_args={"prepare_threshold": None})
with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        compare_type=True,
        compare_server_default=True,
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()
