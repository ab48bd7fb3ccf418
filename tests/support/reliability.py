"""The README's "Reliability" table, produced by the tests that try each fault and bad input.

A test calls `tried(fault, times, outcome)` after its assertions pass; at the end of the run
`write_report` merges what this run tried into the table (a row per fault, so running one suite
refreshes its rows and keeps the others) and writes it between the README's reliability markers.
"""

from __future__ import annotations

import json
import os
import re

from infra import ROOT

README = ROOT / "README.md"
START, END = "<!-- reliability:start -->", "<!-- reliability:end -->"
_RUN = ROOT / ".local" / "reliability"
_ROW = re.compile(r"^\| (?P<fault>.+?) \| (?P<times>\d+) \| (?P<outcome>.+) \|$")


def tried(fault: str, times: int, outcome: str) -> None:
    _RUN.mkdir(parents=True, exist_ok=True)
    with (_RUN / f"{os.getpid()}.jsonl").open("a") as log:
        log.write(json.dumps({"fault": fault, "times": times, "outcome": outcome}) + "\n")


def _existing_rows() -> dict[str, tuple[int, str]]:
    rows = {}
    for line in _section(README.read_text()).splitlines():
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
    table = "\n".join(
        [
            "| fault | times | outcome |",
            "|---|---|---|",
            *(f"| {fault} | {n} | {outcome} |" for fault, (n, outcome) in sorted(rows.items())),
        ]
    )
    text = README.read_text()
    README.write_text(text.replace(_section(text), f"\n{table}\n"))


def _section(readme: str) -> str:
    """What stands between the markers (the markers must be there: the README owns them)."""
    return readme.split(START, 1)[1].split(END, 1)[0]
