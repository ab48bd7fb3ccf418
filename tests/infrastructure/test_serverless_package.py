"""`osls package` against a local moto_server, then checks on what it produced: the template's
API keys, usage plan, CORS and functions, the per-function zips, the layer zip, and cfn-lint."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import zipfile
from pathlib import PurePosixPath
from typing import Any

import pytest

from infra.deploy.serverless_config import ServerlessConfig
from infra.deploy.serverless_yml import load_routes, read_serverless_yml
from infra.deploy.usage_plan import UsagePlanSettings
from tests.infrastructure.conftest import DEPLOY_ENVIRONMENT, STAGE, MotoServer, PackagedService

FUNCTION_NAMES = tuple(read_serverless_yml()["functions"])
# ELF e_machine values, as Lambda's architecture names them.
ELF_MACHINES = {"arm64": 183, "x86_64": 62}
BCRYPT_FUNCTIONS = {
    "auth-sign-in",
    "auth-sign-up",
    "auth-change-password",
    "auth-delete-user",
    "auth-reset-password",
}


def _methods(packaged: PackagedService) -> list[dict[str, Any]]:
    return [
        resource["Properties"]
        for resource in packaged.resources_of_type("AWS::ApiGateway::Method").values()
    ]


def _function_resource(packaged: PackagedService, name: str) -> dict[str, Any]:
    found = [
        resource["Properties"]
        for resource in packaged.resources_of_type("AWS::Lambda::Function").values()
        if resource["Properties"]["Handler"] == f"functions/{name}/handler.handler"
    ]
    assert len(found) == 1, name
    function: dict[str, Any] = found[0]
    return function


def test_every_route_requires_the_api_key(packaged: PackagedService) -> None:
    routes = {(route.method, route.resource) for route in load_routes()}
    assert len(routes) == len(FUNCTION_NAMES) == 20
    methods = [method for method in _methods(packaged) if method["HttpMethod"] != "OPTIONS"]
    assert len(methods) == len(routes)
    assert all(method["ApiKeyRequired"] is True for method in methods)


def test_cors_preflights_are_open_and_allow_only_the_frontend(packaged: PackagedService) -> None:
    preflights = [method for method in _methods(packaged) if method["HttpMethod"] == "OPTIONS"]
    # One per API Gateway resource path that has a route.
    assert len(preflights) == len({route.resource for route in load_routes()})
    origin = DEPLOY_ENVIRONMENT["FRONTEND_ORIGIN"]
    for preflight in preflights:
        # A browser's preflight never carries the key: requiring it would break every call.
        assert not preflight.get("ApiKeyRequired", False)
        assert preflight["AuthorizationType"] == "NONE"
        headers = preflight["Integration"]["IntegrationResponses"][0]["ResponseParameters"]
        assert headers["method.response.header.Access-Control-Allow-Origin"] == f"'{origin}'"
        assert headers["method.response.header.Access-Control-Allow-Credentials"] == "'true'"
        allowed = headers["method.response.header.Access-Control-Allow-Headers"]
        assert set(allowed.strip("'").split(",")) >= {"Content-Type", "Authorization", "X-Api-Key"}


def test_gateway_own_errors_carry_cors_and_the_error_shape(packaged: PackagedService) -> None:
    responses = {
        resource["Properties"]["ResponseType"]: resource["Properties"]
        for resource in packaged.resources_of_type("AWS::ApiGateway::GatewayResponse").values()
    }
    assert set(responses) == {
        "INVALID_API_KEY",
        "THROTTLED",
        "QUOTA_EXCEEDED",
        "MISSING_AUTHENTICATION_TOKEN",
        "DEFAULT_4XX",
        "DEFAULT_5XX",
    }
    origin = DEPLOY_ENVIRONMENT["FRONTEND_ORIGIN"]
    allow_origin = "gatewayresponse.header.Access-Control-Allow-Origin"
    for properties in responses.values():
        assert properties["ResponseParameters"][allow_origin] == f"'{origin}'"
    codes = {
        response_type: json.loads(properties["ResponseTemplates"]["application/json"])["code"]
        for response_type, properties in responses.items()
        if not response_type.startswith("DEFAULT_")
    }
    assert codes == {
        "INVALID_API_KEY": "FORBIDDEN",
        "THROTTLED": "RATE_LIMITED",
        "QUOTA_EXCEEDED": "RATE_LIMITED",
        "MISSING_AUTHENTICATION_TOKEN": "NOT_FOUND",
    }
    # An unknown route is API Gateway's 403 "Missing Authentication Token" unless remapped.
    assert responses["MISSING_AUTHENTICATION_TOKEN"]["StatusCode"] == "404"
    for default in ("DEFAULT_4XX", "DEFAULT_5XX"):
        template = responses[default]["ResponseTemplates"]["application/json"]
        assert template.startswith('{"code": "$context.error.responseType", "message": ')


def test_usage_plan_and_key_match_serverless_yml(
    packaged: PackagedService, serverless_config: ServerlessConfig
) -> None:
    settings = UsagePlanSettings.from_serverless_yml(serverless_config)
    raw_plan = read_serverless_yml()["provider"]["apiGateway"]["usagePlan"]

    plans = packaged.resources_of_type("AWS::ApiGateway::UsagePlan")
    assert len(plans) == 1
    (plan_id, plan) = next(iter(plans.items()))
    properties = plan["Properties"]
    assert properties["Throttle"] == {
        "RateLimit": raw_plan["throttle"]["rateLimit"],
        "BurstLimit": raw_plan["throttle"]["burstLimit"],
    }
    assert properties["Throttle"]["RateLimit"] == settings.rate_limit
    assert properties["Quota"] == {"Limit": settings.quota_limit, "Period": settings.quota_period}
    assert properties["UsagePlanName"] == settings.plan_name
    assert properties["ApiStages"] == [{"ApiId": {"Ref": "ApiGatewayRestApi"}, "Stage": STAGE}]

    keys = packaged.resources_of_type("AWS::ApiGateway::ApiKey")
    assert len(keys) == 1
    (key_id, key) = next(iter(keys.items()))
    assert key["Properties"]["Name"] == settings.key_name == f"lambda-tasks-{STAGE}-web"
    assert key["Properties"]["Value"] == DEPLOY_ENVIRONMENT["LAMBDA_TASKS_API_KEY"]
    assert key["Properties"]["Enabled"] is True

    links = packaged.resources_of_type("AWS::ApiGateway::UsagePlanKey")
    assert [link["Properties"] for link in links.values()] == [
        {"KeyId": {"Ref": key_id}, "KeyType": "API_KEY", "UsagePlanId": {"Ref": plan_id}}
    ]


def test_functions_get_layer_settings_and_memory(
    packaged: PackagedService, serverless_config: ServerlessConfig
) -> None:
    expected_environment = serverless_config.get("provider.environment")
    assert expected_environment["SECRETS_SOURCE"] == "ssm"
    assert expected_environment["DATABASE_URL_PARAMETER"] == f"/lambda-tasks/{STAGE}/database-url"
    assert expected_environment["CORS_ORIGINS"] == DEPLOY_ENVIRONMENT["FRONTEND_ORIGIN"]
    for name in FUNCTION_NAMES:
        function = _function_resource(packaged, name)
        assert function["Runtime"] == "python3.12"
        assert function["Architectures"] == ["arm64"]
        assert function["Layers"] == [{"Ref": "SharedLambdaLayer"}]
        assert function["MemorySize"] == (1769 if name in BCRYPT_FUNCTIONS else 256), name
        assert function["Timeout"] == 15
        variables = function["Environment"]["Variables"]
        assert variables == expected_environment
        # Secrets reach a function through SSM only, never through its configuration.
        assert not {"DATABASE_URL", "JWT_SECRET", "PASSWORD_PEPPER"} & set(variables)

    layer = packaged.resources_of_type("AWS::Lambda::LayerVersion")
    assert list(layer) == ["SharedLambdaLayer"]
    layer_properties = layer["SharedLambdaLayer"]["Properties"]
    assert layer_properties["CompatibleRuntimes"] == ["python3.12"]
    assert layer_properties["CompatibleArchitectures"] == ["arm64"]


def test_functions_may_read_only_their_three_parameters(packaged: PackagedService) -> None:
    role = packaged.template["Resources"]["IamRoleLambdaExecution"]["Properties"]
    statements = role["Policies"][0]["PolicyDocument"]["Statement"]
    ssm = [s for s in statements if s["Action"] == ["ssm:GetParameter"]]
    assert len(ssm) == 1
    arns = sorted(resource["Fn::Sub"] for resource in ssm[0]["Resource"])
    assert [arn.rsplit(":parameter", 1)[1] for arn in arns] == [
        f"/lambda-tasks/{STAGE}/database-url",
        f"/lambda-tasks/{STAGE}/jwt-secret",
        f"/lambda-tasks/{STAGE}/password-pepper",
    ]
    kms = [s for s in statements if s["Action"] == ["kms:Decrypt"]]
    assert len(kms) == 1
    assert kms[0]["Condition"]["StringEquals"]["kms:ViaService"] == {
        "Fn::Sub": "ssm.${AWS::Region}.amazonaws.com"
    }
    assert not any("*" in str(s["Action"]) for s in statements)
    # Email: sending only, from the one configured identity.
    [ses] = [s for s in statements if "ses" in str(s["Action"])]
    assert ses["Action"] == ["ses:SendEmail"]
    arn, values = ses["Resource"]["Fn::Sub"]
    assert arn.endswith(":identity/${EmailIdentity}")
    assert values["EmailIdentity"] == "no-reply@example.com"


def test_log_groups_expire(packaged: PackagedService) -> None:
    groups = packaged.resources_of_type("AWS::Logs::LogGroup")
    assert len(groups) == len(FUNCTION_NAMES)
    assert {group["Properties"]["RetentionInDays"] for group in groups.values()} == {14}


@pytest.mark.parametrize("name", FUNCTION_NAMES)
def test_function_zip_holds_only_its_own_folder(packaged: PackagedService, name: str) -> None:
    with zipfile.ZipFile(packaged.directory / f"{name}.zip") as archive:
        entries = [PurePosixPath(entry) for entry in archive.namelist()]
    assert PurePosixPath(f"functions/{name}/handler.py") in entries
    assert all(entry.parts[:2] == ("functions", name) for entry in entries), entries
    assert not any("__pycache__" in entry.parts for entry in entries)


def test_layer_zip_holds_shared_and_dependencies_for_the_lambda_platform(
    packaged: PackagedService,
) -> None:
    architecture = read_serverless_yml()["provider"]["architecture"]
    with zipfile.ZipFile(packaged.directory / "shared.zip") as archive:
        names = set(archive.namelist())
        for module in (
            "shared/config.py",
            "shared/api/app.py",
            "fastapi/__init__.py",
            "mangum/__init__.py",
            "sqlalchemy/__init__.py",
            "psycopg/__init__.py",
            "jose/jwt.py",
            "bcrypt/__init__.py",
            "pydantic_settings/__init__.py",
            "aws_lambda_powertools/__init__.py",
        ):
            assert f"python/{module}" in names, module
        # The runtime brings these; a second copy would only shadow it.
        assert not any(name.startswith(("python/boto3/", "python/botocore/")) for name in names)
        assert all(name.startswith("python/") for name in names)
        # Bytecode, if shipped, must be the runtime's own version, or Python ignores it.
        assert all(".cpython-312." in name for name in names if name.endswith(".pyc"))
        extensions = [name for name in names if name.endswith(".so")]
        assert any("pydantic_core" in name for name in extensions)
        for name in extensions:
            header = archive.read(name)[:20]
            assert header[:4] == b"\x7fELF", name
            (machine,) = struct.unpack("<H", header[18:20])
            assert machine == ELF_MACHINES[architecture], name


def test_package_asked_the_local_endpoint(
    packaged: PackagedService, moto_server: MotoServer
) -> None:
    # `layers:` makes package ask CloudFormation whether the layer is already deployed: that
    # call must have gone to moto, which answered that no such stack exists.
    assert "Service packaged" in packaged.output
    assert moto_server.requests_seen(), "osls made no AWS call to the local endpoint"


@pytest.mark.parametrize(
    "template",
    ["cloudformation-template-update-stack.json", "cloudformation-template-create-stack.json"],
)
def test_cfn_lint_passes(packaged: PackagedService, template: str) -> None:
    completed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from cfnlint.runner import main; sys.exit(main())",
            str(packaged.directory / template),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
