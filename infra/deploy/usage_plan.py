"""The API key and usage plan, provisioned through boto3 from serverless.yml's own numbers.

`serverless deploy` creates these from `provider.apiGateway` itself; this module does the same
through boto3 for a REST API created some other way (a test against moto, or a stage built by
hand), reading the throttle and quota from serverless.yml so that there is one source for them:
the throttle from `provider.apiGateway.usagePlan`, the daily quota from the `dailyQuota` stage
parameter (0, the default, means no quota; infra/deploy/resources/usage-plan-quota.yml adds it to
the template only when set).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from infra.deploy.serverless_config import ServerlessConfig

if TYPE_CHECKING:
    from mypy_boto3_apigateway import APIGatewayClient
    from mypy_boto3_apigateway.type_defs import QuotaSettingsTypeDef, ThrottleSettingsTypeDef


@dataclass(frozen=True)
class UsagePlanSettings:
    plan_name: str
    plan_description: str
    key_name: str
    key_description: str | None
    key_value: str | None  # None: API Gateway generates one
    rate_limit: float  # steady requests per second, across all callers of the key
    burst_limit: int
    quota_limit: int | None  # requests a day; None: no quota
    quota_period: str = "DAY"

    @classmethod
    def from_serverless_yml(cls, config: ServerlessConfig) -> UsagePlanSettings:
        api_gateway = config.get("provider.apiGateway")
        plan: dict[str, Any] = api_gateway["usagePlan"]
        keys: list[Any] = api_gateway["apiKeys"]
        if len(keys) != 1 or not isinstance(keys[0], dict):
            raise ValueError("serverless.yml should declare exactly one API key, as a mapping")
        key: dict[str, Any] = keys[0]
        service = str(config.get("service"))
        throttle: dict[str, Any] = plan["throttle"]
        daily_quota = int(config.param("dailyQuota") or 0)
        if daily_quota < 0:
            raise ValueError(f"dailyQuota must be 0 (no quota) or more, not {daily_quota}")
        return cls(
            # The names `serverless deploy` gives them, so both paths describe the same objects.
            plan_name=f"{service}-{config.stage}",
            plan_description=f"Usage plan for {service} {config.stage} stage",
            key_name=str(key["name"]),
            key_description=key.get("description"),
            key_value=str(key["value"]) if key.get("value") else None,
            rate_limit=float(throttle["rateLimit"]),
            burst_limit=int(throttle["burstLimit"]),
            quota_limit=daily_quota or None,
        )


@dataclass(frozen=True)
class ProvisionedUsagePlan:
    usage_plan_id: str
    api_key_id: str
    api_key_value: str


def provision_usage_plan(
    client: APIGatewayClient, *, rest_api_id: str, stage: str, settings: UsagePlanSettings
) -> ProvisionedUsagePlan:
    """Creates the key and the plan for `rest_api_id`'s `stage` and ties them together."""
    key_arguments: dict[str, Any] = {
        "name": settings.key_name,
        "enabled": True,
        "stageKeys": [{"restApiId": rest_api_id, "stageName": stage}],
    }
    if settings.key_description:
        key_arguments["description"] = settings.key_description
    if settings.key_value:
        key_arguments["value"] = settings.key_value
    key = client.create_api_key(**key_arguments)

    throttle: ThrottleSettingsTypeDef = {
        "rateLimit": settings.rate_limit,
        "burstLimit": settings.burst_limit,
    }
    plan_arguments: dict[str, Any] = {
        "name": settings.plan_name,
        "description": settings.plan_description,
        "apiStages": [{"apiId": rest_api_id, "stage": stage}],
        "throttle": throttle,
    }
    if settings.quota_limit is not None:
        quota: QuotaSettingsTypeDef = {
            "limit": settings.quota_limit,
            "period": settings.quota_period,  # type: ignore[typeddict-item]
        }
        plan_arguments["quota"] = quota
    plan = client.create_usage_plan(**plan_arguments)
    client.create_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"], keyType="API_KEY")
    return ProvisionedUsagePlan(
        usage_plan_id=plan["id"], api_key_id=key["id"], api_key_value=key["value"]
    )
