"""The two kinds of `DbSession` share one pooled connection and never leak into each other.

Task routes run in autocommit (their one statement is the transaction); sign-up and sign-in
need a real transaction. A connection handed back by the first must not reach the second still
in autocommit, or a half-done sign-up could be left behind. Runs direct and through PgBouncer.
"""

from __future__ import annotations

import uuid

from sqlalchemy import text

from shared.db import DbSession, get_engine

_INSERT = text("INSERT INTO db_session_probe (id) VALUES (:id)")


def _exists(probe_id: uuid.UUID) -> bool:
    with get_engine().connect() as connection:
        found = connection.execute(
            text("SELECT count(*) FROM db_session_probe WHERE id = :id"), {"id": probe_id}
        ).scalar_one()
    return bool(found)


def _probe_table() -> None:
    with get_engine().begin() as connection:
        connection.execute(
            text("CREATE TABLE IF NOT EXISTS db_session_probe (id uuid PRIMARY KEY)")
        )


def test_autocommit_keeps_each_statement_and_a_transaction_keeps_nothing_uncommitted(
    via: str,
) -> None:
    _probe_table()
    kept, dropped = uuid.uuid4(), uuid.uuid4()

    autocommit = DbSession(get_engine(), autocommit=True)
    autocommit.execute(_INSERT, {"id": kept})
    autocommit.close()  # no commit: PostgreSQL committed the statement as it completed

    transaction = DbSession(get_engine())  # the same pooled connection, handed back
    transaction.execute(_INSERT, {"id": dropped})
    transaction.close()  # no commit: rolled back

    assert _exists(kept)
    assert not _exists(dropped)
