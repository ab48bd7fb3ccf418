"""What API Gateway tells a function about the caller, and per-response header rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request, Response

USER_AGENT_MAX_CHARS = 512


@dataclass(frozen=True, slots=True)
class Caller:
    ip_address: str
    user_agent: str | None


def client_ip(request: Request) -> str:
    """The caller's address as API Gateway saw it.

    Only `requestContext.identity.sourceIp` is trusted: an `X-Forwarded-For` header is the
    client's own claim and would let anyone pick a fresh rate-limit budget per request.
    """
    event = request.scope.get("aws.event") or {}
    identity = (event.get("requestContext") or {}).get("identity") or {}
    source_ip = identity.get("sourceIp")
    return str(source_ip) if source_ip else "unknown"


async def current_caller(request: Request) -> Caller:
    agent = request.headers.get("user-agent")
    return Caller(
        ip_address=client_ip(request),
        user_agent=agent[:USER_AGENT_MAX_CHARS] if agent else None,
    )


async def no_store(response: Response) -> None:
    """Session answers are per-user and change on sign-out: never cache them anywhere."""
    response.headers["Cache-Control"] = "no-store"


CallerInfo = Annotated[Caller, Depends(current_caller)]
