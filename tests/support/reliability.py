"""The README's "Reliability" table, produced by the tests that try each fault and bad input.

A test calls `tried(fault, times, outcome)` after its assertions pass; at the end of the run
`write_report` merges what this run tried into docs/reliability.md (a row per fault, so running
one suite refreshes its rows and keeps the others).
"""

from __future__ import annotations

import json
import os
import re

from infra import ROOT

REPORT = ROOT / "docs" / "reliability.md"
_RUN = ROOT / ".local" / "reliability"
_ROW = re.compile(r"^\| (?P<fault>.+?) \| (?P<times>\d+) \| (?P<outcome>.+) \|$")


def tried(fault: str, times: int, outcome: str) -> None:
    _RUN.mkdir(parents=True, exist_ok=True)
    with (_RUN / f"{os.getpid()}.jsonl").open("a") as log:
        log.write(json.dumps({"fault": fault, "times": times, "outcome": outcome}) + "\n")


def _existing_rows() -> dict[str, tuple[int, str]]:
    if not REPORT.exists():
        return {}
    rows = {}
    for line in REPORT.read_text().splitlines():
        found = _ROW.match(line)
        if found and found["fault"] != "fault":
            rows[found["fault"]] = (int(found["times"]), found["outcome"])
    return rows


def write_report() -> None:
    """Merges this run's rows into the report (the times of a fault tried twice add up)."""
    if not _RUN.exists():
        return
    fresh: dict[str, tuple[int, str]] = {}
    for log in sorted(_RUN.glob("*.jsonl")):
        for line in log.read_text().splitlines():
            row = json.loads(line)
            times = fresh.get(row["fault"], (0, ""))[0] + int(row["times"])
            fresh[row["fault"]] = (times, row["outcome"])
        log.unlink()
    if not fresh:
        return
    rows = _existing_rows() | fresh
    lines = [
        "# Reliability",
        "",
        "Each fault and bad input the tests try, how many times in the run that last tried it, and",
        "what the API did. Written by the tests (`tests/support/reliability.py`); `make test`",
        "refreshes it.",
        "",
        "| fault | times | outcome |",
        "|---|---|---|",
        *(f"| {fault} | {times} | {outcome} |" for fault, (times, outcome) in sorted(rows.items())),
    ]
    REPORT.write_text("\n".join(lines) + "\n")
