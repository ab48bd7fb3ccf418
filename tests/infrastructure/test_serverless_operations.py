"""What an ops team expects of the packaged stack, checked in the template `osls package` wrote,
once with serverless.yml's defaults and once with every option on (HARDENED_PARAMS): the optional
daily quota and WAF web ACL, the alarms and their topic, tracing, access logs, stack tags,
reserved concurrency, and SnapStart with a version and alias per function."""

from __future__ import annotations

import json
from typing import Any

from infra.deploy.serverless_yml import load_routes, read_serverless_yml
from shared.observability import SERVICE
from tests.infrastructure.conftest import (
    DEPLOY_ENVIRONMENT,
    HARDENED_PARAMS,
    STAGE,
    PackagedService,
)

FUNCTION_NAMES = tuple(read_serverless_yml()["functions"])
P95_FUNCTIONS = ("auth-sign-in", "auth-sign-up")


def _logical_id(function: str) -> str:
    """osls's logical id for a function: auth-sign-in -> AuthDashsignDashinLambdaFunction."""
    normalized = function.replace("-", "Dash")
    return f"{normalized[0].upper()}{normalized[1:]}LambdaFunction"


def _alarms(packaged: PackagedService) -> dict[str, dict[str, Any]]:
    return {
        logical_id: resource["Properties"]
        for logical_id, resource in packaged.resources_of_type("AWS::CloudWatch::Alarm").items()
    }


def _function_alarms(packaged: PackagedService, function: str, metric: str) -> list[dict[str, Any]]:
    return [
        alarm
        for alarm in _alarms(packaged).values()
        if alarm["Namespace"] == "AWS/Lambda"
        and alarm["MetricName"] == metric
        and alarm["Dimensions"]
        == [{"Name": "FunctionName", "Value": {"Ref": _logical_id(function)}}]
    ]


# --- The daily quota: a stage option, off by default


def test_the_daily_quota_is_off_by_default_and_a_stage_can_set_one(
    packaged: PackagedService, packaged_hardened: PackagedService
) -> None:
    for service in (packaged, packaged_hardened):
        quota = service.template["Resources"]["ApiGatewayUsagePlan"]["Properties"]["Quota"]
        assert quota == {
            "Fn::If": [
                "HasDailyQuota",
                {"Limit": {"Ref": "DailyQuota"}, "Period": "DAY"},
                {"Ref": "AWS::NoValue"},
            ]
        }
    assert not packaged.condition_holds("HasDailyQuota")
    assert packaged_hardened.condition_holds("HasDailyQuota")
    assert packaged_hardened.template["Parameters"]["DailyQuota"]["Default"] == "50000"


# --- WAF: a per-IP rate-based rule in front of the stage, off by default


def test_the_waf_web_acl_exists_only_where_the_stage_asks_for_it(
    packaged: PackagedService, packaged_hardened: PackagedService
) -> None:
    for service in (packaged, packaged_hardened):
        assert set(service.resources_of_type("AWS::WAFv2::WebACL")) == {"WafWebAcl"}
        assert set(service.resources_of_type("AWS::WAFv2::WebACLAssociation")) == {
            "WafWebAclAssociation"
        }
    assert not packaged.is_created("WafWebAcl")
    assert not packaged.is_created("WafWebAclAssociation")
    assert packaged_hardened.is_created("WafWebAcl")
    assert packaged_hardened.is_created("WafWebAclAssociation")
    # prod turns it on in serverless.yml; other stages opt in with --param or their own params.
    assert read_serverless_yml()["params"]["prod"]["wafRateLimit"] > 0


def test_the_waf_rule_blocks_one_flooding_address_with_the_api_error_shape(
    packaged_hardened: PackagedService,
) -> None:
    resources = packaged_hardened.template["Resources"]
    acl = resources["WafWebAcl"]["Properties"]
    assert acl["Scope"] == "REGIONAL"
    assert acl["DefaultAction"] == {"Allow": {}}
    (rule,) = acl["Rules"]
    statement = rule["Statement"]["RateBasedStatement"]
    assert statement["AggregateKeyType"] == "IP"
    assert statement["Limit"] == {"Ref": "WafRateLimit"}
    assert packaged_hardened.template["Parameters"]["WafRateLimit"]["Default"] == "500"
    response = rule["Action"]["Block"]["CustomResponse"]
    assert response["ResponseCode"] == 429
    body = acl["CustomResponseBodies"][response["CustomResponseBodyKey"]]
    assert body["ContentType"] == "APPLICATION_JSON"
    assert json.loads(body["Content"])["code"] == "RATE_LIMITED"
    headers = {header["Name"]: header["Value"] for header in response["ResponseHeaders"]}
    assert headers["Access-Control-Allow-Origin"] == DEPLOY_ENVIRONMENT["FRONTEND_ORIGIN"]

    association = resources["WafWebAclAssociation"]
    assert association["Properties"]["WebACLArn"] == {"Fn::GetAtt": ["WafWebAcl", "Arn"]}
    arn = association["Properties"]["ResourceArn"]["Fn::Sub"]
    assert arn.endswith(f"::/restapis/${{ApiGatewayRestApi}}/stages/{STAGE}")
    # The stage exists only once the deployment does, which the usage plan waits for.
    assert association["DependsOn"] == ["ApiGatewayUsagePlan"]
    deployment = resources["ApiGatewayUsagePlan"]["DependsOn"]
    assert resources[deployment]["Properties"]["StageName"] == STAGE


# --- Alarms


def test_every_function_has_its_errors_and_throttles_alarms(packaged: PackagedService) -> None:
    for function in FUNCTION_NAMES:
        assert _logical_id(function) in packaged.template["Resources"], function
        for metric in ("Errors", "Throttles"):
            (alarm,) = _function_alarms(packaged, function, metric)
            assert alarm["Statistic"] == "Sum"
            assert alarm["Threshold"] == 1
            assert alarm["ComparisonOperator"] == "GreaterThanOrEqualToThreshold"
            assert alarm["AlarmName"] == f"lambda-tasks-{STAGE}-{function}-{metric.lower()}"


def test_the_auth_functions_alarm_on_their_p95_duration(packaged: PackagedService) -> None:
    threshold = read_serverless_yml()["params"]["default"]["authP95DurationMs"]
    for function in FUNCTION_NAMES:
        alarms = _function_alarms(packaged, function, "Duration")
        if function not in P95_FUNCTIONS:
            assert alarms == [], function
            continue
        (alarm,) = alarms
        assert alarm["ExtendedStatistic"] == "p95"
        assert "Statistic" not in alarm
        assert alarm["Threshold"] == threshold == 500
        assert alarm["ComparisonOperator"] == "GreaterThanThreshold"


def test_the_api_5xx_rate_alarm_watches_this_stage(packaged: PackagedService) -> None:
    api_name = packaged.template["Resources"]["ApiGatewayRestApi"]["Properties"]["Name"]
    (alarm,) = [a for a in _alarms(packaged).values() if a["Namespace"] == "AWS/ApiGateway"]
    assert alarm["MetricName"] == "5XXError"
    assert alarm["Dimensions"] == [
        {"Name": "ApiName", "Value": api_name},
        {"Name": "Stage", "Value": STAGE},
    ]
    # The average of 5XXError is the share of answers that were 5xx.
    assert alarm["Statistic"] == "Average"
    assert 0 < alarm["Threshold"] < 1


def test_the_database_unavailable_alarm_watches_the_functions_own_metric(
    packaged: PackagedService,
) -> None:
    (alarm,) = [a for a in _alarms(packaged).values() if a["Namespace"] == "LambdaTasks"]
    assert alarm["MetricName"] == "DatabaseUnavailable"
    # powertools Metrics publishes with one dimension, service, as shared/observability names it.
    assert alarm["Dimensions"] == [{"Name": "service", "Value": SERVICE}]
    assert alarm["Statistic"] == "Sum"
    assert alarm["Threshold"] == 1


def test_every_alarm_notifies_the_topic(packaged: PackagedService) -> None:
    alarms = _alarms(packaged)
    assert len(alarms) == 2 * len(FUNCTION_NAMES) + len(P95_FUNCTIONS) + 2
    for alarm in alarms.values():
        assert alarm["AlarmActions"] == [{"Ref": "AlarmTopic"}]
        assert alarm["OKActions"] == [{"Ref": "AlarmTopic"}]
        assert alarm["TreatMissingData"] == "notBreaching"
    assert set(packaged.resources_of_type("AWS::SNS::Topic")) == {"AlarmTopic"}
    assert len({alarm["AlarmName"] for alarm in alarms.values()}) == len(alarms)


def test_the_email_subscription_exists_only_with_an_address(
    packaged: PackagedService, packaged_hardened: PackagedService
) -> None:
    for service in (packaged, packaged_hardened):
        subscription = service.template["Resources"]["AlarmEmailSubscription"]
        assert subscription["Properties"] == {
            "TopicArn": {"Ref": "AlarmTopic"},
            "Protocol": "email",
            "Endpoint": {"Ref": "AlarmEmail"},
        }
    assert not packaged.is_created("AlarmEmailSubscription")
    assert packaged_hardened.is_created("AlarmEmailSubscription")
    email = packaged_hardened.template["Parameters"]["AlarmEmail"]["Default"]
    assert email == HARDENED_PARAMS["alarmEmail"]


# --- Tracing, access logs, tags, concurrency


def test_functions_and_the_api_stage_are_traced(packaged: PackagedService) -> None:
    for function in FUNCTION_NAMES:
        properties = packaged.template["Resources"][_logical_id(function)]["Properties"]
        assert properties["TracingConfig"] == {"Mode": "Active"}
    role = packaged.template["Resources"]["IamRoleLambdaExecution"]["Properties"]
    actions = [
        action
        for statement in role["Policies"][0]["PolicyDocument"]["Statement"]
        for action in statement["Action"]
    ]
    assert {"xray:PutTraceSegments", "xray:PutTelemetryRecords"} <= set(actions)
    # osls applies the stage's tracing and access logs through the API after the stack deploys.
    provider = packaged.state["service"]["provider"]
    assert provider["tracing"] == {"apiGateway": True, "lambda": True}


def test_api_access_logs_are_json(packaged: PackagedService) -> None:
    rest_api_logs = packaged.state["service"]["provider"]["logs"]["restApi"]
    assert rest_api_logs["accessLogging"] is True
    assert rest_api_logs["executionLogging"] is False
    line = json.loads(rest_api_logs["format"])
    assert {"requestId", "ip", "method", "resourcePath", "status", "responseLatency"} <= set(line)
    assert line["requestId"] == "$context.requestId"


def test_the_stack_is_tagged(packaged: PackagedService) -> None:
    tags = packaged.state["service"]["provider"]["stackTags"]
    assert tags == {"service": "lambda-tasks", "stage": STAGE}


def test_reserved_concurrency_is_a_stage_option(
    packaged: PackagedService, packaged_hardened: PackagedService
) -> None:
    for function in FUNCTION_NAMES:
        default = packaged.template["Resources"][_logical_id(function)]["Properties"]
        assert "ReservedConcurrentExecutions" not in default
        hardened = packaged_hardened.template["Resources"][_logical_id(function)]["Properties"]
        expected = int(HARDENED_PARAMS["reservedConcurrency"])
        assert hardened["ReservedConcurrentExecutions"] == expected


# --- SnapStart


def test_every_function_runs_with_snapstart_behind_its_alias(packaged: PackagedService) -> None:
    resources = packaged.template["Resources"]
    versions = packaged.resources_of_type("AWS::Lambda::Version")
    aliases = packaged.resources_of_type("AWS::Lambda::Alias")
    assert len(versions) == len(aliases) == len(FUNCTION_NAMES)
    for function in FUNCTION_NAMES:
        logical_id = _logical_id(function)
        assert resources[logical_id]["Properties"]["SnapStart"] == {"ApplyOn": "PublishedVersions"}
        (version_id,) = [
            version_id
            for version_id, version in versions.items()
            if version["Properties"]["FunctionName"] == {"Ref": logical_id}
        ]
        # Kept when the next deploy publishes another: infra/deploy/prune_versions.py prunes.
        assert versions[version_id]["DeletionPolicy"] == "Retain"
        (alias,) = [
            alias["Properties"]
            for alias in aliases.values()
            if alias["Properties"]["FunctionName"] == {"Ref": logical_id}
        ]
        assert alias["Name"] == "snapstart"
        assert alias["FunctionVersion"] == {"Fn::GetAtt": [version_id, "Version"]}


def test_api_gateway_calls_the_alias(packaged: PackagedService) -> None:
    methods = [
        method["Properties"]
        for method in packaged.resources_of_type("AWS::ApiGateway::Method").values()
        if method["Properties"]["HttpMethod"] != "OPTIONS"
    ]
    assert len(methods) == len(load_routes())
    for method in methods:
        uri = method["Integration"]["Uri"]["Fn::Join"][1]
        function_arn = next(part for part in uri if isinstance(part, dict) and "Fn::GetAtt" in part)
        position = uri.index(function_arn)
        assert uri[position + 1 : position + 3] == [":", "snapstart"], uri
    permissions = packaged.resources_of_type("AWS::Lambda::Permission")
    assert len(permissions) == len(FUNCTION_NAMES)
    for permission in permissions.values():
        target = permission["Properties"]["FunctionName"]["Fn::Join"]
        assert target[0] == ":"
        assert target[1][1] == "snapstart"
