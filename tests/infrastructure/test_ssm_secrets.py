"""In AWS the two secrets come from SSM SecureStrings through powertools `parameters`: read once,
then served from cache, and never from the function's environment."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import boto3
import botocore.client
import pytest
from aws_lambda_powertools.utilities import parameters
from aws_lambda_powertools.utilities.parameters.exceptions import GetParameterError
from moto import mock_aws

from infra.deploy.serverless_config import ServerlessConfig
from shared.config import get_settings

STAGE = "test"
REGION = "us-east-1"
DATABASE_URL = (
    "postgresql://app:s3cret@ep-example-pooler.us-east-1.aws.neon.tech/tasks?sslmode=require"
)
JWT_SECRET = "j" * 48
ROTATED_JWT_SECRET = "r" * 48


def _clear_parameter_caches() -> None:
    parameters.clear_caches()  # type: ignore[no-untyped-call]  # powertools leaves it untyped


@dataclass
class SsmCalls:
    get_parameter: list[dict[str, Any]] = field(default_factory=list)


@pytest.fixture
def deployed_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """A function's environment as serverless.yml sets it, under moto, with clean caches."""
    environment = ServerlessConfig.load(STAGE, region=REGION, environ={}).get(
        "provider.environment"
    )
    for name in (
        "DATABASE_URL",
        "JWT_SECRET",
        "AWS_PROFILE",
        "AWS_SESSION_TOKEN",
        "AWS_ENDPOINT_URL",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, str(value))
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    get_settings.cache_clear()
    _clear_parameter_caches()
    with mock_aws():
        yield environment
    # The next test must not see these secrets, nor a provider bound to moto's client.
    get_settings.cache_clear()
    _clear_parameter_caches()


@pytest.fixture
def ssm_calls(monkeypatch: pytest.MonkeyPatch) -> SsmCalls:
    """Counts GetParameter calls from any boto3 client, including the one powertools makes."""
    calls = SsmCalls()
    # Private, hence unknown to the stubs: every client call, whichever session made the client.
    original = vars(botocore.client.BaseClient)["_make_api_call"]

    def counting(self: botocore.client.BaseClient, operation: str, params: dict[str, Any]) -> Any:
        if operation == "GetParameter":
            calls.get_parameter.append(params)
        return original(self, operation, params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", counting)
    return calls


def _put_secrets(jwt_secret: str, environment: dict[str, str], *, overwrite: bool) -> None:
    ssm = boto3.client("ssm", region_name=REGION)
    for name, value in (
        (environment["DATABASE_URL_PARAMETER"], DATABASE_URL),
        (environment["JWT_SECRET_PARAMETER"], jwt_secret),
    ):
        ssm.put_parameter(Name=name, Value=value, Type="SecureString", Overwrite=overwrite)


def test_secrets_are_read_from_ssm_once_and_cached(
    deployed_environment: dict[str, str], ssm_calls: SsmCalls
) -> None:
    _put_secrets(JWT_SECRET, deployed_environment, overwrite=False)

    first = get_settings()
    assert first.database_url.get_secret_value() == DATABASE_URL
    assert first.jwt_secret.get_secret_value() == JWT_SECRET
    assert len(ssm_calls.get_parameter) == 2
    assert {call["Name"] for call in ssm_calls.get_parameter} == {
        f"/lambda-tasks/{STAGE}/database-url",
        f"/lambda-tasks/{STAGE}/jwt-secret",
    }
    # SecureStrings come back encrypted unless decryption is asked for.
    assert all(call["WithDecryption"] is True for call in ssm_calls.get_parameter)

    # A rotation in SSM is not seen by a warm container within the cache's lifetime...
    _put_secrets(ROTATED_JWT_SECRET, deployed_environment, overwrite=True)
    second = get_settings()
    assert second is first
    assert len(ssm_calls.get_parameter) == 2

    # ...not even when the settings object is rebuilt: powertools holds the values (max_age).
    get_settings.cache_clear()
    rebuilt = get_settings()
    assert rebuilt.jwt_secret.get_secret_value() == JWT_SECRET
    assert len(ssm_calls.get_parameter) == 2

    # Once both caches are gone, SSM is asked again and the rotated value arrives.
    get_settings.cache_clear()
    _clear_parameter_caches()
    fresh = get_settings()
    assert fresh.jwt_secret.get_secret_value() == ROTATED_JWT_SECRET
    assert len(ssm_calls.get_parameter) == 4


def test_missing_parameter_is_an_error_not_a_silent_default(
    deployed_environment: dict[str, str], ssm_calls: SsmCalls
) -> None:
    with pytest.raises(GetParameterError):
        get_settings()
    assert ssm_calls.get_parameter


def test_the_password_pepper_is_read_from_ssm_only_when_a_password_is_hashed(
    deployed_environment: dict[str, str], ssm_calls: SsmCalls
) -> None:
    from shared.config import get_password_pepper

    _put_secrets(JWT_SECRET, deployed_environment, overwrite=False)
    pepper = "p" * 48
    boto3.client("ssm", region_name=REGION).put_parameter(
        Name=deployed_environment["PASSWORD_PEPPER_PARAMETER"], Value=pepper, Type="SecureString"
    )
    get_password_pepper.cache_clear()
    get_settings()
    # The settings every function builds at start do not include it: no third call.
    assert len(ssm_calls.get_parameter) == 2
    try:
        assert get_password_pepper() == pepper.encode()
        assert get_password_pepper() == pepper.encode()
        assert ssm_calls.get_parameter[-1]["Name"] == f"/lambda-tasks/{STAGE}/password-pepper"
        assert ssm_calls.get_parameter[-1]["WithDecryption"] is True
        assert len(ssm_calls.get_parameter) == 3
    finally:
        get_password_pepper.cache_clear()
