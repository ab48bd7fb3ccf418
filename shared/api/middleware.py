"""The ASGI middleware every function's app runs, outermost last in `create_app`."""

from __future__ import annotations

import time

from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.api.error_handlers import error_response
from shared.errors import ApiError, ErrorCode
from shared.observability import logger


class HttpMiddleware:
    """An ASGI middleware that acts on HTTP requests only (`http`) and passes the rest through."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await self.http(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        raise NotImplementedError


class BodySizeLimit(HttpMiddleware):
    """Refuses a request body over the limit with 413 before any route reads it."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        super().__init__(app)
        self.max_bytes = max_bytes

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                too_large = ApiError(
                    ErrorCode.PAYLOAD_TOO_LARGE,
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


# Set by the entry point (`shared.api.app.lambda_handler`) on an event whose headers, query
# string or path held text that is not Unicode: a lone UTF-16 surrogate, which API Gateway's JSON
# event can carry ("\ud800") and no HTTP request can mean.
UNREADABLE_TEXT = "lambdaTasks.unreadableText"


class RefuseUnreadableText(HttpMiddleware):
    """Answers 400 for an event the entry point marked: it replaced the surrogates so Mangum
    could build the request, and the request is refused here, inside CORS, so the browser can
    read why."""

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope.get("aws.event") or {}).get(UNREADABLE_TEXT):
            unreadable = ApiError(
                ErrorCode.VALIDATION_ERROR,
                "The request's headers, query string and path must be valid Unicode text.",
            )
            await error_response(unreadable)(scope, receive, send)
            return
        await self.app(scope, receive, send)


class AccessLog(HttpMiddleware):
    """One structured line per request: route, status and duration, never a body or a token."""

    def __init__(self, app: ASGIApp, function_name: str) -> None:
        super().__init__(app)
        self.function_name = function_name

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
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


class NoSniff(HttpMiddleware):
    """`X-Content-Type-Options: nosniff` on every answer: a JSON error is never sniffed as HTML."""

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)["X-Content-Type-Options"] = "nosniff"
            await send(message)

        await self.app(scope, receive, with_header)


class JsonCORSMiddleware(CORSMiddleware):
    """Starlette's CORS, except that a refused preflight answers in the one error format."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code != 400:
            return response
        refused = ApiError(
            ErrorCode.CORS_REJECTED,
            "This origin, method or header is not allowed to call the API.",
            headers={
                name: value
                for name, value in response.headers.items()
                if name.lower() not in {"content-length", "content-type"}
            },
        )
        return error_response(refused)
