"""serverless.yml values with its variables resolved, for Python code that must agree with a deploy.

Only the variable forms this project's serverless.yml uses are understood: `${self:a.b}`,
`${sls:stage}`, `${opt:stage}`, `${opt:region}`, `${env:NAME}` and `${param:name}`, each with an
optional fallback: `'quoted text'`, `null`, or another variable written without `${}`
(`${env:X, param:y}`). Anything else raises, so a new form cannot silently resolve to nonsense.

Stage parameters resolve as osls resolves them: a `--param name=value` given on the command line
(`params` here), else `params.<stage>.name`, else `params.default.name`.
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
_REFERENCE = re.compile(r"^(self|sls|opt|env|param):[\w.-]+")


class UnresolvableVariable(ValueError):
    pass


@dataclass(frozen=True)
class ServerlessConfig:
    document: dict[str, Any]
    stage: str
    region: str | None = None
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    # `--param name=value` overrides, as the deploy command was given them.
    params: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def load(
        cls,
        stage: str,
        *,
        region: str | None = None,
        environ: Mapping[str, str] | None = None,
        params: Mapping[str, str] | None = None,
    ) -> ServerlessConfig:
        return cls(
            document=read_serverless_yml(),
            stage=stage,
            region=region,
            environ=dict(os.environ) if environ is None else environ,
            params=dict(params or {}),
        )

    def param(self, name: str) -> Any:
        """A stage parameter's value, or None when neither the stage nor the default sets it."""
        if name in self.params:
            return self.params[name]
        declared: dict[str, Any] = self.document.get("params") or {}
        for scope in (self.stage, "default"):
            value = (declared.get(scope) or {}).get(name)
            if value is not None:
                return self.resolve(value)
        return None

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
        value = self._resolve_reference(reference.strip(), expression)
        if value is not None:
            return value
        if not fallback_text:
            raise UnresolvableVariable(f"${{{expression}}} has no value")
        fallback = fallback_text.strip()
        if quoted := _QUOTED.match(fallback):
            return quoted.group(2)
        if fallback == "null":
            return None
        if _REFERENCE.match(fallback):
            # Another variable, written without ${}: it may have a fallback of its own.
            return self._resolve_variable(fallback)
        raise UnresolvableVariable(f"unsupported fallback {fallback!r}: quote it")

    def _resolve_reference(self, reference: str, expression: str) -> Any:
        source, _, address = reference.partition(":")
        if source == "self":
            return self._lookup(address)
        if (source == "sls" and address == "stage") or (source == "opt" and address == "stage"):
            return self.stage
        if source == "opt" and address == "region":
            return self.region
        if source == "env":
            return self.environ.get(address)
        if source == "param":
            return self.param(address)
        raise UnresolvableVariable(f"unsupported variable ${{{expression}}}")
