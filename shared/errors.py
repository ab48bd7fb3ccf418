"""The one error format: every failure leaves a function as `{"code", "message"}`."""

from __future__ import annotations

from collections.abc import Mapping


class ApiError(Exception):
    """An error a client is meant to see: an HTTP status, an UPPER_SNAKE code and a sentence."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})


class Unauthorized(ApiError):
    def __init__(self, message: str = "Sign in to continue.") -> None:
        super().__init__(401, "UNAUTHORIZED", message, {"WWW-Authenticate": "Bearer"})


class NotFound(ApiError):
    def __init__(self, message: str = "Not found.") -> None:
        super().__init__(404, "NOT_FOUND", message)


class ServiceUnavailable(ApiError):
    def __init__(self) -> None:
        super().__init__(
            503,
            "SERVICE_UNAVAILABLE",
            "The service is temporarily unavailable. Please try again in a moment.",
            {"Retry-After": "5"},
        )


class RateLimited(ApiError):
    def __init__(self, retry_after_seconds: int) -> None:
        unit = "second" if retry_after_seconds == 1 else "seconds"
        super().__init__(
            429,
            "RATE_LIMITED",
            f"Too many attempts. Try again in {retry_after_seconds} {unit}.",
            {"Retry-After": str(retry_after_seconds)},
        )
