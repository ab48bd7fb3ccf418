"""What a function can import on Lambda: the standard library, the project, the layer's
distributions (`infra/layer-requirements.txt` and what they require) and what the Python runtime
itself provides (boto3). The developer virtualenv holds more (moto pulls in `cryptography`,
which would change which backend python-jose picks), so the cold-import probes refuse the rest.
"""

from __future__ import annotations

import importlib.metadata as metadata
import sys
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from types import ModuleType

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from infra import ROOT

LAYER_REQUIREMENTS = ROOT / "infra" / "layer-requirements.txt"
# Shipped by the Lambda Python runtime, not by the layer.
RUNTIME_PROVIDED = ("boto3", "snapshot-restore-py")
PROJECT_PACKAGES = frozenset({"shared", "functions", "infra", "tests"})


def _roots() -> list[Requirement]:
    lines = LAYER_REQUIREMENTS.read_text().splitlines()
    wanted = [line.split("#")[0].strip() for line in lines]
    return [Requirement(line) for line in [*wanted, *RUNTIME_PROVIDED] if line]


def layer_distributions() -> dict[str, set[str]]:
    """Every distribution the layer (and runtime) holds, with the extras asked of it."""
    found: dict[str, set[str]] = {}
    pending = _roots()
    while pending:
        requirement = pending.pop()
        name = canonicalize_name(requirement.name)
        extras = set(requirement.extras)
        if name in found and extras <= found[name]:
            continue
        found[name] = found.get(name, set()) | extras
        for text in metadata.distribution(name).requires or []:
            dependency = Requirement(text)
            markers = [{"extra": extra} for extra in found[name] or {""}]
            if dependency.marker is None or any(dependency.marker.evaluate(m) for m in markers):
                pending.append(dependency)
    return found


def _top_level_modules(distribution: metadata.Distribution) -> set[str]:
    modules = set()
    for file in distribution.files or []:
        top = file.parts[0]
        if top.endswith((".dist-info", ".data", ".pth")) or top in {"..", "__pycache__", "bin"}:
            continue
        modules.add(top.removesuffix(".py").split(".")[0])
    return modules


def missing_on_lambda() -> frozenset[str]:
    """Top-level modules the virtualenv installs that a Lambda container would not have."""
    layer = set(layer_distributions())
    installed: set[str] = set()
    shipped: set[str] = set()
    for distribution in metadata.distributions():
        modules = _top_level_modules(distribution)
        installed |= modules
        if canonicalize_name(distribution.metadata["Name"]) in layer:
            shipped |= modules
    return frozenset(installed - shipped - PROJECT_PACKAGES)


class OnlyWhatLambdaHas(MetaPathFinder):
    """Refuses to import anything a Lambda container would not have."""

    def __init__(self, missing: frozenset[str]) -> None:
        self.missing = missing

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        top = fullname.partition(".")[0]
        if top not in self.missing:
            return None
        raise ModuleNotFoundError(f"{top} is not in the Lambda layer", name=fullname)


def install() -> None:
    sys.meta_path.insert(0, OnlyWhatLambdaHas(missing_on_lambda()))
