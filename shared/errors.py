"""The one error format and the one registry of error codes.

Every failure leaves a function as `{"code", "message"}` with an HTTP status. `ErrorCode` is the
only place a code is spelled: each member carries the status (or statuses) it may be answered
with, as Better Auth answers it, a default message, and the text of `docs/api.md`'s code table,
which is generated from it (`python -m infra.deploy.error_codes_doc`). Every raise names a
member; the function tests refuse any answer whose code is not one; the frontend's
`lib/errors.ts` maps exactly these codes. API Gateway's own answers are members too: the gateway
responses (`infra/deploy/resources/gateway-responses.yml`) write them, and clients see them alike.
(Models: Better Auth's `BASE_ERROR_CODES`, fastapi-users' `ErrorCode`.)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from pydantic_core import PydanticCustomError


@dataclass(frozen=True)
class ErrorSpec:
    # Empty: the status of the failure itself (`HTTP_ERROR`).
    statuses: tuple[int, ...]
    message: str
    # For docs/api.md: what the code means, and which routes answer with it.
    meaning: str
    routes: str


class ErrorCode(Enum):
    INVALID_JSON = ErrorSpec(
        statuses=(400,),
        message="The request body is not valid JSON.",
        meaning=(
            "the body is not JSON: not UTF-8, malformed, nested too deep to decode, or not a JSON "
            "object"
        ),
        routes="every route that reads a body",
    )
    VALIDATION_ERROR = ErrorSpec(
        statuses=(400,),
        message="Some of the request is not valid.",
        meaning=(
            "a field is missing, unknown, of the wrong type or out of range; a text field breaks "
            "the [text rule](#text); an update with nothing or `null` to apply; an `image` that is "
            "not an https URL; a header, query string or path holding a lone surrogate"
        ),
        routes="every route that reads a body or query parameters",
    )
    INVALID_EMAIL = ErrorSpec(
        statuses=(400,),
        message="Enter a valid email address.",
        meaning=(
            "not one plain ASCII address `local@domain` (no display name, list, quotes, comments, "
            "brackets, whitespace or control characters; an international domain only in its `xn--`"
            " form). Sign-in looks up addresses by the looser rule accounts were created under "
            "before 2026-12-04"
        ),
        routes="sign-up, sign-in, request-password-reset",
    )
    PASSWORD_TOO_SHORT = ErrorSpec(
        statuses=(400,),
        message="The password is too short.",
        meaning="a new password under 8 characters",
        routes="sign-up, change-password, reset-password",
    )
    PASSWORD_TOO_LONG = ErrorSpec(
        statuses=(400,),
        message="The password is too long.",
        meaning="a password over 128 characters",
        routes="sign-up, sign-in, change-password, delete-user, reset-password",
    )
    PASSWORD_COMPROMISED = ErrorSpec(
        statuses=(400,),
        message="This password is too common and appears in data breaches. Choose a different one.",
        meaning="a new password is in the bundled list of common passwords",
        routes="sign-up, change-password, reset-password",
    )
    INVALID_PASSWORD = ErrorSpec(
        statuses=(400,),
        message="The password is not correct.",
        meaning="the current password given to confirm is wrong",
        routes="change-password, delete-user",
    )
    EMAIL_CAN_NOT_BE_UPDATED = ErrorSpec(
        statuses=(400,),
        message="The email address cannot be changed here.",
        meaning="update-user was sent an `email`",
        routes="update-user",
    )
    NO_FIELDS_TO_UPDATE = ErrorSpec(
        statuses=(400,),
        message="There are no fields to update.",
        meaning="update-user was sent neither `name` nor `image`",
        routes="update-user",
    )
    SESSION_EXPIRED = ErrorSpec(
        statuses=(400,),
        message="Sign in again, or give your password, to delete the account.",
        meaning="delete-user without a password, on a session signed in more than a day ago",
        routes="delete-user",
    )
    INVALID_TOKEN = ErrorSpec(
        statuses=(400, 404),
        message="This link is not valid or has expired.",
        meaning=(
            "400: the reset token is unknown, spent or over an hour old; 404: delete-user was sent "
            "a `token` (no deletion link is offered). The emailed link also redirects with "
            "`?error=INVALID_TOKEN`"
        ),
        routes="reset-password, delete-user, reset-password-link (in the redirect)",
    )
    INVALID_CURSOR = ErrorSpec(
        statuses=(400,),
        message="The cursor is not valid for this listing.",
        meaning="the `cursor` was not issued for this listing",
        routes="tasks-list",
    )
    CORS_REJECTED = ErrorSpec(
        statuses=(400,),
        message="This origin, method or header is not allowed to call the API.",
        meaning=(
            "a CORS preflight from an origin, or asking for a method or header, the API does not "
            "allow"
        ),
        routes="any route (`OPTIONS`)",
    )
    UNAUTHORIZED = ErrorSpec(
        statuses=(401,),
        message="Sign in to continue.",
        meaning=(
            "no bearer token, or one that is invalid, expired, or whose session is signed out or "
            "gone; carries `WWW-Authenticate: Bearer`"
        ),
        routes=(
            "list-sessions, revoke-session(s), revoke-other-sessions, change-password, update-user,"
            " delete-user, every task route"
        ),
    )
    INVALID_EMAIL_OR_PASSWORD = ErrorSpec(
        statuses=(401,),
        message="Invalid email or password.",
        meaning=(
            "no account with this email, or the wrong password (the same answer, after the same "
            "work)"
        ),
        routes="sign-in",
    )
    FORBIDDEN = ErrorSpec(
        statuses=(403,),
        message="The API key is missing or not valid.",
        meaning="gateway: the `x-api-key` header is missing or not the API's key",
        routes="every route but reset-password-link",
    )
    SESSION_NOT_FRESH = ErrorSpec(
        statuses=(403,),
        message="Sign in again to see your sessions.",
        meaning=(
            "listing sessions needs a session signed in within a day (`SESSION_FRESH_AGE_SECONDS`)"
        ),
        routes="list-sessions",
    )
    INVALID_REDIRECT_URL = ErrorSpec(
        statuses=(403,),
        message="redirectTo is not a trusted origin.",
        meaning="`redirectTo` is not an absolute URL on a `CORS_ORIGINS` origin",
        routes="request-password-reset",
    )
    INVALID_CALLBACK_URL = ErrorSpec(
        statuses=(403,),
        message="callbackURL is not a trusted origin.",
        meaning="`callbackURL` is not an absolute URL on a trusted origin (no open redirect)",
        routes="reset-password-link",
    )
    NOT_FOUND = ErrorSpec(
        statuses=(404,),
        message="Not found.",
        meaning=(
            "no such task for this caller (another user's, missing, or a malformed id); gateway: no"
            " such route or method (`HEAD` and `TRACE` included; `HEAD` gets headers only)"
        ),
        routes="task routes by id; gateway: any unknown path or method",
    )
    METHOD_NOT_ALLOWED = ErrorSpec(
        statuses=(405,),
        message="This method is not allowed here.",
        meaning=(
            "the function was invoked with a method its one route does not take (behind API Gateway"
            " an unknown method is 404 `NOT_FOUND` instead)"
        ),
        routes="any function, invoked directly",
    )
    PAYLOAD_TOO_LARGE = ErrorSpec(
        statuses=(413,),
        message="The request body is too large.",
        meaning="the body is over `MAX_BODY_BYTES` (64 KiB)",
        routes="every route",
    )
    REQUEST_TOO_LARGE = ErrorSpec(
        statuses=(413,),
        message="Request Too Long",
        meaning=(
            "gateway: the request is over API Gateway's own 10 MB limit (its response type, passed "
            "through by the `DEFAULT_4XX` template; the local gateway answers it for a "
            "`Content-Length` over 10 MB)"
        ),
        routes="every route, on AWS",
    )
    USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL = ErrorSpec(
        statuses=(422,),
        message="An account with this email already exists.",
        meaning="an account with this email exists (Better Auth 1.7's code)",
        routes="sign-up",
    )
    RATE_LIMITED = ErrorSpec(
        statuses=(429,),
        message="Too many attempts. Please try again later.",
        meaning=(
            "too many attempts; carries `Retry-After` (exact, in seconds, from the API's own "
            "limiters). Also the gateway's answer when the usage plan throttles or its quota is "
            "used up, and the WAF rule's answer to a flooding IP"
        ),
        routes=(
            "sign-up, sign-in, request-password-reset, change-password, delete-user; gateway and "
            "WAF: every route"
        ),
    )
    HTTP_ERROR = ErrorSpec(
        statuses=(),
        message="The request failed.",
        meaning=(
            "any other HTTP failure the framework raises (no route is known to); the local "
            "gateway's answer to a request that is not well-formed HTTP: 400 (malformed request "
            "line, bad or conflicting `Content-Length`, body shorter than it), 414, 431 (a header "
            "line over 64 KiB or more than 100 headers), 505"
        ),
        routes="any",
    )
    INTERNAL_ERROR = ErrorSpec(
        statuses=(500,),
        message="Something went wrong on our side. Please try again.",
        meaning="a bug: logged with its stack trace, never shown",
        routes="any",
    )
    INTEGRATION_FAILURE = ErrorSpec(
        statuses=(502, 500),
        message="Internal server error",
        meaning=(
            "gateway: no answer from the function. 502: it crashed, timed out (15 s) or returned a "
            "malformed answer; 500: Lambda refused to run it (throttled: reserved concurrency "
            "spent; Lambda's own 429 is not passed on). API Gateway's response type, passed through"
            " by the `DEFAULT_5XX` template. The local gateway answers 502 when invoking the "
            "function raises"
        ),
        routes="any",
    )
    INTEGRATION_TIMEOUT = ErrorSpec(
        statuses=(504,),
        message="Endpoint request timed out",
        meaning=(
            "gateway: no answer within API Gateway's 29 s. Not expected: every function times out "
            "at 15 s first (that is `INTEGRATION_FAILURE`)"
        ),
        routes="any, on AWS",
    )
    SERVICE_UNAVAILABLE = ErrorSpec(
        statuses=(503,),
        message="The service is temporarily unavailable. Please try again in a moment.",
        meaning=(
            "the database is down, unreachable or not answering within the request deadline; "
            "carries `Retry-After: 5`"
        ),
        routes="every route that reads or writes the database",
    )

    @property
    def spec(self) -> ErrorSpec:
        spec: ErrorSpec = self.value
        return spec

    def field_error(self, message: str | None = None) -> PydanticCustomError:
        """For a schema validator: FastAPI's validation error then answers with this code."""
        return PydanticCustomError(self.name, message or self.spec.message)


class ApiError(Exception):
    """An error a client is meant to see: a registered code, its status and a sentence."""

    def __init__(
        self,
        code: ErrorCode,
        message: str | None = None,
        *,
        status: int | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        statuses = code.spec.statuses
        if status is None:
            if len(statuses) != 1:
                raise TypeError(f"{code.name} has several statuses: name the one meant")
            status = statuses[0]
        elif statuses and status not in statuses:
            raise ValueError(f"{code.name} is never answered with {status}")
        text = message or code.spec.message
        super().__init__(text)
        self.status = status
        self.code = code.name
        self.message = text
        self.headers = dict(headers or {})


class Unauthorized(ApiError):
    def __init__(self, message: str | None = None) -> None:
        super().__init__(ErrorCode.UNAUTHORIZED, message, headers={"WWW-Authenticate": "Bearer"})


class NotFound(ApiError):
    def __init__(self, message: str | None = None) -> None:
        super().__init__(ErrorCode.NOT_FOUND, message)


class ServiceUnavailable(ApiError):
    def __init__(self) -> None:
        super().__init__(ErrorCode.SERVICE_UNAVAILABLE, headers={"Retry-After": "5"})


class RateLimited(ApiError):
    def __init__(self, retry_after_seconds: int) -> None:
        unit = "second" if retry_after_seconds == 1 else "seconds"
        super().__init__(
            ErrorCode.RATE_LIMITED,
            f"Too many attempts. Try again in {retry_after_seconds} {unit}.",
            headers={"Retry-After": str(retry_after_seconds)},
        )
        self.retry_after_seconds = retry_after_seconds
