"""Turns every failure into the one error format, `{"code", "message"}` with the right status."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.errors import ApiError, ErrorCode, ServiceUnavailable
from shared.observability import count, logger

_HTTP_CODES = {
    # FastAPI's only 400: a body it could not parse (not UTF-8, or nested too deep to decode).
    400: ErrorCode.INVALID_JSON,
    404: ErrorCode.NOT_FOUND,
    405: ErrorCode.METHOD_NOT_ALLOWED,
    413: ErrorCode.PAYLOAD_TOO_LARGE,
}


def error_response(error: ApiError) -> JSONResponse:
    return JSONResponse(
        {"code": error.code, "message": error.message},
        status_code=error.status,
        headers=error.headers,
    )


def _field_name(loc: tuple[Any, ...]) -> str:
    parts = [str(part) for part in loc if part not in ("body", "query", "path", "header")]
    return ".".join(parts) or "body"


def describe_validation_error(exc: RequestValidationError) -> ApiError:
    first = exc.errors()[0]
    kind = str(first.get("type", ""))
    if kind in ErrorCode.__members__:  # a schema validator's own code (`ErrorCode.field_error`)
        return ApiError(ErrorCode[kind], str(first["msg"]))
    loc = tuple(first.get("loc", ()))
    if kind == "json_invalid":
        return ApiError(ErrorCode.INVALID_JSON, "The request body is not valid JSON.")
    if loc == ("body",) and kind in {"model_attributes_type", "dict_type"}:
        return ApiError(ErrorCode.INVALID_JSON, "The request body must be a JSON object.")
    field = _field_name(loc)
    if kind == "missing":
        message = f"{field} is required."
    elif kind == "extra_forbidden":
        message = f"{field} is not an accepted field."
    else:
        message = f"{field}: {first.get('msg', 'is invalid')}."
    return ApiError(ErrorCode.VALIDATION_ERROR, message)


async def _on_api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc)


async def _on_validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return error_response(describe_validation_error(exc))


async def _on_http_exception(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = _HTTP_CODES.get(exc.status_code, ErrorCode.HTTP_ERROR)
    return error_response(ApiError(code, status=exc.status_code, headers=exc.headers))


async def _on_database_unavailable(_request: Request, exc: Exception) -> JSONResponse:
    lost_connection = isinstance(exc, OperationalError) or (
        isinstance(exc, DBAPIError) and exc.connection_invalidated
    )
    if isinstance(exc, DBAPIError) and not lost_connection:
        logger.exception("unhandled database error")
        count("UnhandledError")
        return _internal_error()
    logger.warning("database unavailable", extra={"error": type(exc).__name__})
    count("DatabaseUnavailable")
    return error_response(ServiceUnavailable())


def _internal_error() -> JSONResponse:
    return error_response(ApiError(ErrorCode.INTERNAL_ERROR))


class UnexpectedErrorBoundary:
    """Answers a bug with the one error format, inside CORS so the browser can read it.

    Starlette's own catch-all re-raises after answering, which Mangum then logs a second time;
    catching here keeps one log line with the stack trace and none in the response.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:  # noqa: BLE001 - this is the last line of defence, by design
            logger.exception("unhandled error")
            count("UnhandledError")
            if not started:
                await _internal_error()(scope, receive, send)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _on_api_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(HTTPException, _on_http_exception)
    app.add_exception_handler(DBAPIError, _on_database_unavailable)
    app.add_exception_handler(PoolTimeoutError, _on_database_unavailable)
