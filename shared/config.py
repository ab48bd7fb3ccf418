"""The one settings object.

Locally every value comes from environment variables. In AWS (`SECRETS_SOURCE=ssm`) the two
secrets are read from SSM Parameter Store SecureStrings through aws-lambda-powertools
`parameters`, once per container: `get_settings` is cached, and powertools caches too.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

SSM_CACHE_SECONDS = 300


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    database_url: SecretStr
    jwt_secret: SecretStr = Field(min_length=32)
    jwt_issuer: str = "lambda-tasks"
    jwt_audience: str = "lambda-tasks-web"
    session_ttl_seconds: int = 7 * 24 * 3600
    cors_origins: Annotated[tuple[str, ...], NoDecode] = (
        "http://localhost:3000",
        "http://127.0.0.1:3000",
    )
    # Neon computes scaled to zero need a moment to wake: retry connects, then give up with 503.
    db_connect_timeout_seconds: int = 3
    db_connect_attempts: int = 3
    db_connect_backoff_seconds: float = 0.25
    # Every database wait of a request (connect, pre-ping, statements, commit) ends by one
    # deadline: the Lambda's remaining time less the margin, at most this many seconds.
    db_deadline_seconds: float = 4.0
    lambda_timeout_margin_seconds: float = 1.0
    rate_limit_attempts: int = 5
    rate_limit_window_seconds: int = 60
    # Failed password checks per account, across every network (shared.auth.account_guard).
    account_failure_limit: int = 20
    account_failure_window_seconds: int = 15 * 60
    # Room for the largest valid task even when a client escapes every character as \uXXXX.
    max_body_bytes: int = 64 * 1024
    # Where SnapStart is not used, prime at import what the before-snapshot hook primes.
    prime_at_init: bool = True

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(origin.strip() for origin in value.split(",") if origin.strip())
        return value

    @property
    def sqlalchemy_url(self) -> str:
        return psycopg_url(self.database_url.get_secret_value())


def psycopg_url(url: str) -> str:
    """A PostgreSQL URL with the psycopg 3 driver named, whatever scheme it was given in."""
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    raise ValueError("DATABASE_URL must be a postgresql:// URL")


def _secrets_from_ssm(locations: SecretLocations) -> Settings:
    # Imported here: boto3 is only worth its cold-start cost where SSM is actually used.
    from aws_lambda_powertools.utilities import parameters

    def secret(name: str) -> SecretStr:
        return SecretStr(parameters.get_parameter(name, decrypt=True, max_age=SSM_CACHE_SECONDS))

    return Settings(
        database_url=secret(locations.database_url_parameter),
        jwt_secret=secret(locations.jwt_secret_parameter),
    )


class SecretLocations(BaseSettings):
    """Where the secrets live; read before `Settings`, which needs the secrets themselves."""

    model_config = SettingsConfigDict(extra="ignore")

    secrets_source: Literal["env", "ssm"] = "env"
    database_url_parameter: str = "/lambda-tasks/database-url"
    jwt_secret_parameter: str = "/lambda-tasks/jwt-secret"  # noqa: S105 - a parameter name


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    locations = SecretLocations()
    if locations.secrets_source == "ssm":
        return _secrets_from_ssm(locations)
    return Settings()
