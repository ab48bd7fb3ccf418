"""The "Reliability" table of docs/reliability.md, produced by the tests that try each fault.

A test calls `tried(fault, times, outcome)` after its assertions pass; each test process appends
its rows to `.local/reliability/<pid>.jsonl`. At the end of a run `merge_run` folds those files
into `.local/reliability/report.json` (a row per fault, so running one suite refreshes its rows
and keeps the others). Everything under `.local/` is ignored by git: a test run never writes a
tracked file. `make report` (`python -m tests.support.reliability`) then writes the table between
the markers in docs/reliability.md, keeping the rows of faults this clone has not tried.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from infra import ROOT

DOC = ROOT / "docs" / "reliability.md"
START, END = "<!-- reliability:start -->", "<!-- reliability:end -->"
_RUN = ROOT / ".local" / "reliability"
REPORT = _RUN / "report.json"
_ROW = re.compile(r"^\| (?P<fault>.+?) \| (?P<times>\d+) \| (?P<outcome>.+) \|$")

Rows = dict[str, tuple[int, str]]


def tried(fault: str, times: int, outcome: str) -> None:
    _RUN.mkdir(parents=True, exist_ok=True)
    with (_RUN / f"{os.getpid()}.jsonl").open("a") as log:
        log.write(json.dumps({"fault": fault, "times": times, "outcome": outcome}) + "\n")


@contextmanager
def _locked() -> Iterator[None]:
    """One merge at a time: several pytest runs may finish together on one clone."""
    _RUN.mkdir(parents=True, exist_ok=True)
    with (_RUN / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _read_report() -> Rows:
    if not REPORT.exists():
        return {}
    saved = json.loads(REPORT.read_text())
    return {fault: (int(times), outcome) for fault, (times, outcome) in saved.items()}


def _write_atomically(path: Path, text: str) -> None:
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_text(text)
    partial.replace(path)


def merge_run() -> None:
    """Folds this run's rows into report.json (the times of a fault tried twice add up)."""
    if not _RUN.exists():
        return
    with _locked():
        fresh: Rows = {}
        for log in sorted(_RUN.glob("*.jsonl")):
            for line in log.read_text().splitlines():
                row = json.loads(line)
                times = fresh.get(row["fault"], (0, ""))[0] + int(row["times"])
                fresh[row["fault"]] = (times, row["outcome"])
            log.unlink()
        if fresh:
            rows = _read_report() | fresh
            _write_atomically(REPORT, json.dumps(rows, indent=1, sort_keys=True) + "\n")


def _section(doc: str) -> str:
    """What stands between the markers (the markers must be there: the document owns them)."""
    return doc.split(START, 1)[1].split(END, 1)[0]


def _documented_rows(doc: str) -> Rows:
    rows = {}
    for line in _section(doc).splitlines():
        found = _ROW.match(line)
        if found and found["fault"] != "fault":
            rows[found["fault"]] = (int(found["times"]), found["outcome"])
    return rows


def table(rows: Rows) -> str:
    return "\n".join(
        [
            "| fault | times | outcome |",
            "|---|---|---|",
            *(f"| {fault} | {n} | {outcome} |" for fault, (n, outcome) in sorted(rows.items())),
        ]
    )


def write_report(doc_path: Path = DOC) -> int:
    """`make report`: the table in docs/reliability.md, from report.json. Returns the row count."""
    merge_run()
    with _locked():
        text = doc_path.read_text()
        rows = _documented_rows(text) | _read_report()
        doc_path.write_text(text.replace(_section(text), f"\n{table(rows)}\n", 1))
    return len(rows)


if __name__ == "__main__":
    count = write_report()
    print(f"{DOC.relative_to(ROOT)}: {count} reliability rows (from {REPORT.relative_to(ROOT)})")
