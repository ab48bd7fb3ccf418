"""One representative call per function, ready to repeat: what the benchmarks invoke."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable
from typing import Any

from tests.benchmarks.fixtures import BENCH_PASSWORD, make_tasks, make_token, make_user

# A callable that returns the invoke() keyword arguments for the next call.
CallFactory = Callable[[], dict[str, Any]]


def scenarios(calls: int) -> dict[str, CallFactory]:
    """Per function, a factory of realistic calls; enough fresh rows for `calls` repetitions."""
    reader, reader_token = make_user(tasks=50)
    writer, writer_token = make_user(tasks=0)
    toggled = make_tasks(writer, 1)[0]
    doomed = iter(make_tasks(writer, calls + 10))
    tokens_to_revoke = iter([make_token(writer) for _ in range(calls + 10)])
    numbers = itertools.count()

    return {
        "auth-sign-up": lambda: {
            "json": {
                "email": f"bench-{uuid.uuid4().hex}@example.com",
                "password": BENCH_PASSWORD,
                "name": "Bench",
            }
        },
        "auth-sign-in": lambda: {"json": {"email": reader.email, "password": BENCH_PASSWORD}},
        "auth-sign-out": lambda: {"token": next(tokens_to_revoke)},
        "auth-get-session": lambda: {"token": reader_token},
        "tasks-list": lambda: {"token": reader_token, "query": {"limit": "50"}},
        "tasks-create": lambda: {"token": writer_token, "json": {"title": f"new {next(numbers)}"}},
        "tasks-get": lambda: {"token": writer_token, "task_id": toggled},
        "tasks-update": lambda: {
            "token": writer_token,
            "task_id": toggled,
            "json": {"title": f"renamed {next(numbers)}"},
        },
        "tasks-delete": lambda: {"token": writer_token, "task_id": next(doomed)},
        "tasks-toggle": lambda: {"token": writer_token, "task_id": toggled},
    }


EXPECTED_STATUS = {
    "auth-sign-up": 200,
    "auth-sign-in": 200,
    "auth-sign-out": 200,
    "auth-get-session": 200,
    "tasks-list": 200,
    "tasks-create": 201,
    "tasks-get": 200,
    "tasks-update": 200,
    "tasks-delete": 204,
    "tasks-toggle": 200,
}
