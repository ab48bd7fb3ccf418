"""Warm task routes against the peer monolith's same routes, interleaved in one process."""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass
from typing import Any

from tests.benchmarks.cold_vs_peer import event_for
from tests.benchmarks.scenarios import EXPECTED_STATUS, scenarios
from tests.benchmarks.warm_latency import WARM_UP
from tests.support.lambda_client import invoke

BLOCK = 10  # calls per side before switching, so a noisy moment weighs on both alike


@dataclass(frozen=True)
class WarmVsPeer:
    function: str
    calls: int
    median_ms: float
    peer_median_ms: float

    @property
    def ratio(self) -> float:
        return self.median_ms / self.peer_median_ms


def peer_invoke(function: str, kwargs: dict[str, Any]) -> int:
    """One event through the peer monolith's Mangum handler, as one warm instance would."""
    from tests.benchmarks.peer.app import handler

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        response = handler(event_for(function, kwargs), None)  # type: ignore[arg-type]
    finally:
        asyncio.set_event_loop(None)
        loop.close()
    return int(response["statusCode"])


def _ours(function: str, kwargs: dict[str, Any]) -> int:
    return invoke(function, **kwargs).status


def warm_vs_peer(function: str, calls: int) -> WarmVsPeer:
    from tests.benchmarks.peer.app import dispose_peer_engine

    dispose_peer_engine()  # the peer's engine on the current database
    next_call = scenarios(2 * (calls + WARM_UP))[function]
    samples: dict[str, list[float]] = {"ours": [], "peer": []}
    sides = {"ours": _ours, "peer": peer_invoke}
    for call in sides.values():
        for _ in range(min(WARM_UP, calls)):
            call(function, next_call())
    while len(samples["peer"]) < calls:
        for side, call in sides.items():
            for _ in range(min(BLOCK, calls - len(samples[side]))):
                kwargs = next_call()
                started = time.perf_counter()
                status = call(function, kwargs)
                samples[side].append((time.perf_counter() - started) * 1000)
                assert status == EXPECTED_STATUS[function], (side, function, status)
    return WarmVsPeer(
        function=function,
        calls=calls,
        median_ms=statistics.median(samples["ours"]),
        peer_median_ms=statistics.median(samples["peer"]),
    )
