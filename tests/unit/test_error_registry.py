"""The error-code registry (`shared.errors.ErrorCode`) is the one place a code is spelled, and
what docs/api.md, API Gateway's templates and the frontend's messages follow."""

from __future__ import annotations

import re

import pytest
import yaml

from infra import ROOT
from infra.deploy.error_codes_doc import committed_table, render_table
from infra.deploy.serverless_yml import CloudFormationLoader
from shared.errors import ApiError, ErrorCode

GATEWAY_RESPONSES = ROOT / "infra" / "deploy" / "resources" / "gateway-responses.yml"
FRONTEND_ERRORS = ROOT / "frontend" / "src" / "lib" / "errors.ts"
_LITERAL = re.compile(r"""["']([A-Z][A-Z0-9_]{3,})["']""")
# Besides the registry itself: the local gateway models API Gateway, whose response types
# (`REQUEST_TOO_LARGE`, `INTEGRATION_FAILURE`) are AWS's names, passed through as codes by the
# DEFAULT_4XX / DEFAULT_5XX templates (checked below).
_NOT_SCANNED = {ROOT / "shared" / "errors.py", ROOT / "infra" / "local" / "gateway.py"}
# Built, not written: the layer's copy of its packages (git ignores it).
_BUILD = ROOT / "infra" / "build"


def test_docs_table_is_generated_from_the_registry() -> None:
    assert committed_table() == render_table(), (
        "docs/api.md's error-code table is stale: run `python -m infra.deploy.error_codes_doc`"
    )


def test_no_code_is_spelled_outside_the_registry() -> None:
    codes = set(ErrorCode.__members__)
    spelled = {
        f"{path.relative_to(ROOT)}: {literal}"
        for folder in ("shared", "functions", "infra")
        for path in (ROOT / folder).rglob("*.py")
        if path not in _NOT_SCANNED and _BUILD not in path.parents
        for literal in _LITERAL.findall(path.read_text())
        if literal in codes
    }
    assert not spelled, f"codes spelled outside shared/errors.py: {sorted(spelled)}"


def _gateway_templates() -> dict[str, str]:
    document = yaml.load(GATEWAY_RESPONSES.read_text(), Loader=CloudFormationLoader)  # noqa: S506
    return {
        resource["Properties"]["ResponseType"]: resource["Properties"]["ResponseTemplates"][
            "application/json"
        ]
        for resource in document["Resources"].values()
    }


def test_every_code_the_gateway_writes_is_registered() -> None:
    written = {
        code
        for template in _gateway_templates().values()
        for code in re.findall(r'"code":\s*"([A-Z][A-Z0-9_]+)"', template)
    }
    assert {"FORBIDDEN", "NOT_FOUND", "RATE_LIMITED"} <= written
    assert written <= set(ErrorCode.__members__)


def test_every_response_type_the_local_gateway_passes_through_is_registered() -> None:
    """Types with no template of their own fall to DEFAULT_4XX / DEFAULT_5XX, whose templates
    write the type itself as the code."""
    source = (ROOT / "infra" / "local" / "gateway.py").read_text()
    used = set(re.findall(r'_gateway_error\(\s*"([A-Z_]+)"', source))
    passed_through = used - set(_gateway_templates())
    assert "INTEGRATION_FAILURE" in passed_through
    assert passed_through <= set(ErrorCode.__members__)


def test_the_frontend_has_a_message_for_exactly_the_registered_codes() -> None:
    source = FRONTEND_ERRORS.read_text()
    tables = re.findall(r"const \w+_MESSAGES: Record<string, string> = \{(.*?)\n\};", source, re.S)
    assert tables, "lib/errors.ts no longer holds its message tables"
    mapped = {key for table in tables for key in re.findall(r"^\s+(\w+):", table, re.M)}
    # NETWORK_ERROR is the client's own: a request that never got an answer.
    assert mapped - {"[NETWORK_ERROR]"} == set(ErrorCode.__members__)


def test_a_code_answers_only_with_its_own_statuses() -> None:
    assert ApiError(ErrorCode.NOT_FOUND).status == 404
    assert ApiError(ErrorCode.INVALID_TOKEN, status=404).status == 404
    with pytest.raises(TypeError):
        ApiError(ErrorCode.INVALID_TOKEN)  # 400 or 404: the raise must say which
    with pytest.raises(ValueError, match="never answered with 500"):
        ApiError(ErrorCode.NOT_FOUND, status=500)
    assert ApiError(ErrorCode.HTTP_ERROR, status=431).status == 431


def test_a_schema_validator_error_answers_with_its_registered_code() -> None:
    error = ErrorCode.PASSWORD_TOO_SHORT.field_error()
    assert (error.type, error.message()) == (
        "PASSWORD_TOO_SHORT",
        ErrorCode.PASSWORD_TOO_SHORT.spec.message,
    )
