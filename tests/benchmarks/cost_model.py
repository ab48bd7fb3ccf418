"""Cost per request from measured durations and the memory each function is given.

Prices: AWS list prices for us-east-1 as of 2026-11-25 (check the AWS pricing pages before
relying on them): Lambda on arm64 $0.0000133334 per GB-second and $0.20 per million requests;
API Gateway REST APIs $3.50 per million requests (first 333 million a month).

Lambda gives CPU in proportion to memory (1,769 MB = one vCPU). A function's measured time is
split into time waiting on PostgreSQL (unchanged by memory) and CPU time, which stretches by
1769 / memory below one vCPU. Billing rounds each invocation up to the next millisecond.
SnapStart for Python (us-east-1 list prices, unchanged since its launch on 2024-11-18 as far as
this file knows at PRICE_DATE): the cache costs $0.0000015046 per GB-second for every published
version with SnapStart, for as long as it is kept (3 hours minimum), and each restore
$0.0001397998 per GB restored. Without SnapStart, Lambda bills the INIT phase of on-demand
functions as ordinary duration (since 2025-08-01).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from infra.deploy.serverless_yml import read_serverless_yml
from tests.benchmarks.warm_latency import Latency

PRICE_DATE = "2026-11-25"
LAMBDA_GB_SECOND = 0.0000133334
LAMBDA_PER_MILLION = 0.20
API_GATEWAY_PER_MILLION = 3.50
ONE_VCPU_MB = 1769

SNAPSTART_CACHE_GB_SECOND = 0.0000015046
SNAPSTART_RESTORE_PER_GB = 0.0001397998
SECONDS_PER_MONTH = 30 * 24 * 3600
# Assumptions, stated where the figures are printed: the share of invocations that land on a new
# execution environment, and the traffic the monthly cache charge is spread over.
COLD_SHARE = 0.01
SESSIONS_PER_MONTH = 1_000_000
CACHED_VERSIONS = 1  # the alias's version; older ones are pruned after a deploy

# A typical visit: sign in, look around, change a few things, sign out.
SESSION_MIX = {
    "auth-sign-in": 1,
    "auth-get-session": 4,
    "tasks-list": 6,
    "tasks-create": 3,
    "tasks-toggle": 4,
    "tasks-update": 1,
    "tasks-delete": 1,
    "auth-sign-out": 1,
}


@dataclass(frozen=True)
class FunctionCost:
    function: str
    memory_mb: int
    billed_ms: int
    per_million_usd: float
    monolith_billed_ms: int
    monolith_per_million_usd: float


def memory_sizes() -> dict[str, int]:
    document = read_serverless_yml()
    default = int(document["provider"].get("memorySize", 1024))
    return {
        name: int(spec.get("memorySize", default)) for name, spec in document["functions"].items()
    }


def billed_ms(latency: Latency, memory_mb: int) -> int:
    cpu_ms = max(0.0, latency.median_ms - latency.db_median_ms)
    stretch = max(1.0, ONE_VCPU_MB / memory_mb)
    return max(1, math.ceil(latency.db_median_ms + cpu_ms * stretch))


def per_million(billed: int, memory_mb: int) -> float:
    compute = (memory_mb / 1024) * (billed / 1000) * LAMBDA_GB_SECOND * 1_000_000
    return compute + LAMBDA_PER_MILLION + API_GATEWAY_PER_MILLION


def function_costs(latencies: list[Latency]) -> list[FunctionCost]:
    """Each function at its own memory, against one monolith sized for bcrypt (one vCPU)."""
    memory = memory_sizes()
    monolith_mb = max(memory.values())
    costs = []
    for latency in latencies:
        own = billed_ms(latency, memory[latency.function])
        mono = billed_ms(latency, monolith_mb)
        costs.append(
            FunctionCost(
                function=latency.function,
                memory_mb=memory[latency.function],
                billed_ms=own,
                per_million_usd=per_million(own, memory[latency.function]),
                monolith_billed_ms=mono,
                monolith_per_million_usd=per_million(mono, monolith_mb),
            )
        )
    return costs


def session_cost(costs: list[FunctionCost]) -> tuple[float, float]:
    """(per-function, monolith) cost in USD of one million typical sessions."""
    by_name = {cost.function: cost for cost in costs}
    split = sum(by_name[f].per_million_usd * n for f, n in SESSION_MIX.items() if f in by_name)
    mono = sum(
        by_name[f].monolith_per_million_usd * n for f, n in SESSION_MIX.items() if f in by_name
    )
    return split, mono


@dataclass(frozen=True)
class ColdCost:
    function: str
    restore_usd_per_million: float  # COLD_SHARE of a million invocations restored
    cache_usd_per_month: float
    peer_init_usd_per_million: float  # COLD_SHARE of a million peer invocations billed for INIT


def cold_costs(peer_cold_ms: dict[str, float]) -> list[ColdCost]:
    """SnapStart's charges per function, and the INIT duration the peer would be billed."""
    memory = memory_sizes()
    peer_gb = max(memory.values()) / 1024
    rows = []
    for function, mb in memory.items():
        gb = mb / 1024
        rows.append(
            ColdCost(
                function=function,
                restore_usd_per_million=COLD_SHARE * 1_000_000 * gb * SNAPSTART_RESTORE_PER_GB,
                cache_usd_per_month=CACHED_VERSIONS
                * gb
                * SECONDS_PER_MONTH
                * SNAPSTART_CACHE_GB_SECOND,
                peer_init_usd_per_million=COLD_SHARE
                * 1_000_000
                * peer_gb
                * (peer_cold_ms.get(function, 0.0) / 1000)
                * LAMBDA_GB_SECOND,
            )
        )
    return rows


def session_cold_cost(cold: list[ColdCost]) -> tuple[float, float]:
    """(ours, peer) cold-start charges in USD per million typical sessions."""
    by_name = {row.function: row for row in cold}
    ours = sum(by_name[f].restore_usd_per_million * n for f, n in SESSION_MIX.items())
    ours += sum(row.cache_usd_per_month for row in cold) * 1_000_000 / SESSIONS_PER_MONTH
    peer = sum(by_name[f].peer_init_usd_per_million * n for f, n in SESSION_MIX.items())
    return ours, peer
