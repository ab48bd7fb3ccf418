"""Many "function instances" at once: each worker is a fresh interpreter with its own engine,
as Lambda scales out, and every call starts at the same instant."""

from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from infra.local.runtime import load_handler
from tests.support.lambda_client import LambdaResponse, invoke


def _warm_up(functions: tuple[str, ...]) -> None:
    for function in functions:
        load_handler(function)


def _call_at(start_at: float, function: str, kwargs: dict[str, Any]) -> LambdaResponse:
    time.sleep(max(0.0, start_at - time.time()))
    return invoke(function, **kwargs)


def call_simultaneously(
    function: str, calls: list[dict[str, Any]], *, instances: int | None = None
) -> list[LambdaResponse]:
    workers = instances or len(calls)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_warm_up, initargs=((function,),)
    ) as pool:
        # Start every worker (and its imports) first, so the calls below really overlap.
        list(pool.map(_warm_up, [(function,)] * workers))
        start_at = time.time() + 0.5
        futures = [pool.submit(_call_at, start_at, function, kwargs) for kwargs in calls]
        return [future.result() for future in futures]


Call = tuple[str, dict[str, Any]]


def call_in_rounds(rounds: list[list[Call]]) -> list[list[LambdaResponse]]:
    """Each round's calls (function, invoke's keyword arguments) at one instant, each on its own
    instance; the instances are started once and serve every round, a round at a time."""
    workers = max(len(calls) for calls in rounds)
    functions = tuple(sorted({function for calls in rounds for function, _ in calls}))
    context = multiprocessing.get_context("spawn")
    answers = []
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_warm_up, initargs=(functions,)
    ) as pool:
        list(pool.map(_warm_up, [functions] * workers))
        for calls in rounds:
            # Every worker is idle and each call sleeps until the start: one call per instance.
            start_at = time.time() + 0.2
            futures = [
                pool.submit(_call_at, start_at, function, kwargs) for function, kwargs in calls
            ]
            answers.append([future.result() for future in futures])
    return answers
