"""What each priming step buys: a restored environment's first request with the step and without.

Each sample is a fresh process, as `cold_vs_peer` runs SnapStart: the handler imported as
SnapStart's init does, the before-snapshot hooks run as the runtime runs them, then the
after-restore hooks, then the first request and warm ones. A variant switches steps off by
replacing what `shared.api.snapstart` calls for them (after the import, before the hooks). The
variants alternate within every round, so a busy spell of the machine falls on all of them.

The after-restore hook runs while Lambda restores the environment, before the first request is
handed over: the user waits for both. So a step is judged by the hook and the first request
together, and kept only if it saves at least `KEEP_SHARE` of their extra time over a warm
request (the extra time they have without the step).

Two ways to compare: `leave_one_out` (every step against every step but one) and `ladder` (the
steps added one at a time, in the order of `STEPS`: each against the steps before it; steps that
do overlapping work each look worthless left out one at a time).

`python -m tests.benchmarks.priming_steps [--samples N] [--ladder]` prints the table; `make
bench` runs the leave-one-out (tests/benchmarks/run.py).
"""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.benchmarks.cold_vs_peer import Probe, event_for, probe
from tests.benchmarks.scenarios import scenarios

KEEP_SHARE = 0.10
# Sign-in and sign-up are left out: a bcrypt-12 hash varies by more than their whole extra time.
FUNCTIONS = ["tasks-get", "tasks-list", "tasks-create", "auth-get-session"]
Switches = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Step:
    name: str
    # (attribute of shared.api.snapstart, Python expression replacing it): the step switched off
    switches: Switches


# The steps `shared.api.snapstart` keeps, in the order `ladder` adds them. Issue 19 measured and
# dropped the others (a synthetic request per route, repeated rounds of them, models validated
# from their examples, gc.collect + gc.freeze, the watchdog thread started, a database exercise
# after restore): each saved less than `KEEP_SHARE`, or cost the hook more than it saved.
STEPS = [
    # Without the engine nothing can be compiled into its cache either: left out, both go.
    Step("engine created before the snapshot", (("_compile_statements", "lambda: None"),)),
    Step("anyio backend loaded", (("_load_anyio_backend", "lambda: None"),)),
    Step(
        "statements compiled into the engine's cache",
        (("precompile", "lambda statement, names: get_engine()"),),
    ),
]
EVERY = "every step"
NONE = "no step"


@dataclass(frozen=True)
class Comparison:
    step: str
    with_variant: str
    without_variant: str


@dataclass(frozen=True)
class StepFigure:
    step: str
    function: str
    samples: int
    warm_ms: float  # warm median, with the step
    first_with_ms: float
    first_without_ms: float
    hook_with_ms: float  # the after-restore hook
    hook_without_ms: float
    # What the user waits for, the after-restore hook and the first request, without the step
    # minus with it: the median of the differences within each round (the two ran minutes apart
    # at most, so a busy spell of the machine weighs on both).
    saved_ms: float

    @property
    def extra_without_ms(self) -> float:
        """The hook and first request's extra time over a warm request, without the step."""
        return self.hook_without_ms + self.first_without_ms - self.warm_ms

    @property
    def share(self) -> float:
        return self.saved_ms / self.extra_without_ms if self.extra_without_ms > 0 else 0.0

    @property
    def earns(self) -> bool:
        return self.share >= KEEP_SHARE


def _off(steps: list[Step]) -> Switches:
    return tuple(switch for step in steps for switch in step.switches)


def leave_one_out(steps: list[Step]) -> tuple[dict[str, Switches], list[Comparison]]:
    variants = {EVERY: ()} | {f"without {s.name}": _off([s]) for s in steps} | {NONE: _off(steps)}
    comparisons = [Comparison(s.name, EVERY, f"without {s.name}") for s in steps]
    return variants, [*comparisons, Comparison("all of them", EVERY, NONE)]


def ladder(steps: list[Step]) -> tuple[dict[str, Switches], list[Comparison]]:
    names = [NONE] + [f"up to {s.name}" for s in steps[:-1]] + [EVERY]
    variants = {name: _off(steps[k:]) for k, name in enumerate(names)}
    comparisons = [Comparison(s.name, names[k + 1], names[k]) for k, s in enumerate(steps)]
    return variants, [*comparisons, Comparison("all of them", EVERY, NONE)]


def measure_steps(
    functions: list[str] | None = None,
    *,
    samples: int,
    warm_calls: int = 20,
    steps: list[Step] | None = None,
    design: Callable[[list[Step]], tuple[dict[str, Switches], list[Comparison]]] = leave_one_out,
    progress: Callable[[list[StepFigure]], None] | None = None,
) -> list[StepFigure]:
    """Per function and comparison, medians over `samples` fresh processes per variant."""
    variants, comparisons = design(STEPS if steps is None else steps)
    functions = FUNCTIONS if functions is None else functions
    calls = scenarios(samples * len(variants) * (warm_calls + 1) + 10)
    figures: list[StepFigure] = []
    for function in functions:
        runs = _alternate(function, calls[function], variants, samples, 1 + warm_calls)
        found = [_figure(c, function, samples, runs) for c in comparisons]
        if progress is not None:
            progress(found)
        figures += found
    return figures


def _figure(
    comparison: Comparison, function: str, samples: int, runs: dict[str, list[Probe]]
) -> StepFigure:
    with_, without = runs[comparison.with_variant], runs[comparison.without_variant]
    return StepFigure(
        step=comparison.step,
        function=function,
        samples=samples,
        warm_ms=_median(with_, "warm_ms"),
        first_with_ms=_median(with_, "first_ms"),
        first_without_ms=_median(without, "first_ms"),
        hook_with_ms=_median(with_, "restore_ms"),
        hook_without_ms=_median(without, "restore_ms"),
        saved_ms=statistics.median(
            b.restore_ms + b.first_ms - a.restore_ms - a.first_ms
            for a, b in zip(with_, without, strict=True)
        ),
    )


def _alternate(
    function: str,
    call: Callable[[], dict[str, Any]],
    variants: dict[str, Switches],
    samples: int,
    events: int,
) -> dict[str, list[Probe]]:
    runs: dict[str, list[Probe]] = {name: [] for name in variants}
    names = list(variants)
    for sample in range(samples):
        # Each round starts one variant later, so none always runs right after another.
        for name in names[sample % len(names) :] + names[: sample % len(names)]:
            batch = [event_for(function, call()) for _ in range(events)]
            runs[name].append(probe("snapstart", function, batch, switches=variants[name]))
    return runs


def _median(probes: list[Probe], field: str) -> float:
    return float(statistics.median(getattr(p, field) for p in probes))


def table(figures: list[StepFigure]) -> str:
    lines = [
        "| step | function | first request ms with | without | after-restore hook ms with "
        "| without | ms saved (hook + first) | % of extra time | warm ms | earns 10 % |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        lines.append(
            f"| {f.step} | {f.function} | {f.first_with_ms:.2f} | {f.first_without_ms:.2f} "
            f"| {f.hook_with_ms:.2f} | {f.hook_without_ms:.2f} | {f.saved_ms:.2f} "
            f"| {f.share:.0%} | {f.warm_ms:.2f} | {'yes' if f.earns else 'no'} |"
        )
    return "\n".join(lines)


def main() -> None:
    from tests.benchmarks.environment import bench_database
    from tests.support.database import use_database

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=int, default=9)
    parser.add_argument("--warm-calls", type=int, default=20)
    parser.add_argument("--functions", nargs="*", default=FUNCTIONS)
    parser.add_argument("--ladder", action="store_true", help="add the steps one at a time")
    parser.add_argument("--direct", action="store_true", help="straight to PostgreSQL")
    args = parser.parse_args()
    with (
        bench_database("lambda_tasks_priming") as database,
        use_database(database.direct_url if args.direct else database.pooled_url),
    ):
        figures = measure_steps(
            args.functions,
            samples=args.samples,
            warm_calls=args.warm_calls,
            design=ladder if args.ladder else leave_one_out,
            progress=lambda found: print(table(found), flush=True),
        )
    print(f"\n{table(figures)}")


if __name__ == "__main__":
    main()
