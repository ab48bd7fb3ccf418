"""serverless.yml values with its variables resolved, for Python code that must agree with a deploy.

Only the variable forms this project's serverless.yml uses are understood: `${self:a.b}`,
`${sls:stage}`, `${opt:stage}`, `${opt:region}` and `${env:NAME}`, each with an optional
`, 'fallback'`. Anything else raises, so a new form cannot silently resolve to nonsense.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from infra.deploy.serverless_yml import read_serverless_yml

# Innermost first: a variable's fallback may itself hold a variable.
_VARIABLE = re.compile(r"\$\{([^${}]+)\}")
_QUOTED = re.compile(r"""^(['"])(.*)\1$""")


class UnresolvableVariable(ValueError):
    pass


@dataclass(frozen=True)
class ServerlessConfig:
    document: dict[str, Any]
    stage: str
    region: str | None = None
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))

    @classmethod
    def load(
        cls, stage: str, *, region: str | None = None, environ: Mapping[str, str] | None = None
    ) -> ServerlessConfig:
        return cls(
            document=read_serverless_yml(),
            stage=stage,
            region=region,
            environ=dict(os.environ) if environ is None else environ,
        )

    def get(self, dotted_path: str) -> Any:
        """The value at `a.b.c`, with every variable in it resolved."""
        return self.resolve(self._lookup(dotted_path))

    def resolve(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {key: self.resolve(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.resolve(item) for item in value]
        if isinstance(value, str):
            return self._resolve_string(value)
        return value

    def _lookup(self, dotted_path: str) -> Any:
        node: Any = self.document
        for part in dotted_path.split("."):
            if not isinstance(node, dict) or part not in node:
                raise UnresolvableVariable(f"serverless.yml has no {dotted_path}")
            node = node[part]
        return node

    def _resolve_string(self, text: str) -> Any:
        while match := _VARIABLE.search(text):
            value = self._resolve_variable(match.group(1))
            if match.span() == (0, len(text)):
                # A whole-value variable keeps its type (a mapping, a number...).
                if not isinstance(value, str):
                    return self.resolve(value)
                text = value
                continue
            text = text[: match.start()] + str(value) + text[match.end() :]
        return text

    def _resolve_variable(self, expression: str) -> Any:
        reference, _, fallback_text = expression.partition(",")
        reference = reference.strip()
        fallback = _parse_fallback(fallback_text) if fallback_text else None
        source, _, address = reference.partition(":")
        value: Any
        if source == "self":
            value = self._lookup(address)
        elif (source == "sls" and address == "stage") or (source == "opt" and address == "stage"):
            value = self.stage
        elif source == "opt" and address == "region":
            value = self.region
        elif source == "env":
            value = self.environ.get(address)
        else:
            raise UnresolvableVariable(f"unsupported variable ${{{expression}}}")
        if value is None:
            if fallback is None:
                raise UnresolvableVariable(f"${{{expression}}} has no value")
            return fallback
        return value


def _parse_fallback(text: str) -> str:
    text = text.strip()
    quoted = _QUOTED.match(text)
    if quoted:
        return quoted.group(2)
    raise UnresolvableVariable(f"unsupported fallback {text!r}: quote it")
