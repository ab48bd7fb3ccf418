"""infra.deploy.usage_plan against moto's API Gateway: the plan, key and throttle that
serverless.yml declares, provisioned through boto3 and read back."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import boto3
import pytest
from moto import mock_aws

from infra.deploy.serverless_config import ServerlessConfig
from infra.deploy.serverless_yml import read_serverless_yml
from infra.deploy.usage_plan import UsagePlanSettings, provision_usage_plan

if TYPE_CHECKING:
    from mypy_boto3_apigateway import APIGatewayClient

STAGE = "test"
REGION = "us-east-1"
KEY_VALUE = "usage-plan-test-key-0123456789"


@pytest.fixture
def apigateway(monkeypatch: pytest.MonkeyPatch) -> Iterator[APIGatewayClient]:
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        yield boto3.client("apigateway", region_name=REGION)


def _deployed_api(client: APIGatewayClient) -> str:
    """A REST API with one method deployed to STAGE: a usage plan can only name a real stage."""
    api_id = client.create_rest_api(name=f"lambda-tasks-{STAGE}")["id"]
    root_id = next(
        r["id"] for r in client.get_resources(restApiId=api_id)["items"] if r["path"] == "/"
    )
    client.put_method(
        restApiId=api_id,
        resourceId=root_id,
        httpMethod="GET",
        authorizationType="NONE",
        apiKeyRequired=True,
    )
    client.put_integration(restApiId=api_id, resourceId=root_id, httpMethod="GET", type="MOCK")
    client.create_deployment(restApiId=api_id, stageName=STAGE)
    return api_id


def _stage_key(entry: object) -> str:
    # API Gateway answers "apiId/stage"; moto answers the {restApiId, stageName} it was given.
    if isinstance(entry, dict):
        return f"{entry['restApiId']}/{entry['stageName']}"
    return str(entry)


def _settings(environ: dict[str, str], params: dict[str, str] | None = None) -> UsagePlanSettings:
    return UsagePlanSettings.from_serverless_yml(
        ServerlessConfig.load(STAGE, region=REGION, environ=environ, params=params)
    )


def test_settings_are_serverless_yml_numbers() -> None:
    defaults = read_serverless_yml()["params"]["default"]
    settings = _settings({"LAMBDA_TASKS_API_KEY": KEY_VALUE})
    assert settings.rate_limit == defaults["throttleRate"]
    assert settings.burst_limit == defaults["throttleBurst"]
    # The key is in every browser: a quota would let one client switch the app off for all.
    assert defaults["dailyQuota"] == 0
    assert settings.quota_limit is None
    # The burst absorbs a page load's parallel calls; it must not be below the steady rate.
    assert settings.burst_limit >= settings.rate_limit > 0
    assert settings.key_value == KEY_VALUE
    assert settings.key_name == f"lambda-tasks-{STAGE}-web"


def test_a_stage_can_opt_into_a_daily_quota() -> None:
    settings = _settings({}, {"dailyQuota": "50000", "throttleRate": "5"})
    assert settings.quota_limit == 50000
    assert settings.quota_period == "DAY"
    assert settings.rate_limit == 5


def test_a_negative_quota_is_refused() -> None:
    with pytest.raises(ValueError, match="dailyQuota"):
        _settings({}, {"dailyQuota": "-1"})


def test_provisioned_plan_reads_back_with_the_same_limits(apigateway: APIGatewayClient) -> None:
    api_id = _deployed_api(apigateway)
    settings = _settings({"LAMBDA_TASKS_API_KEY": KEY_VALUE})

    provisioned = provision_usage_plan(
        apigateway, rest_api_id=api_id, stage=STAGE, settings=settings
    )

    plan = apigateway.get_usage_plan(usagePlanId=provisioned.usage_plan_id)
    assert plan["name"] == f"lambda-tasks-{STAGE}"
    assert plan["throttle"] == {
        "rateLimit": settings.rate_limit,
        "burstLimit": settings.burst_limit,
    }
    # No quota unless the stage asks for one.
    assert "quota" not in plan
    assert plan["apiStages"] == [{"apiId": api_id, "stage": STAGE}]

    plan_keys = apigateway.get_usage_plan_keys(usagePlanId=provisioned.usage_plan_id)["items"]
    assert [(k["id"], k["type"], k["value"]) for k in plan_keys] == [
        (provisioned.api_key_id, "API_KEY", KEY_VALUE)
    ]
    key = apigateway.get_api_key(apiKey=provisioned.api_key_id, includeValue=True)
    assert key["name"] == settings.key_name
    assert key["enabled"] is True
    assert key["value"] == provisioned.api_key_value == KEY_VALUE
    assert [_stage_key(entry) for entry in key["stageKeys"]] == [f"{api_id}/{STAGE}"]


def test_without_a_configured_value_api_gateway_generates_the_key(
    apigateway: APIGatewayClient,
) -> None:
    api_id = _deployed_api(apigateway)
    settings = _settings({})
    assert settings.key_value is None

    provisioned = provision_usage_plan(
        apigateway, rest_api_id=api_id, stage=STAGE, settings=settings
    )

    key = apigateway.get_api_key(apiKey=provisioned.api_key_id, includeValue=True)
    assert key["value"] == provisioned.api_key_value
    assert len(provisioned.api_key_value) >= 20


def test_a_quota_stage_gets_its_quota(apigateway: APIGatewayClient) -> None:
    api_id = _deployed_api(apigateway)
    settings = _settings({"LAMBDA_TASKS_API_KEY": KEY_VALUE}, {"dailyQuota": "20000"})

    provisioned = provision_usage_plan(
        apigateway, rest_api_id=api_id, stage=STAGE, settings=settings
    )

    plan = apigateway.get_usage_plan(usagePlanId=provisioned.usage_plan_id)
    assert plan["quota"]["limit"] == 20000
    assert plan["quota"]["period"] == "DAY"
