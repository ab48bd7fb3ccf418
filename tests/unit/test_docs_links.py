"""The README and docs/ hold together: every relative link (and its `#anchor`) resolves, and no
heading or figure names a tracker issue where it should say what changed and when."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from infra import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

_FENCE = re.compile(r"^(```|~~~)")
_INLINE_CODE = re.compile(r"`[^`]*`")
_LINK = re.compile(r"!?\[(?:[^\]\[]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ISSUE = re.compile(r"\bissues?\s+#?\d+|(?<![\w.(/#&])#\d+\b(?!-)", re.IGNORECASE)


def _prose_lines(text: str) -> list[tuple[int, str]]:
    """The lines outside fenced code blocks, with their line numbers."""
    lines, fenced = [], False
    for number, line in enumerate(text.splitlines(), 1):
        if _FENCE.match(line.lstrip()):
            fenced = not fenced
            continue
        if not fenced:
            lines.append((number, line))
    return lines


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"`([^`]*)`", r"\1", heading)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    found: set[str] = set()
    seen: dict[str, int] = {}
    for _, line in _prose_lines(path.read_text()):
        heading = _HEADING.match(line)
        if not heading:
            continue
        base = slug(heading[2])
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def links(path: Path) -> list[tuple[int, str]]:
    """Every link target in the prose (not in code), with its line number."""
    return [
        (number, target)
        for number, line in _prose_lines(path.read_text())
        for target in _LINK.findall(_INLINE_CODE.sub("", line))
    ]


def _is_external(target: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE))


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves(doc: Path) -> None:
    broken = []
    for number, target in links(doc):
        if _is_external(target):
            continue
        file_part, _, anchor = target.partition("#")
        linked = (doc.parent / file_part).resolve() if file_part else doc
        where = f"{doc.relative_to(ROOT)}:{number}: {target}"
        if not linked.exists():
            broken.append(f"{where} (no such file)")
        elif anchor and linked.suffix == ".md" and anchor not in anchors(linked):
            broken.append(f"{where} (no heading #{anchor} in {linked.relative_to(ROOT)})")
    assert not broken, "broken links:\n" + "\n".join(broken)


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_issue_numbers(doc: Path) -> None:
    """Say what changed and when (a date), not which ticket asked for it."""
    named = [
        f"{doc.relative_to(ROOT)}:{number}: {line.strip()}"
        for number, line in _prose_lines(doc.read_text())
        if _ISSUE.search(_INLINE_CODE.sub("", line))
    ]
    assert not named, "issue numbers in the docs:\n" + "\n".join(named)


def test_the_readme_stays_short() -> None:
    lines = (ROOT / "README.md").read_text().count("\n")
    assert lines <= 200, f"README.md has {lines} lines; move detail into docs/"


def test_the_checker_sees_what_it_should() -> None:
    """The link and slug rules themselves, on known cases."""
    assert slug("Usage plan: 20 requests/s steady, bursts of 40, no daily quota") == (
        "usage-plan-20-requestss-steady-bursts-of-40-no-daily-quota"
    )
    assert slug("1. The database (Neon)") == "1-the-database-neon"
    assert slug("Compared with Better Auth's own server") == "compared-with-better-auths-own-server"
    assert slug("`make dev`: the local stack") == "make-dev-the-local-stack"
    line = 'see [a](docs/a.md#x), ![b](b.png "t"), `[c](not-a-link.md)` and [d](https://e.org)'
    assert _LINK.findall(_INLINE_CODE.sub("", line)) == ["docs/a.md#x", "b.png", "https://e.org"]
    assert _ISSUE.search("retired by issue 13")
    assert _ISSUE.search("as in #13, then")
    assert not _ISSUE.search("[step 1](deploy.md#1-the-database-neon)")
