"""The functions and their routes, read from serverless.yml: the single source of routing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from infra import ROOT

SERVERLESS_YML = ROOT / "serverless.yml"


class CloudFormationLoader(yaml.SafeLoader):
    """Reads serverless.yml, keeping CloudFormation tags (!Ref, !GetAtt...) as plain values."""


def _any_tag(loader: yaml.SafeLoader, _suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    assert isinstance(node, yaml.MappingNode)
    return loader.construct_mapping(node)


CloudFormationLoader.add_multi_constructor("!", _any_tag)


@dataclass(frozen=True)
class FunctionRoute:
    function: str
    method: str
    resource: str  # "/api/tasks/{id}", as API Gateway names it
    private: bool
    handler_file: Path

    @property
    def pattern(self) -> re.Pattern[str]:
        regex = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(self.resource))
        return re.compile(f"^{regex}$")

    def match(self, path: str) -> dict[str, str] | None:
        found = self.pattern.match(path)
        return found.groupdict() if found else None


def read_serverless_yml(path: Path = SERVERLESS_YML) -> dict[str, Any]:
    with path.open() as stream:
        document = yaml.load(stream, Loader=CloudFormationLoader)  # noqa: S506 - safe loader subclass
    assert isinstance(document, dict)
    return document


@cache
def load_routes() -> tuple[FunctionRoute, ...]:
    routes = []
    for name, spec in read_serverless_yml()["functions"].items():
        module_path = spec["handler"].rsplit(".", 1)[0]
        for event in spec.get("events", []):
            http = event.get("http")
            if not http:
                continue
            routes.append(
                FunctionRoute(
                    function=name,
                    method=str(http["method"]).upper(),
                    resource="/" + str(http["path"]).lstrip("/"),
                    private=bool(http.get("private", False)),
                    handler_file=ROOT / f"{module_path}.py",
                )
            )
    return tuple(routes)


def route_for(function: str) -> FunctionRoute:
    return next(route for route in load_routes() if route.function == function)


def find_route(method: str, path: str) -> tuple[FunctionRoute, dict[str, str]] | None:
    for route in load_routes():
        params = route.match(path)
        if params is not None and route.method == method.upper():
            return route, params
    return None


def routes_for_path(path: str) -> list[FunctionRoute]:
    return [route for route in load_routes() if route.match(path) is not None]
