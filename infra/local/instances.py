"""Function instances for the local API: one process per function, as Lambda runs each function
in environments of its own.

A function's process starts on its first request (its cold start: it imports the handler, as
Lambda's init does) and then stays warm. It serves one request at a time, as one Lambda instance
does, with its own engine and its own pooled connection, so nothing in `shared/` has to allow
for two functions, or two requests, sharing one. A process that dies (or fails to start) takes
only its request with it: the next request starts a new one, as Lambda replaces a failed
environment.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import traceback
from multiprocessing import forkserver
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from infra.local import runtime

# Instances are forked from a server process that has imported what every function imports
# (the libraries, the app factory, the dependencies: no thread, socket or engine is made and no
# setting read on import), never from the gateway with its threads. A first request then costs
# the function's own init (its handler, its app, priming), not a second of imports.
_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["infra.local.runtime", "shared.api.app", "shared.api.deps"])


class InvocationFailed(RuntimeError):
    """The function raised instead of answering, or its process died: API Gateway's 502."""


def _serve(function: str, requests: Connection, environment: dict[str, str]) -> None:
    """The instance's process: init, then one event at a time until the gateway goes away."""
    # The environment of the gateway now, not the fork server's when it started.
    os.environ.clear()
    os.environ.update(environment)
    try:
        runtime.load_handler(function)
    except Exception:  # noqa: BLE001 - an init failure is the first request's answer
        failure = traceback.format_exc()
        if requests.poll(None):
            requests.send(("failed", failure))
        return
    while True:
        try:
            event = requests.recv()
        except EOFError:
            return
        try:
            requests.send(("answered", runtime.invoke(function, event)))
        except Exception:  # noqa: BLE001 - reported to the gateway, which answers 502
            requests.send(("failed", traceback.format_exc()))


class FunctionInstance:
    def __init__(self, function: str) -> None:
        self.function = function
        self._busy = threading.Lock()
        self._process: BaseProcess | None = None
        self._requests: Connection | None = None

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    def invoke(self, event: dict[str, Any]) -> dict[str, Any]:
        with self._busy:  # one request at a time, as one Lambda instance serves one invocation
            requests = self._started()
            try:
                requests.send(event)
                outcome, payload = requests.recv()
            except (EOFError, OSError) as lost:
                self.stop()
                raise InvocationFailed(f"{self.function}: its process ended") from lost
        if outcome == "failed":
            raise InvocationFailed(f"{self.function} raised:\n{payload}")
        result: dict[str, Any] = payload
        return result

    def _started(self) -> Connection:
        if self._process is None or not self._process.is_alive() or self._requests is None:
            self.stop()
            ours, theirs = _CONTEXT.Pipe()
            process = _CONTEXT.Process(
                target=_serve,
                args=(self.function, theirs, dict(os.environ)),
                name=self.function,
                daemon=True,
            )
            process.start()
            theirs.close()
            self._process, self._requests = process, ours
        return self._requests

    def stop(self) -> None:
        if self._requests is not None:
            self._requests.close()
        if self._process is not None and self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._process = self._requests = None


def start_fork_server() -> None:
    """Starts the server instances are forked from (no function yet: each starts on its first
    request), so the first request of a run does not wait for it too."""
    forkserver.ensure_running()


_instances: dict[str, FunctionInstance] = {}
_instances_guard = threading.Lock()


def instance(function: str) -> FunctionInstance:
    with _instances_guard:
        if function not in _instances:
            _instances[function] = FunctionInstance(function)
        return _instances[function]
