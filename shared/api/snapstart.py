"""SnapStart runtime hooks, and the same priming at init where SnapStart is not used.

Before the snapshot (`prime_for_snapshot`), everything a first request would otherwise build
lazily is built, without touching the database: one synthetic API Gateway request per route
through the function's own Mangum handler (routing, middleware, dependency resolution, the
error path, logger and metrics set-up), every SQL statement the loaded modules build compiled
into the engine's cache (the engine outlives the snapshot; only its connections are closed), the
thread that bounds database waits started, each route's body and response models validated and
serialized from their examples; then a full garbage collection and `gc.freeze()`, so no
collection of start-up objects lands in a request; and every database connection is closed, so
none is captured in the snapshot (restored environments would all share its socket).

After restore (`renew_environment`), what must differ between environments is renewed: the
`random` seed, the settings (secrets are read again, so a rotated secret reaches restored
environments too), and the database connection is opened afresh, as AWS recommends, so the
first request does not pay for it.

Without SnapStart (`AWS_LAMBDA_INITIALIZATION_TYPE` is not `snap-start`: locally, or in a
region without it) the runtime never calls the hooks; the priming then runs at init instead,
unless `PRIME_AT_INIT=false`.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import random
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import anyio
import aws_lambda_powertools.logging.logger as powertools_logger
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from pydantic import BaseModel
from snapshot_restore_py import register_after_restore, register_before_snapshot
from sqlalchemy import BindParameter, ClauseElement, Executable, Insert
from sqlalchemy.sql import visitors

from shared.config import get_settings
from shared.db import close_connections, dispose_engine, get_engine, precompile
from shared.deadline import watchdog
from shared.models.columns import utc_now
from shared.observability import logger

LambdaHandler = Callable[[dict[str, Any], Any], dict[str, Any]]

PRIMING_USER_AGENT = "lambda-tasks-priming"
# Each synthetic request is sent this many times before the snapshot, and each database-reaching
# one this many times after restore (see `_prime` and `_exercise_database`).
SNAPSHOT_ROUNDS = 10
RESTORE_ROUNDS = 3
# A well-formed id no task has: path parameters parse, nothing is looked up.
_PRIMING_ID = "00000000-0000-4000-8000-000000000000"


@dataclass(frozen=True)
class _PrimingContext:
    """The attributes of the Lambda context the handler's decorators read."""

    function_name: str
    memory_limit_in_mb: int = 0
    invoked_function_arn: str = "arn:aws:lambda:priming"
    aws_request_id: str = "priming"

    def get_remaining_time_in_millis(self) -> int:
        return 30_000  # priming never waits on the database


@dataclass(frozen=True)
class _Function:
    name: str
    app: FastAPI
    handler: LambdaHandler


_functions: list[_Function] = []
_hooks_registered = False


def uses_snapstart() -> bool:
    return os.environ.get("AWS_LAMBDA_INITIALIZATION_TYPE") == "snap-start"


def prepare(name: str, app: FastAPI, handler: LambdaHandler) -> None:
    """Called once per function at import: registers the hooks, or primes now without SnapStart.

    Routes are added after `create_app` returns, so this runs from the handler module's last
    line (`handler = lambda_handler(app)`), when the app is complete.
    """
    global _hooks_registered
    _functions.append(_Function(name, app, handler))
    if not _hooks_registered:
        # One pair per process: the runtime runs before-snapshot hooks in reverse order of
        # registration, so one hook that does every step keeps the order ours.
        register_before_snapshot(prime_for_snapshot)
        register_after_restore(renew_environment)
        _hooks_registered = True
    if not uses_snapstart() and get_settings().prime_at_init:
        _prime(_functions[-1])
        _settle_memory()


def prime_for_snapshot() -> None:
    """The before-snapshot hook."""
    for function in _functions:
        _prime(function, rounds=SNAPSHOT_ROUNDS)
    _settle_memory()
    # No connection may be captured: every restored environment would share its socket. The
    # engine stays, with the statements compiled into its cache.
    close_connections()


def renew_environment() -> None:
    """The after-restore hook: per-environment state renewed, the connection opened afresh."""
    random.seed()  # from os.urandom: restored environments must not share a sequence
    _forget_secrets()
    try:
        get_engine().connect().close()
        for function in _functions:
            _exercise_database(function)
    except Exception:  # noqa: BLE001 - the first request will answer 503 and retry itself
        logger.warning("database connect after restore failed; the first request will retry")


def _forget_secrets() -> None:
    settings = get_settings()
    get_settings.cache_clear()
    if "aws_lambda_powertools.utilities.parameters" in sys.modules:
        from aws_lambda_powertools.utilities import parameters

        parameters.clear_caches()  # type: ignore[no-untyped-call]
    if get_settings().sqlalchemy_url != settings.sqlalchemy_url:
        dispose_engine()  # a rotated DATABASE_URL: the next engine is made from the new one


def _settle_memory() -> None:
    # One full collection now instead of in a request (about 100 ms measured), and the start-up
    # objects moved out of the collector's reach so later collections stay small.
    gc.collect()
    gc.freeze()


def _prime(function: _Function, *, rounds: int = 1) -> None:
    # FastAPI enters `yield` dependencies (the database session) through anyio, which imports
    # its asyncio backend on first use (about 50 ms); the synthetic requests are refused before
    # reaching one, so load it here.
    anyio.run(anyio.sleep, 0)
    for route in function.app.routes:
        if isinstance(route, APIRoute):
            # Python specializes a function's bytecode only after it has run a few times: the
            # snapshot should hold the specialized code, not the first request.
            for _ in range(rounds):
                for event in _synthetic_events(route):
                    _invoke(function, event)
            _prime_models(route)
    _compile_statements()
    watchdog.start()  # the thread that bounds database waits, otherwise started by a request
    # The synthetic requests consumed powertools' cold-start flag; the first real one is it.
    powertools_logger.is_cold_start = True


def _exercise_database(function: _Function) -> None:
    """After restore, the database half of each request path run a few times on the fresh
    connection (psycopg's and SQLAlchemy's execution code is otherwise first run, unspecialized,
    by a user's request).

    Only routes that read a bearer token, each called with a genuine token for a session that
    does not exist and a body from the route's own examples: every statement runs and finds no
    live session, so nothing is written and the answer is a 401 (or a signed-out 200). Sign-in
    and sign-up read no token: called, they would spend a rate-limit attempt and a bcrypt hash.
    """
    # Task functions never load the signing side at init (tests/unit/test_cold_imports.py).
    from shared.auth.token_issuer import issue_token

    now = utc_now()
    token = issue_token(
        user_id=uuid.uuid4(),
        session_id=uuid.uuid4(),
        issued_at=now,
        expires_at=now + timedelta(minutes=1),
    )
    for route in function.app.routes:
        if not isinstance(route, APIRoute) or not _reads_bearer_token(route.dependant):
            continue
        body = None
        if route.body_field is not None:
            annotation = route.body_field.field_info.annotation
            examples = [e for model in _models_in(annotation) for e in _examples(model)]
            if not examples:
                continue
            body = json.dumps(examples[0])
        method = sorted(route.methods or {"GET"})[0]
        event = _event(
            method,
            route.path.replace("{id}", _PRIMING_ID),
            route.path,
            body=body,
            headers={"Authorization": f"Bearer {token}"},
        )
        for _ in range(RESTORE_ROUNDS):
            _invoke(function, event)
    powertools_logger.is_cold_start = True


def _reads_bearer_token(dependant: Dependant) -> bool:
    from shared.api.deps import get_bearer_token  # shared.api imports this module

    return any(
        sub.call is get_bearer_token or _reads_bearer_token(sub) for sub in dependant.dependencies
    )


def _synthetic_events(route: APIRoute) -> Iterator[dict[str, Any]]:
    """Requests every function refuses or answers before it needs the database.

    A route with a body gets malformed JSON (refused before any dependency runs: the rate
    limiter would write); one without gets no token (401 on task routes, a signed-out answer
    on get-session and sign-out, neither of which queries without a token). Each route also
    gets the browser's CORS preflight.
    """
    path = route.path.replace("{id}", _PRIMING_ID)
    method = sorted(route.methods or {"GET"})[0]
    yield _event(method, path, route.path, body="{" if route.body_field else None)
    yield _event(
        "OPTIONS",
        path,
        route.path,
        headers={
            "Origin": get_settings().cors_origins[0],
            "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": "authorization,content-type",
        },
    )


def _event(
    method: str,
    path: str,
    resource: str,
    *,
    body: str | None = None,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    """An API Gateway REST (v1) proxy event, as the deployed integration sends it."""
    all_headers = {"Host": "priming.local", "User-Agent": PRIMING_USER_AGENT, **(headers or {})}
    if body is not None:
        all_headers["Content-Type"] = "application/json"
    return {
        "resource": resource,
        "path": path,
        "httpMethod": method,
        "headers": all_headers,
        "multiValueHeaders": {name: [value] for name, value in all_headers.items()},
        "queryStringParameters": None,
        "multiValueQueryStringParameters": None,
        "pathParameters": {"id": _PRIMING_ID} if "{id}" in resource else None,
        "stageVariables": None,
        "requestContext": {
            "resourcePath": resource,
            "httpMethod": method,
            "path": path,
            "stage": "priming",
            "requestId": str(uuid.uuid4()),
            "identity": {"sourceIp": "192.0.2.1", "userAgent": PRIMING_USER_AGENT},
        },
        "body": body,
        "isBase64Encoded": False,
    }


def _invoke(function: _Function, event: dict[str, Any]) -> None:
    # Mangum runs the app on the calling thread's event loop. The loop is left in place: the
    # runtime calls the handler on this same thread, and its requests then find a warm loop.
    try:
        asyncio.get_event_loop_policy().get_event_loop()
    except RuntimeError:
        asyncio.set_event_loop(asyncio.new_event_loop())
    function.handler(event, _PrimingContext(function_name=function.name))


def _prime_models(route: APIRoute) -> None:
    """Each model a route reads or answers with, validated and serialized once from its
    examples (the models' own `json_schema_extra`, which the OpenAPI document shows too)."""
    models: list[type[BaseModel]] = []
    if route.body_field is not None:
        models += _models_in(route.body_field.field_info.annotation)
    if route.response_field is not None:
        models += _models_in(route.response_field.field_info.annotation)
    for dependant in route.dependant.query_params:
        models += _models_in(dependant.field_info.annotation)
    for model in models:
        for example in _examples(model):
            json.loads(model.model_validate(example).model_dump_json(by_alias=True))


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in getattr(annotation, "__args__", ()) for model in _models_in(arg)]


def _examples(model: type[BaseModel]) -> list[Any]:
    extra = model.model_config.get("json_schema_extra")
    examples = extra.get("examples", []) if isinstance(extra, dict) else []
    return list(examples) if isinstance(examples, list) else []


def _compile_statements() -> None:
    """Every SQL statement the loaded modules hold, compiled into the engine's cache under the
    key its execution looks it up by, without connecting.

    Module-level statements are found by type; a module that builds statements on demand
    (one per filter and sort) lists them in `statement_variants()`.
    """
    for statement in _loaded_statements():
        precompile(statement, _param_names(statement))


def _param_names(statement: ClauseElement) -> set[str]:
    """The names of the parameters the code passes with `statement`: its named bound parameters
    (a literal compared in a statement is an anonymous one, carried by the statement itself),
    or, for an INSERT of whole rows, every column."""
    names = {
        element.key
        for element in visitors.iterate(statement)
        if isinstance(element, BindParameter) and not element.unique
    }
    if not names and isinstance(statement, Insert):
        names = {column.key for column in statement.table.columns}
    return names


def _loaded_statements() -> Iterator[ClauseElement]:
    for name, module in list(sys.modules.items()):
        if not name.startswith("shared.") or module is None:
            continue
        for value in vars(module).values():
            if isinstance(value, Executable) and isinstance(value, ClauseElement):
                yield value
        variants = getattr(module, "statement_variants", None)
        if callable(variants):
            yield from variants()
