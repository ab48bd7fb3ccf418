"""The one app factory every function uses, and the Lambda entry point around it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext
from fastapi import FastAPI
from mangum import Mangum

from shared.api import snapstart
from shared.api.answers import error_answers, openapi_with_answers
from shared.api.error_handlers import UnexpectedErrorBoundary, install_error_handlers
from shared.api.middleware import AccessLog, BodySizeLimit, JsonCORSMiddleware, NoSniff
from shared.config import get_settings
from shared.deadline import request_deadline
from shared.observability import logger, metrics, tracer

__all__ = ["create_app", "error_answers", "lambda_handler"]

LambdaHandler = Callable[[dict[str, Any], LambdaContext], dict[str, Any]]

ALLOWED_HEADERS = ["authorization", "content-type", "x-api-key"]
EXPOSED_HEADERS = ["set-auth-token", "retry-after"]


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
        JsonCORSMiddleware,
        allow_origins=list(settings.cors_origins),
        allow_credentials=True,
        allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
        allow_headers=ALLOWED_HEADERS,
        expose_headers=EXPOSED_HEADERS,
        max_age=600,
    )
    app.add_middleware(AccessLog, function_name=function_name)
    app.add_middleware(NoSniff)

    # Routes are added after the factory returns: their answers are collected on first use.
    app.openapi = lambda: openapi_with_answers(app)  # type: ignore[method-assign]
    return app


def lambda_handler(app: FastAPI) -> LambdaHandler:
    """Mangum around the app, with the request id as the log correlation id and metrics flushed;
    primed before the SnapStart snapshot (or now, without SnapStart)."""
    asgi = Mangum(app, lifespan="off")

    @logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
    @metrics.log_metrics
    @tracer.capture_lambda_handler(capture_response=False)  # answers carry tokens: not in traces
    def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
        settings = get_settings()
        with request_deadline(
            remaining_ms=context.get_remaining_time_in_millis(),
            cap_seconds=settings.db_deadline_seconds,
            margin_seconds=settings.lambda_timeout_margin_seconds,
        ):
            return asgi(event, context)  # type: ignore[arg-type]

    snapstart.prepare(app.state.function_name, app, handler)
    return handler
