"""Many users create tasks at once through PgBouncer; afterwards every acknowledged create is
present exactly once and nothing else appeared."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from sqlalchemy import text

from shared.db import get_engine
from tests.support.accounts import sign_up
from tests.support.lambda_client import invoke

USERS = 6
CREATES_PER_USER = 40


def _create_many(token: str, prefix: str) -> list[tuple[str, int, str | None]]:
    results = []
    for i in range(CREATES_PER_USER):
        response = invoke("tasks-create", token=token, json={"title": f"{prefix}-{i}"})
        task_id = response.body.get("id") if response.status == 201 else None
        results.append((f"{prefix}-{i}", response.status, task_id))
    return results


def test_every_acknowledged_create_is_present_exactly_once(via: str) -> None:
    accounts = [sign_up() for _ in range(USERS)]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(USERS, mp_context=context) as pool:
        outcomes = list(
            pool.map(_create_many, [a.token for a in accounts], [a.user_id for a in accounts])
        )
    with get_engine().connect() as db:
        for account, results in zip(accounts, outcomes, strict=True):
            assert {status for _title, status, _id in results} == {201}
            rows = db.execute(
                text("SELECT id::text, title FROM tasks WHERE user_id = :owner"),
                {"owner": account.user_id},
            ).all()
            stored = {title: row_id for row_id, title in rows}
            assert len(rows) == len(stored) == CREATES_PER_USER
            assert stored == {title: task_id for title, _status, task_id in results}
