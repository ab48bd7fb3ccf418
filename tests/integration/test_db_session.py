"""One kind of `DbSession`: autocommit, with `transaction()` blocks, one per request.

Each statement on its own is committed as it completes; a block's statements are committed
together or not at all, and after the block the session is back in autocommit. Nothing leaks
to the next user of the pooled connection. Every dependency of a request gets the request's one
session, so a request never waits for a connection it holds itself, and bcrypt never runs with
a transaction open. Runs direct and through PgBouncer where the pooler matters.
"""

from __future__ import annotations

import ast
import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any, get_args, get_type_hints

import bcrypt
import psycopg
import pytest
from fastapi import Depends, FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from sqlalchemy import event, text
from sqlalchemy.exc import IntegrityError

from infra import ROOT
from infra.deploy.serverless_yml import load_routes
from infra.local.runtime import load_app
from shared.api.deps import get_db_session
from shared.db import DbSession, get_engine
from tests.support.accounts import sign_in, sign_up, unique_email
from tests.support.lambda_client import LambdaResponse, invoke
from tests.support.mail import request_reset_token

_INSERT = text("INSERT INTO db_session_probe (id) VALUES (:id)")


def _exists(probe_id: uuid.UUID) -> bool:
    """Seen from another connection (not the engine's: its one connection may be checked out)."""
    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as other:
        row = other.execute(
            "SELECT count(*) FROM db_session_probe WHERE id = %s", (probe_id,)
        ).fetchone()
    return row is not None and row[0] == 1


@pytest.fixture(autouse=True)
def _probe_table() -> None:
    with get_engine().begin() as connection:
        connection.execute(
            text("CREATE TABLE IF NOT EXISTS db_session_probe (id uuid PRIMARY KEY)")
        )


class _Refused(Exception):
    """A refusal decided halfway through a block."""


def _refused_halfway(db: DbSession, probe_id: uuid.UUID) -> None:
    with db.transaction():
        db.execute(_INSERT, {"id": probe_id})
        assert not _exists(probe_id), "inside the block nothing is visible to others yet"
        raise _Refused


def _fails_on_its_second_statement(db: DbSession, first: uuid.UUID, new: uuid.UUID) -> None:
    with db.transaction():
        db.execute(_INSERT, {"id": new})
        db.execute(_INSERT, {"id": first})  # the primary key refuses it: the block fails


def test_statements_autocommit_and_a_block_commits_all_or_nothing(via: str) -> None:
    alone, abandoned, together, after = (uuid.uuid4() for _ in range(4))
    db = DbSession(get_engine())
    db.execute(_INSERT, {"id": alone})  # no commit: PostgreSQL committed it as it completed
    assert _exists(alone)

    with pytest.raises(_Refused):
        _refused_halfway(db, abandoned)
    assert not _exists(abandoned)

    with db.transaction():
        db.execute(_INSERT, {"id": together})
        assert not _exists(together)
    assert _exists(together)

    db.execute(_INSERT, {"id": after})  # autocommit again once the block has ended
    assert _exists(after)
    db.close()

    # The pool hands the connection back in its default mode: no autocommit leaks to the engine's
    # other users, whose uncommitted statements are rolled back as ever.
    leaked = uuid.uuid4()
    with get_engine().connect() as plain:
        plain.execute(_INSERT, {"id": leaked})
    assert not _exists(leaked)


def test_a_failed_statement_rolls_its_block_back_and_the_session_goes_on(via: str) -> None:
    first, duplicate_of_first, next_one = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    db = DbSession(get_engine())
    try:
        db.execute(_INSERT, {"id": first})
        with pytest.raises(IntegrityError):
            _fails_on_its_second_statement(db, first, duplicate_of_first)
        db.execute(_INSERT, {"id": next_one})
    finally:
        db.close()
    assert (_exists(first), _exists(duplicate_of_first), _exists(next_one)) == (True, False, True)


def test_transaction_blocks_do_not_nest() -> None:
    db = DbSession(get_engine())
    try:
        with db.transaction():
            assert db.in_transaction
            with pytest.raises(RuntimeError, match="do not nest"), db.transaction():
                pass
        assert not db.in_transaction
    finally:
        db.close()


# A request never waits on itself: there is one session dependency, FastAPI hands the same
# instance to every dependency of a request that names it, and nothing else makes a session.


def _dependants(dependant: Dependant) -> Iterator[Dependant]:
    for dependency in dependant.dependencies:
        yield dependency
        yield from _dependants(dependency)


def _makes_a_session(call: Callable[..., Any] | None) -> bool:
    if call is None:
        return False
    try:
        returned = get_type_hints(call).get("return")
    except (NameError, TypeError):
        return False
    return returned is DbSession or DbSession in get_args(returned)


def _session_makers(route: APIRoute) -> set[tuple[Callable[..., Any] | None, bool]]:
    return {
        (dependant.call, dependant.use_cache)
        for dependant in _dependants(route.dependant)
        if _makes_a_session(dependant.call)
    }


def _route(function: str) -> APIRoute:
    [route] = [r for r in load_app(function).routes if isinstance(r, APIRoute)]
    return route


@pytest.mark.parametrize("function", sorted({route.function for route in load_routes()}))
def test_every_dependency_of_a_route_shares_the_requests_one_session(function: str) -> None:
    assert _session_makers(_route(function)) <= {(get_db_session, True)}


async def _another_session_maker() -> DbSession:
    return DbSession(get_engine())


def test_the_one_session_check_can_fail() -> None:
    app = FastAPI()

    @app.get("/probe")
    async def probe(
        first: Annotated[DbSession, Depends(get_db_session)],
        second: Annotated[DbSession, Depends(get_db_session, use_cache=False)],
        third: Annotated[DbSession, Depends(_another_session_maker)],
    ) -> None: ...

    route = next(r for r in app.routes if isinstance(r, APIRoute))
    assert _session_makers(route) == {
        (get_db_session, True),
        (get_db_session, False),
        (_another_session_maker, True),
    }


def test_no_code_but_the_dependency_makes_a_session() -> None:
    """A dependency or service making a `DbSession` of its own (as the rate limit's dependency
    once did) would make its request wait for the connection the request already holds."""
    makers = []
    for path in [*(ROOT / "shared").rglob("*.py"), *(ROOT / "functions").rglob("*.py")]:
        tree = ast.parse(path.read_text())
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute | ast.Name)
                    and (getattr(node.func, "attr", None) or getattr(node.func, "id", None))
                    == "DbSession"
                ):
                    makers.append(f"{path.relative_to(ROOT)}:{function.name}")
    assert makers == ["shared/api/deps.py:get_db_session"]


@contextmanager
def _checkouts() -> Iterator[list[object]]:
    engine = get_engine()
    seen: list[object] = []

    def count(*_args: object) -> None:
        seen.append(True)

    event.listen(engine, "checkout", count)
    try:
        yield seen
    finally:
        event.remove(engine, "checkout", count)


def test_a_request_checks_out_the_pooled_connection_once() -> None:
    """Routes whose session reaches them by several dependencies: the rate limit and the route
    (sign-in, sign-up), the signed-in check and the route (change-password, delete-user), the
    fresh-session check (list-sessions), the caller's tasks (tasks-create)."""
    account = sign_up()
    other = sign_up()
    calls: list[tuple[str, Callable[[], LambdaResponse], int]] = [
        (
            "auth-sign-up",
            lambda: invoke(
                "auth-sign-up",
                json={"email": unique_email(), "password": "a long passphrase", "name": "N"},
            ),
            200,
        ),
        (
            "auth-sign-in",
            lambda: invoke(
                "auth-sign-in", json={"email": account.email, "password": account.password}
            ),
            200,
        ),
        ("auth-list-sessions", lambda: invoke("auth-list-sessions", token=account.token), 200),
        (
            "auth-change-password",
            lambda: invoke(
                "auth-change-password",
                token=account.token,
                json={
                    "currentPassword": account.password,
                    "newPassword": "another long passphrase",
                    "revokeOtherSessions": True,
                },
            ),
            200,
        ),
        (
            "tasks-create",
            lambda: invoke("tasks-create", token=other.token, json={"title": "one checkout"}),
            201,
        ),
        (
            "auth-delete-user",
            lambda: invoke(
                "auth-delete-user", token=other.token, json={"password": other.password}
            ),
            200,
        ),
    ]
    for function, call, status in calls:
        with _checkouts() as checkouts:
            response = call()
        assert response.status == status, (function, response.body)
        assert len(checkouts) == 1, function


# bcrypt (about 250 ms) runs between statements, never inside a transaction: PgBouncer lends a
# server connection per transaction, and one left idle in transaction would hold it meanwhile.

_IDLE_IN_TRANSACTION = """
SELECT count(*) FROM pg_stat_activity
WHERE datname = current_database() AND application_name = 'lambda-tasks'
  AND state LIKE 'idle in transaction%'
"""


def test_bcrypt_runs_with_no_transaction_open(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, int]] = []

    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as probe:

        def observed(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
            def call(*args: Any) -> Any:
                row = probe.execute(_IDLE_IN_TRANSACTION).fetchone()
                seen.append((name, row[0] if row else -1))
                return real(*args)

            return call

        monkeypatch.setattr(bcrypt, "hashpw", observed("hashpw", bcrypt.hashpw))
        monkeypatch.setattr(bcrypt, "checkpw", observed("checkpw", bcrypt.checkpw))

        account = sign_up()  # hashpw
        sign_in(account)  # checkpw
        changed = "another long passphrase"
        response = invoke(
            "auth-change-password",
            token=account.token,
            json={"currentPassword": account.password, "newPassword": changed},
        )  # checkpw, hashpw
        assert response.status == 200, response.body
        token = request_reset_token(account.email)
        response = invoke(
            "auth-reset-password", json={"token": token, "newPassword": "a third passphrase"}
        )  # hashpw
        assert response.status == 200, response.body
        doomed = sign_up()  # hashpw
        response = invoke(
            "auth-delete-user", token=doomed.token, json={"password": doomed.password}
        )  # checkpw
        assert response.status == 200, response.body

    assert [name for name, _ in seen] == [
        "hashpw",
        "checkpw",
        "checkpw",
        "hashpw",
        "hashpw",
        "hashpw",
        "checkpw",
    ]
    assert [idle for _, idle in seen] == [0] * len(seen)
