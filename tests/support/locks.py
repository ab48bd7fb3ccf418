"""Another client's transaction, held open while a function runs into it: races made to happen
in one order every time, instead of hoping two requests meet."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg.rows import TupleRow

# Only bounds how long a broken test waits: a passing one never comes near it.
_GIVE_UP_SECONDS = 60.0

_WAITING = """
SELECT count(*) FROM pg_stat_activity
WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0
"""


@contextmanager
def other_transaction(database_url: str) -> Iterator[psycopg.Connection[TupleRow]]:
    """A transaction on its own connection (not the functions' engine); rolled back unless the
    block commits it."""
    with psycopg.connect(database_url) as connection:
        try:
            yield connection
        finally:
            connection.rollback()


def wait_until_blocked(database_url: str, *, waiting: int) -> None:
    """Returns once `waiting` backends of this database are waiting for a lock: the calls under
    test have reached the statement that has to wait for the held transaction."""
    give_up = time.monotonic() + _GIVE_UP_SECONDS
    with psycopg.connect(database_url, autocommit=True) as probe:
        while True:
            row = probe.execute(_WAITING).fetchone()
            if row is not None and int(row[0]) >= waiting:
                return
            assert time.monotonic() < give_up, f"fewer than {waiting} calls ever waited"
            time.sleep(0.01)
