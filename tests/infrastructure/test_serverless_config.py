"""infra.deploy.serverless_config resolves serverless.yml's variables the way a deploy would."""

from __future__ import annotations

import pytest

from infra.deploy.serverless_config import ServerlessConfig, UnresolvableVariable


def _config(environ: dict[str, str], document: dict[str, object] | None = None) -> ServerlessConfig:
    if document is None:
        return ServerlessConfig.load("prod", environ=environ)
    return ServerlessConfig(document=document, stage="prod", environ=environ)


def test_fallbacks_apply_when_the_environment_is_silent() -> None:
    config = _config({})
    assert config.get("custom.frontendOrigin") == "http://localhost:3000"
    assert config.get("provider.apiGateway.usagePlan.throttle") == {
        "rateLimit": 20,
        "burstLimit": 40,
    }
    assert config.get("provider.region") == "us-east-1"
    assert config.get("provider.apiGateway.apiKeys")[0]["value"] == ""


def test_environment_and_stage_flow_into_nested_values() -> None:
    config = _config({"FRONTEND_ORIGIN": "https://tasks.example.com"})
    environment = config.get("provider.environment")
    assert environment["CORS_ORIGINS"] == "https://tasks.example.com"
    assert environment["JWT_SECRET_PARAMETER"] == "/lambda-tasks/prod/jwt-secret"
    # A whole-value reference keeps its type: the CORS block is a mapping, not a string.
    cors = config.get("functions.tasks-list.events")[0]["http"]["cors"]
    assert cors["origin"] == "https://tasks.example.com"
    assert cors["allowCredentials"] is True


def test_unknown_variable_forms_are_refused() -> None:
    config = _config({}, {"value": "${ssm:/somewhere}"})
    with pytest.raises(UnresolvableVariable):
        config.get("value")


def test_a_variable_without_value_or_fallback_is_refused() -> None:
    config = _config({}, {"value": "${env:NOT_SET_ANYWHERE}"})
    with pytest.raises(UnresolvableVariable):
        config.get("value")


def test_stage_parameters_resolve_like_osls() -> None:
    document: dict[str, object] = {
        "params": {
            "default": {"limit": 0, "origin": "http://localhost:3000"},
            "prod": {"limit": 1000},
        },
        "limit": "${param:limit}",
        "origin": "${env:FRONTEND_ORIGIN, param:origin}",
        "unset": "${param:nothing, null}",
    }
    prod = ServerlessConfig(document=document, stage="prod", environ={})
    assert prod.get("limit") == 1000
    assert prod.get("origin") == "http://localhost:3000"
    assert prod.get("unset") is None
    dev = ServerlessConfig(document=document, stage="dev", environ={})
    assert dev.get("limit") == 0
    # The command line's --param wins over the stage's value, the environment over a fallback.
    overridden = ServerlessConfig(
        document=document,
        stage="prod",
        environ={"FRONTEND_ORIGIN": "https://tasks.example.com"},
        params={"limit": "5"},
    )
    assert overridden.get("limit") == "5"
    assert overridden.get("origin") == "https://tasks.example.com"


def test_a_parameter_without_value_or_fallback_is_refused() -> None:
    config = _config({}, {"params": {"default": {}}, "value": "${param:missing}"})
    with pytest.raises(UnresolvableVariable):
        config.get("value")
