"""The one settings object.

Locally every value comes from environment variables. In AWS (`SECRETS_SOURCE=ssm`) the
secrets are read from SSM Parameter Store SecureStrings through aws-lambda-powertools
`parameters`, once per container: `get_settings` is cached, and powertools caches too. The
password pepper is read the same way, but only by the functions that hash or check a password
(`get_password_pepper`), so the other functions never pay for a third SSM call at cold start.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

SSM_CACHE_SECONDS = 300
MIN_PEPPER_CHARS = 32


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
    # The coarser tier for IPv6 clients (shared.network_limit): every /64 of one /48 shares it.
    rate_limit_ipv6_48_attempts: int = 50
    # Emailed links (the reset link, verify-email's to come): per network per window, each its own.
    link_rate_limit_attempts: int = 10
    # Failed password checks per account, across every network (shared.auth.account_guard).
    account_failure_limit: int = 20
    account_failure_window_seconds: int = 15 * 60
    # Room for the largest valid task even when a client escapes every character as \uXXXX.
    max_body_bytes: int = 64 * 1024
    # Where SnapStart is not used, prime at import what the before-snapshot hook primes.
    prime_at_init: bool = True
    # Locally only; in AWS it comes from SSM through `get_password_pepper`.
    password_pepper: SecretStr | None = Field(default=None, min_length=32)
    # Better Auth's freshAge: listing sessions needs a session signed in within this long.
    session_fresh_age_seconds: int = 24 * 3600
    password_reset_ttl_seconds: int = 3600
    # Every reset request takes at least this long, whether the email exists or not, so the
    # time spent sending a message does not tell who has an account.
    password_reset_min_seconds: float = 0.6
    # The API's public base URL (everything before /api): reset links point at it.
    api_public_url: str = "http://127.0.0.1:4000"
    # `ses` in AWS; `outbox` keeps each message as a file (the local run).
    email_transport: Literal["ses", "outbox"] = "ses"
    email_from: str = "lambda-tasks <no-reply@example.com>"
    email_region: str = "us-east-1"
    email_outbox_dir: str = ".local/outbox"

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
    password_pepper_parameter: str = "/lambda-tasks/password-pepper"  # noqa: S105 - a name


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    locations = SecretLocations()
    if locations.secrets_source == "ssm":
        return _secrets_from_ssm(locations)
    return Settings()


class MissingSecret(RuntimeError):
    """A secret the function needs is not configured: a deployment mistake, never a client's."""


@lru_cache(maxsize=1)
def get_password_pepper() -> bytes:
    """The HMAC key passwords are pre-hashed with before bcrypt (`shared.auth.passwords`)."""
    locations = SecretLocations()
    if locations.secrets_source == "ssm":
        from aws_lambda_powertools.utilities import parameters

        value = parameters.get_parameter(
            locations.password_pepper_parameter, decrypt=True, max_age=SSM_CACHE_SECONDS
        )
        pepper = SecretStr(value)
    else:
        configured = get_settings().password_pepper
        if configured is None:
            raise MissingSecret("PASSWORD_PEPPER is not set (at least 32 characters).")
        pepper = configured
    secret = pepper.get_secret_value()
    if len(secret) < MIN_PEPPER_CHARS:
        raise MissingSecret(f"The password pepper must be at least {MIN_PEPPER_CHARS} characters.")
    return secret.encode("utf-8")
