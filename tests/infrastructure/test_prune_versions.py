"""infra.deploy.prune_versions against moto's Lambda API: after a run, each function keeps its
newest `keepVersions` published versions plus any an alias routes to, and $LATEST."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING

import boto3
import pytest
from moto import mock_aws

from infra.deploy.prune_versions import (
    DEFAULT_STAGE,
    deployed_function_names,
    keep_versions,
    main,
    prune_function,
    published_versions,
)
from infra.deploy.serverless_config import ServerlessConfig
from infra.deploy.serverless_yml import read_serverless_yml

if TYPE_CHECKING:
    from mypy_boto3_lambda import LambdaClient

REGION = "us-east-1"
STAGE = "test"


def _code(revision: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", f"def handler(event, context):\n    return {revision}\n")
    return buffer.getvalue()


@pytest.fixture
def lambda_client(monkeypatch: pytest.MonkeyPatch) -> Iterator[LambdaClient]:
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    with mock_aws():
        yield boto3.client("lambda", region_name=REGION)


def _role() -> str:
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "lambda.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
    iam = boto3.client("iam", region_name=REGION)
    role = iam.create_role(RoleName="prune-test", AssumeRolePolicyDocument=json.dumps(trust))
    return str(role["Role"]["Arn"])


def _deployed(client: LambdaClient, name: str, role: str, deploys: int) -> list[str]:
    """A function after `deploys` deploys: one published version each, as osls publishes them."""
    client.create_function(
        FunctionName=name,
        Runtime="python3.12",
        Role=role,
        Handler="handler.handler",
        Code={"ZipFile": _code(0)},
    )
    versions = []
    for revision in range(1, deploys + 1):
        client.update_function_code(FunctionName=name, ZipFile=_code(revision))
        versions.append(client.publish_version(FunctionName=name)["Version"])
    client.create_alias(FunctionName=name, Name="snapstart", FunctionVersion=versions[-1])
    return versions


def _remaining(client: LambdaClient, name: str) -> list[str]:
    return [v["Version"] for v in client.list_versions_by_function(FunctionName=name)["Versions"]]


def test_keeps_the_newest_and_deletes_the_rest(lambda_client: LambdaClient) -> None:
    versions = _deployed(lambda_client, "lambda-tasks-test-tasks-get", _role(), deploys=6)
    assert versions == ["1", "2", "3", "4", "5", "6"]

    result = prune_function(lambda_client, "lambda-tasks-test-tasks-get", keep=3)

    assert result.deleted == ("3", "2", "1")
    assert result.kept == ("6", "5", "4")
    assert sorted(_remaining(lambda_client, "lambda-tasks-test-tasks-get")) == [
        "$LATEST",
        "4",
        "5",
        "6",
    ]
    # The alias API Gateway calls still resolves.
    alias = lambda_client.get_alias(FunctionName="lambda-tasks-test-tasks-get", Name="snapstart")
    assert alias["FunctionVersion"] == "6"
    # A second run finds nothing more to delete.
    again = prune_function(lambda_client, "lambda-tasks-test-tasks-get", keep=3)
    assert again.deleted == ()


def test_never_deletes_a_version_an_alias_points_to(lambda_client: LambdaClient) -> None:
    name = "lambda-tasks-test-tasks-list"
    _deployed(lambda_client, name, _role(), deploys=5)
    # A rollback: the alias was pointed back at an old version, and another alias keeps one too.
    lambda_client.update_alias(FunctionName=name, Name="snapstart", FunctionVersion="1")
    lambda_client.create_alias(FunctionName=name, Name="canary", FunctionVersion="2")

    result = prune_function(lambda_client, name, keep=1)

    assert result.deleted == ("4", "3")
    assert sorted(_remaining(lambda_client, name)) == ["$LATEST", "1", "2", "5"]
    assert published_versions(lambda_client, name) == ["5", "2", "1"]


def test_keep_must_leave_at_least_one(lambda_client: LambdaClient) -> None:
    name = "lambda-tasks-test-tasks-create"
    _deployed(lambda_client, name, _role(), deploys=2)
    with pytest.raises(ValueError, match="at least 1"):
        prune_function(lambda_client, name, keep=0)
    assert sorted(_remaining(lambda_client, name)) == ["$LATEST", "1", "2"]


def test_the_command_prunes_every_function_of_the_stage(
    lambda_client: LambdaClient, capsys: pytest.CaptureFixture[str]
) -> None:
    config = ServerlessConfig.load(STAGE, region=REGION)
    names = deployed_function_names(config)
    assert len(names) == len(read_serverless_yml()["functions"]) == 20
    assert "lambda-tasks-test-auth-sign-in" in names
    role = _role()
    for name in names:
        _deployed(lambda_client, name, role, deploys=4)

    # The same options `npm run deploy` gives osls, including ones only osls knows.
    main(["--stage", STAGE, "--region", REGION, "--param", "keepVersions=2", "--verbose"])

    for name in names:
        assert sorted(_remaining(lambda_client, name)) == ["$LATEST", "3", "4"], name
    assert capsys.readouterr().out.count("deleted 2, 1") == len(names)


def test_keep_versions_is_a_stage_parameter() -> None:
    assert keep_versions(ServerlessConfig.load(STAGE, environ={})) == 3
    overridden = ServerlessConfig.load(STAGE, environ={}, params={"keepVersions": "5"})
    assert keep_versions(overridden) == 5
    # The default stage matches serverless.yml's own.
    assert read_serverless_yml()["provider"]["stage"] == f"${{opt:stage, '{DEFAULT_STAGE}'}}"
