"""The one app factory every function uses, and the Lambda entry point around it."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext
from fastapi import FastAPI
from mangum import Mangum
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared import snapstart
from shared.api.answers import error_answers, openapi_with_answers
from shared.api.error_handlers import (
    UnexpectedErrorBoundary,
    error_response,
    install_error_handlers,
)
from shared.config import get_settings
from shared.errors import ApiError
from shared.observability import logger, metrics

__all__ = ["create_app", "error_answers", "lambda_handler"]

LambdaHandler = Callable[[dict[str, Any], LambdaContext], dict[str, Any]]

ALLOWED_HEADERS = ["authorization", "content-type", "x-api-key"]
EXPOSED_HEADERS = ["set-auth-token", "retry-after"]


class BodySizeLimit:
    """Refuses a request body over the limit with 413 before any route reads it."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                too_large = ApiError(
                    413,
                    "PAYLOAD_TOO_LARGE",
                    f"The request body is larger than {self.max_bytes} bytes.",
                )
                await error_response(too_large)(scope, receive, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


class AccessLog:
    """One structured line per request: route, status and duration, never a body or a token."""

    def __init__(self, app: ASGIApp, function_name: str) -> None:
        self.app = app
        self.function_name = function_name

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def capture(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, capture)
        finally:
            logger.info(
                "request",
                extra={
                    "function": self.function_name,
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 3),
                },
            )


def create_app(function_name: str) -> FastAPI:
    settings = get_settings()
    app = FastAPI(
        title=f"lambda-tasks {function_name}",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.function_name = function_name
    install_error_handlers(app)
    # Listed innermost first: the access log sees every answer, CORS decorates every answer.
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(UnexpectedErrorBoundary)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(settings.cors_origins),
        allow_credentials=True,
        allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
        allow_headers=ALLOWED_HEADERS,
        expose_headers=EXPOSED_HEADERS,
        max_age=600,
    )
    app.add_middleware(AccessLog, function_name=function_name)

    # Routes are added after the factory returns: their answers are collected on first use.
    app.openapi = lambda: openapi_with_answers(app)  # type: ignore[method-assign]
    return app


def lambda_handler(app: FastAPI) -> LambdaHandler:
    """Mangum around the app, with the request id as the log correlation id and metrics flushed;
    primed before the SnapStart snapshot (or now, without SnapStart)."""
    asgi = Mangum(app, lifespan="off")

    @logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
    @metrics.log_metrics
    def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
        return asgi(event, context)  # type: ignore[arg-type]

    snapstart.prepare(app.state.function_name, app, handler)
    return handler
