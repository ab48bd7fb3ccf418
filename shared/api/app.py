"""The one app factory every function uses, and the Lambda entry point around it."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable
from typing import Any

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext
from fastapi import FastAPI
from mangum import Mangum

from shared.api import snapstart
from shared.api.answers import error_answers, openapi_with_answers
from shared.api.error_handlers import UnexpectedErrorBoundary, install_error_handlers
from shared.api.middleware import (
    UNREADABLE_TEXT,
    AccessLog,
    BodySizeLimit,
    JsonCORSMiddleware,
    NoSniff,
    RefuseUnreadableText,
)
from shared.config import get_settings
from shared.deadline import request_deadline
from shared.observability import logger, metrics, tracer
from shared.text import is_valid_unicode

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
    app.add_middleware(RefuseUnreadableText)
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


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _is_encodable(value: Any) -> bool:
    try:
        # One pass in C over every string of it.
        json.dumps(value, ensure_ascii=False, default=str).encode()
    except UnicodeEncodeError:
        return False
    return True


def _without_lone_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_without_lone_surrogates(k): _without_lone_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_lone_surrogates(item) for item in value]
    return value


def encodable_event(event: dict[str, Any]) -> dict[str, Any]:
    """The event as Mangum can take it.

    API Gateway's event is JSON, in which "\\ud800" decodes to a lone surrogate. Mangum encodes
    the headers, the query string and a text body to bytes, and would raise UnicodeEncodeError
    before any of the app's error handling. In the headers, query string or path such text is
    replaced and the event marked, for `RefuseUnreadableText` to answer 400 in the one format.
    A text body is passed on base64-encoded, as the bytes that decode back to the same text
    (surrogatepass, as Python's JSON decoder reads them): the route's own rules then answer it,
    as they answer the escape "\\ud800" in a body (a field that keeps text refuses it).
    """
    body = event.get("body")
    request = {name: value for name, value in event.items() if name != "body"}
    # The body apart, and ASCII first: it is most of the event, and nearly always ASCII.
    body_is_text = not isinstance(body, str) or body.isascii() or is_valid_unicode(body)
    request_is_text = _is_encodable(request)
    if body_is_text and request_is_text:
        return event
    cleaned: dict[str, Any] = _without_lone_surrogates(request)
    if not request_is_text:
        cleaned[UNREADABLE_TEXT] = True
    if not body_is_text:
        assert isinstance(body, str)
        body = base64.b64encode(body.encode("utf-8", "surrogatepass")).decode("ascii")
        cleaned["isBase64Encoded"] = True
    return {**cleaned, "body": body}


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
            return asgi(encodable_event(event), context)  # type: ignore[arg-type]

    snapstart.prepare()
    return handler
