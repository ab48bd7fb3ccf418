"""docs/api.md's error-code table, generated from the registry (`shared.errors.ErrorCode`).

`python -m infra.deploy.error_codes_doc` rewrites the table between its markers; a unit test
fails when the committed table differs from what the registry says.
"""

from __future__ import annotations

import os

from infra import ROOT

API_DOC = ROOT / "docs" / "api.md"
START, END = "<!-- error-codes:start -->", "<!-- error-codes:end -->"


def render_table() -> str:
    from shared.errors import ErrorCode

    rows = [
        "| code | status | default message | meaning | routes |",
        "|---|---|---|---|---|",
    ]
    for code in ErrorCode:
        spec = code.spec
        statuses = ", ".join(map(str, spec.statuses)) or "the failure's own"
        rows.append(
            f"| `{code.name}` | {statuses} | {spec.message} | {spec.meaning} | {spec.routes} |"
        )
    return "\n".join(rows)


def committed_table() -> str:
    return API_DOC.read_text().split(START, 1)[1].split(END, 1)[0].strip()


def write_table() -> None:
    text = API_DOC.read_text()
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    API_DOC.write_text(f"{before}{START}\n{render_table()}\n{END}{after}")


if __name__ == "__main__":
    os.environ.setdefault("DATABASE_URL", "postgresql://docs@127.0.0.1/unused")
    write_table()
    print(f"wrote the error-code table in {API_DOC.relative_to(ROOT)}")
