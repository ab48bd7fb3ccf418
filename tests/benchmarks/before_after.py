"""Cold import and warm route overhead per function, for two trees, in one run on one machine.

`python -m tests.benchmarks.before_after [REV]` checks REV (default: the last commit before
SQLModel became the models, 6673ad4) out into `.local/` and measures it beside the working tree,
alternating between them, with each tree's own benchmark code. Writes
docs/benchmarks-before-after.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

from infra import ROOT
from infra.deploy.serverless_yml import load_routes
from infra.local.postgres import LOCAL, server_address

BEFORE = "6673ad4"
REPORT = ROOT / "docs" / "benchmarks-before-after.md"

# Runs inside each tree (both have these modules): cold starts in fresh interpreters, then warm
# in-process latency, on that tree's own migrated benchmark database.
_MEASURE = r"""
import json, sys
from tests.benchmarks.cold_start import cold_start
from tests.benchmarks.environment import bench_database
from tests.benchmarks.scenarios import scenarios
from tests.benchmarks.warm_latency import measure_all
from tests.support.database import use_database
functions, calls, repeats = json.loads(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
with bench_database() as database, use_database(database.direct_url):
    cold_calls = scenarios(repeats * len(functions) + 10)
    colds = {f: cold_start(f, cold_calls[f], repeats) for f in functions}
    warm = {w.function: w for w in measure_all(functions, calls, max(5, calls // 20))}
print(json.dumps({f: {
    "import_ms": colds[f].import_ms,
    "first_ms": colds[f].first_invocation_ms,
    "overhead_ms": warm[f].overhead_median_ms,
    "median_ms": warm[f].median_ms,
} for f in functions}))
"""


def checkout(revision: str) -> Path:
    tree = LOCAL / f"tree-{revision}"
    if not tree.exists():
        LOCAL.mkdir(exist_ok=True)
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(tree), revision], cwd=ROOT, check=True
        )
    return tree


def measure(tree: Path, functions: list[str], calls: int, repeats: int) -> dict[str, Any]:
    # Priming at init (issue 13) moves first-request work into the import: off, so both trees
    # import and serve a first request the same way and the difference is the data layer's.
    env = dict(
        os.environ,
        PYTHONPATH=str(tree),
        DATABASE_URL=server_address().url(),
        PRIME_AT_INIT="false",
        POWERTOOLS_TRACE_DISABLED="true",
    )
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, json.dumps(functions), str(calls), str(repeats)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"measuring {tree} failed:\n{result.stderr[-4000:]}")
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("revision", nargs="?", default=BEFORE)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    before_tree = checkout(args.revision)
    # The functions both trees have (bcrypt's sign-up and sign-in left out: they measure bcrypt).
    functions = [
        route.function
        for route in load_routes()
        if not route.function.startswith("auth-sign-")
        and (before_tree / "functions" / route.function).is_dir()
    ]
    runs: dict[str, list[dict[str, Any]]] = {"before": [], "after": []}
    for _ in range(args.rounds):  # alternating, so drift in the machine's speed hits both
        runs["before"].append(measure(before_tree, functions, args.calls, args.repeats))
        runs["after"].append(measure(ROOT, functions, args.calls, args.repeats))

    def figure(side: str, function: str, key: str) -> float:
        return float(statistics.median(run[function][key] for run in runs[side]))

    lines = [
        "# SQLModel: before and after",
        "",
        f"`python -m tests.benchmarks.before_after {args.revision}` (rounds {args.rounds}, "
        f"{args.calls} warm calls, {args.repeats} cold starts per function and round), one run "
        "on one machine, the two trees alternating. Before: SQLAlchemy Core tables and dataclass "
        "rows read by position. After: SQLModel classes, rows read by name into the wire model, "
        "plus everything else the same session added to each function (the request deadline "
        "and its watchdog, the tracer's import, the per-account guard, the wider `shared` "
        "package); priming at init is switched off in both. Cold import is the handler's import "
        "in a fresh interpreter (the after tree sees only what the Lambda layer ships); "
        "overhead is a warm request's time not spent waiting on PostgreSQL (straight "
        "connection).",
        "",
        "| function | import ms before | after | x | first request ms before | after "
        "| overhead ms before | after | x |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for function in functions:
        imp = (figure("before", function, "import_ms"), figure("after", function, "import_ms"))
        first = (figure("before", function, "first_ms"), figure("after", function, "first_ms"))
        over = (figure("before", function, "overhead_ms"), figure("after", function, "overhead_ms"))
        lines.append(
            f"| {function} | {imp[0]:.1f} | {imp[1]:.1f} | {imp[1] / imp[0]:.2f} | {first[0]:.1f} "
            f"| {first[1]:.1f} | {over[0]:.3f} | {over[1]:.3f} | {over[1] / over[0]:.2f} |"
        )
    REPORT.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    print(f"\nwrote {REPORT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
