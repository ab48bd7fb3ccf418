"""Delete all but the newest published versions of every function after a deploy.

`python -m infra.deploy.prune_versions --stage prod [--region us-east-1] [--param keepVersions=5]`
(`npm run deploy` runs it after `osls deploy`, with the same options).

SnapStart runs published versions only, so every deploy publishes one per function
(`versionFunctions: true`), and each published version keeps a cached snapshot that is billed for
as long as the version exists. This keeps the newest `keepVersions` (a stage parameter) of each
function, for a quick rollback by pointing the alias back, and deletes the rest. A version an alias
points to (or sends weighted traffic to) is never deleted, whatever its age, and neither is
`$LATEST`. Options this script does not know (osls's own) are ignored, so one list of options can
be handed to both commands.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import boto3

from infra.deploy.serverless_config import ServerlessConfig

if TYPE_CHECKING:
    from mypy_boto3_lambda import LambdaClient

LATEST = "$LATEST"
# serverless.yml's `stage: ${opt:stage, 'dev'}`, for a run given no --stage, as osls would take it.
DEFAULT_STAGE = "dev"


@dataclass(frozen=True)
class PruneResult:
    function_name: str
    kept: tuple[str, ...]
    deleted: tuple[str, ...]


def versions_in_use(client: LambdaClient, function_name: str) -> set[str]:
    """Every version an alias routes to, fully or by weight."""
    in_use: set[str] = set()
    for page in client.get_paginator("list_aliases").paginate(FunctionName=function_name):
        for alias in page["Aliases"]:
            in_use.add(alias["FunctionVersion"])
            weights = alias.get("RoutingConfig", {}).get("AdditionalVersionWeights", {})
            in_use.update(weights)
    return in_use


def published_versions(client: LambdaClient, function_name: str) -> list[str]:
    """The function's published versions, newest first ($LATEST is not a published version)."""
    versions: list[str] = []
    paginator = client.get_paginator("list_versions_by_function")
    for page in paginator.paginate(FunctionName=function_name):
        versions.extend(v["Version"] for v in page["Versions"] if v["Version"] != LATEST)
    return sorted(versions, key=int, reverse=True)


def prune_function(client: LambdaClient, function_name: str, keep: int) -> PruneResult:
    if keep < 1:
        raise ValueError(f"keepVersions must be at least 1, not {keep}")
    versions = published_versions(client, function_name)
    protected = versions_in_use(client, function_name)
    newest = set(versions[:keep])
    deleted = [v for v in versions if v not in newest and v not in protected]
    for version in deleted:
        client.delete_function(FunctionName=function_name, Qualifier=version)
    kept = tuple(v for v in versions if v not in deleted)
    return PruneResult(function_name=function_name, kept=kept, deleted=tuple(deleted))


def deployed_function_names(config: ServerlessConfig) -> list[str]:
    """The functions' names as osls deploys them: `name:` if set, else service-stage-function."""
    service = config.get("service")
    functions: dict[str, Any] = config.document["functions"]
    return [
        str(config.get(f"functions.{key}.name"))
        if "name" in spec
        else f"{service}-{config.stage}-{key}"
        for key, spec in functions.items()
    ]


def keep_versions(config: ServerlessConfig) -> int:
    value = config.param("keepVersions")
    if value is None:
        raise ValueError("serverless.yml sets no keepVersions stage parameter")
    return int(value)


def prune_stage(client: LambdaClient, config: ServerlessConfig) -> list[PruneResult]:
    keep = keep_versions(config)
    return [prune_function(client, name, keep) for name in deployed_function_names(config)]


def _parse_params(pairs: Sequence[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        name, separator, value = pair.partition("=")
        if not separator or not name:
            raise SystemExit(f"--param takes name=value, not {pair!r}")
        params[name] = value
    return params


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--stage", "-s")
    parser.add_argument("--region", "-r")
    parser.add_argument("--param", action="append", default=[], help="name=value, as for osls")
    parser.add_argument("--aws-profile")
    arguments, _osls_only = parser.parse_known_args(argv)
    config = ServerlessConfig.load(
        arguments.stage or DEFAULT_STAGE,
        region=arguments.region,
        params=_parse_params(arguments.param),
    )
    region = arguments.region or str(config.get("provider.region"))
    session = boto3.Session(profile_name=arguments.aws_profile, region_name=region)
    client: LambdaClient = session.client("lambda")
    for result in prune_stage(client, config):
        print(
            f"prune: {result.function_name}: kept {', '.join(result.kept) or 'none'}; "
            f"deleted {', '.join(result.deleted) or 'none'}"
        )


if __name__ == "__main__":
    main()
