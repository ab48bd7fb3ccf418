"""The two kinds of `DbSession` share one pooled connection and never leak into each other.

Task routes run in autocommit (their one statement is the transaction); sign-up and sign-in
need a real transaction. A connection handed back by the first must not reach the second still
in autocommit, or a half-done sign-up could be left behind. Runs direct and through PgBouncer.
"""

from __future__ import annotations

import threading
import time
import uuid

import pytest
from sqlalchemy import text

from shared.db import DbSession, get_engine
from shared.deadline import request_deadline
from shared.errors import ServiceUnavailable

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


def test_a_request_queueing_for_the_connection_never_cuts_the_holders_socket() -> None:
    """Several functions in one process (the local API) share the pool's one connection: a
    request whose deadline passes while it waits gets 503 and leaves the holder's statement be."""
    engine = get_engine()
    holder_result: list[object] = []

    def holder() -> None:
        with request_deadline(remaining_ms=30_000, cap_seconds=4.0, margin_seconds=1.0):
            db = DbSession(engine)
            try:
                row = db.execute(text("SELECT pg_sleep(1.0), 42 AS answer")).one()
                holder_result.append(row.answer)
            finally:
                db.close()

    thread = threading.Thread(target=holder)
    thread.start()
    time.sleep(0.3)  # the holder is inside its statement
    with request_deadline(remaining_ms=30_000, cap_seconds=0.3, margin_seconds=1.0):
        waiting = DbSession(engine)
        began = time.monotonic()
        with pytest.raises(ServiceUnavailable):
            waiting.execute(text("SELECT 1"))
        assert time.monotonic() - began < 0.9
    thread.join()
    assert holder_result == [42]
