"""SnapStart runtime hooks, called as the Lambda runtime calls them, on the real database.

Each check runs in a fresh interpreter, as a SnapStart init does: the handler is imported with
`AWS_LAMBDA_INITIALIZATION_TYPE=snap-start`, then the registry of `snapshot_restore_py` is run
the way the runtime runs it (before-snapshot hooks popped in reverse order of registration,
after-restore hooks in order).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

from infra import ROOT
from tests.support.accounts import sign_up

_PRELUDE = r"""
import importlib.util, json, os, sys
from snapshot_restore_py import get_after_restore, get_before_snapshot
from infra.local.apigw_event import LambdaContext, build_event
import shared.db

def load(function):
    spec = importlib.util.spec_from_file_location("handler", f"functions/{function}/handler.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

def before_snapshot():
    hooks = get_before_snapshot()
    while hooks:
        func, args, kwargs = hooks.pop()
        func(*args, **kwargs)

def after_restore():
    for func, args, kwargs in get_after_restore():
        func(*args, **kwargs)

def alive(pid):
    import psycopg
    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as db:
        return db.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE pid = %s AND application_name = %s",
            (pid, "lambda-tasks"),
        ).fetchone()[0] == 1

def backend_pid():
    with shared.db.get_engine().connect() as connection:
        return connection.exec_driver_sql("SELECT pg_backend_pid()").scalar()
"""

_HOOKS_IN_ORDER = (
    _PRELUDE
    + r"""
module = load("auth-get-session")
registered = {
    "before": [(f.__module__, f.__name__) for f, _, _ in get_before_snapshot()],
    "after": [(f.__module__, f.__name__) for f, _, _ in get_after_restore()],
}
token = sys.argv[1]
event = build_event("GET", "/api/auth/get-session", headers={"Authorization": f"Bearer {token}"})
warm = module.handler(event, LambdaContext())  # a connection is open and pooled now
pid_before = backend_pid()
before_snapshot()
engine_after_snapshot = shared.db._engine
pool_after_snapshot = engine_after_snapshot.pool.checkedin()
alive_after_snapshot = alive(pid_before)
after_restore()
pool_after_restore = shared.db.get_engine().pool.checkedin()
pid_after = backend_pid()
alive_after_restore = alive(pid_after)
compiled_before_first = len(shared.db.get_engine()._compiled_cache)
first = module.handler(event, LambdaContext())
compiled_after_first = len(shared.db.get_engine()._compiled_cache)
print(json.dumps({
    "registered": registered,
    "warm_status": warm["statusCode"],
    "pid_before": pid_before,
    "alive_after_snapshot": alive_after_snapshot,
    "alive_after_restore": alive_after_restore,
    "same_engine": shared.db.get_engine() is engine_after_snapshot,
    "pool_after_snapshot": pool_after_snapshot,
    "compiled": [compiled_before_first, compiled_after_first],
    "pool_after_restore": pool_after_restore,
    "pid_after": pid_after,
    "first_status": first["statusCode"],
    "first_body": json.loads(first["body"]),
}))
"""
)

_TASK_ROUTES_AFTER_RESTORE = (
    _PRELUDE
    + r"""
names = ["tasks-create", "tasks-list", "tasks-get", "tasks-update", "tasks-toggle", "tasks-delete"]
modules = {name: load(name) for name in names}
before_snapshot()
after_restore()
auth = {"Authorization": f"Bearer {sys.argv[1]}"}
compiled_before = len(shared.db.get_engine()._compiled_cache)
def call(name, method, path, **kwargs):
    event = build_event(method, path, headers=auth, **kwargs)
    return modules[name].handler(event, LambdaContext())
created = call("tasks-create", "POST", "/api/tasks", body={"title": "after restore"})
task_id = json.loads(created["body"])["id"]
def on_task(name, method, suffix="", **kwargs):
    resource = "/api/tasks/{id}" + suffix
    path = resource.replace("{id}", task_id)
    return call(name, method, path, resource=resource, path_parameters={"id": task_id}, **kwargs)
statuses = [
    created["statusCode"],
    call("tasks-list", "GET", "/api/tasks", query={"limit": "5"})["statusCode"],
    on_task("tasks-get", "GET")["statusCode"],
    on_task("tasks-update", "PUT", body={"title": "renamed"})["statusCode"],
    on_task("tasks-toggle", "PATCH", "/complete")["statusCode"],
    on_task("tasks-delete", "DELETE")["statusCode"],
]
print(json.dumps({"statuses": statuses,
                  "compiled": [compiled_before, len(shared.db.get_engine()._compiled_cache)]}))
"""
)

_SECRETS_READ_AFTER_RESTORE = (
    _PRELUDE
    + r"""
module = load("auth-get-session")
before_snapshot()
os.environ["JWT_SECRET"] = sys.argv[2]  # rotated while the snapshot was stored (or not)
after_restore()
auth = {"Authorization": f"Bearer {sys.argv[1]}"}
event = build_event("GET", "/api/auth/get-session", headers=auth)
answer = module.handler(event, LambdaContext())
print(json.dumps({"status": answer["statusCode"], "body": json.loads(answer["body"])}))
"""
)

_TWO_ENVIRONMENTS = (
    _PRELUDE
    + r"""
import random, uuid
from datetime import timedelta
from shared.auth.token_issuer import issue_token
from shared.models.columns import utc_now
from jose import jwt
load("auth-sign-in")
before_snapshot()
children = []
for _ in range(2):
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # a restored environment: the same memory, then the after-restore hooks
        os.close(read)
        after_restore()
        now = utc_now()
        jtis = [
            jwt.get_unverified_claims(
                issue_token(user_id=uuid.uuid4(), session_id=uuid.uuid4(), issued_at=now,
                            expires_at=now + timedelta(days=1))
            )["jti"]
            for _ in range(5)
        ]
        with os.fdopen(write, "w") as out:
            json.dump({"jtis": jtis, "random": [random.random() for _ in range(5)]}, out)
        os._exit(0)
    os.close(write)
    children.append((pid, read))
results = []
for pid, read in children:
    with os.fdopen(read) as source:
        results.append(json.load(source))
    os.waitpid(pid, 0)
print(json.dumps(results))
"""
)


def run_restored(script: str, *args: str, **environment: str) -> Any:
    env = {
        **os.environ,
        "AWS_LAMBDA_INITIALIZATION_TYPE": "snap-start",
        "PYTHONPATH": str(ROOT),
        **environment,
    }
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_hooks_registered_once_and_run_in_order() -> None:
    account = sign_up()
    result = run_restored(_HOOKS_IN_ORDER, account.token)
    assert result["registered"] == {
        "before": [["shared.api.snapstart", "prime_for_snapshot"]],
        "after": [["shared.api.snapstart", "renew_environment"]],
    }
    assert result["warm_status"] == 200
    # Before the snapshot: the connection is closed on the server; the engine stays, with the
    # statements priming compiled into its cache.
    assert result["pool_after_snapshot"] == 0
    assert result["alive_after_snapshot"] is False
    assert result["same_engine"] is True
    # After restore: a new connection is already open (in the pool) and the request works.
    assert result["pool_after_restore"] == 1
    assert result["pid_after"] != result["pid_before"]
    assert result["alive_after_restore"] is True
    assert result["first_status"] == 200
    assert result["first_body"]["user"]["email"] == account.email
    # The first request after restore compiled nothing: its statement was primed under the key
    # its execution looks up.
    before, after = result["compiled"]
    assert before > 0
    assert after == before, _PRECOMPILE_BROKEN


# `shared.db.precompile` fills SQLAlchemy's compiled cache through its private API (there is no
# public way without executing): these checks are what catch an upgrade that changes it.
_PRECOMPILE_BROKEN = (
    "a first request after restore compiled its statement: shared.db.precompile no longer fills "
    "the cache under the key execution looks up (SQLAlchemy's `_compile_w_cache` or the cache "
    "key changed?)"
)


def test_first_task_requests_after_restore_compile_nothing() -> None:
    account = sign_up()
    result = run_restored(_TASK_ROUTES_AFTER_RESTORE, account.token)
    assert result["statuses"] == [201, 200, 200, 200, 200, 204]
    before, after = result["compiled"]
    assert before > 0
    assert after == before, _PRECOMPILE_BROKEN


def test_secrets_are_read_again_after_restore() -> None:
    account = sign_up()  # its token is signed with the secret the environment holds now
    stale = "a-secret-from-before-the-rotation-" + "x" * 32
    # The snapshot was taken with the old secret; the environment is restored after rotation.
    rotated = run_restored(
        _SECRETS_READ_AFTER_RESTORE, account.token, os.environ["JWT_SECRET"], JWT_SECRET=stale
    )
    assert rotated["status"] == 200
    assert rotated["body"]["user"]["email"] == account.email
    # The control: restored with the old secret still in place, the same token is refused.
    unrotated = run_restored(_SECRETS_READ_AFTER_RESTORE, account.token, stale, JWT_SECRET=stale)
    assert unrotated == {"status": 200, "body": None}


def test_two_restored_environments_share_no_token_id_or_random_value() -> None:
    first, second = run_restored(_TWO_ENVIRONMENTS)
    assert len(set(first["jtis"]) | set(second["jtis"])) == 10
    # Forked from one snapshot, `random` would repeat itself in both without the reseed.
    assert first["random"] != second["random"]
    assert not set(first["random"]) & set(second["random"])
