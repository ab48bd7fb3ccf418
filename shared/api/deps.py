"""Every FastAPI dependency a route can ask for, and the only place they are made.

Each is an `Annotated[..., Depends(...)]` alias (as fastapi/full-stack-fastapi-template's
`api/deps.py`): routes name what they need (`DbSession`, `SignedIn`, `OwnTasks`...), and the code
behind them takes plain values and raises the project's own errors. A dependency that can
refuse a request declares its answers with `@answers(...)`, so the OpenAPI document lists each
error where it arises (`shared.api.app` collects them per route).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Path, Query, Request, Response
from fastapi.responses import RedirectResponse

from shared import db as database
from shared.api.answers import answers
from shared.auth.freshness import require_fresh
from shared.auth.principal import bearer_token, require_session, resolve_session, verified_claims
from shared.auth.session_store import LiveSession
from shared.auth.token_verifier import TokenClaims
from shared.network_limit import NetworkLimit
from shared.request_context import Caller, caller
from shared.tasks.repository import UserTasks


@answers({503: "Database unavailable"})
async def get_db_session() -> AsyncIterator[database.DbSession]:
    # `async` so FastAPI runs it on the event loop instead of hopping to a worker thread.
    # The request's one session: FastAPI hands the same one to every dependency that names it,
    # so a request never waits for a connection it holds itself. Autocommit; a service opens
    # `with db.transaction():` around statements that must stand or fall together.
    db = database.DbSession(database.get_engine())
    try:
        yield db
    finally:
        db.close()


DbSession = Annotated[database.DbSession, Depends(get_db_session)]


@answers({}, bearer=True)
async def get_bearer_token(request: Request) -> str | None:
    return bearer_token(request.headers.get("authorization"))


BearerToken = Annotated[str | None, Depends(get_bearer_token)]


async def get_optional_session(token: BearerToken, db: DbSession) -> LiveSession | None:
    return resolve_session(token, db)


_NO_SESSION = {401: "Missing, invalid, expired or revoked session"}


@answers(_NO_SESSION)
async def get_signed_in(token: BearerToken, db: DbSession) -> LiveSession:
    return require_session(token, db)


SignedIn = Annotated[LiveSession, Depends(get_signed_in)]


@answers({403: "Session not fresh: signed in more than a day ago"})
async def get_fresh_session(live: SignedIn) -> LiveSession:
    # Better Auth's `freshSessionMiddleware`: signed in, and not merely kept alive, lately.
    return require_fresh(live)


FreshSession = Annotated[LiveSession, Depends(get_fresh_session)]


@answers({401: "Missing, invalid, expired or revoked token"})
async def get_verified_token(token: BearerToken) -> TokenClaims:
    return verified_claims(token)


OptionalSession = Annotated[LiveSession | None, Depends(get_optional_session)]
VerifiedToken = Annotated[TokenClaims, Depends(get_verified_token)]


async def get_own_tasks(claims: VerifiedToken, db: DbSession) -> UserTasks:
    return UserTasks(db, caller=claims)


@answers({404: "No such task for this user"})
async def get_task_id(task_id: Annotated[str, Path(alias="id")]) -> str:
    # A plain string: a malformed id (however long) must be the same 404 as a missing task,
    # not a 400 or 422. `UserTasks` rejects anything that is not a UUID in linear time.
    return task_id


OwnTasks = Annotated[UserTasks, Depends(get_own_tasks)]
TaskId = Annotated[str, Depends(get_task_id)]


async def get_caller(request: Request) -> Caller:
    event = request.scope.get("aws.event") or {}
    return caller(event, user_agent=_header_text(request, b"user-agent"))


def _header_text(request: Request, name: bytes) -> str | None:
    """A header as the text the client sent: UTF-8 (Starlette decodes header bytes as Latin-1)."""
    for key, value in request.scope["headers"]:
        if key == name:
            return bytes(value).decode("utf-8", "replace")
    return None


CallerInfo = Annotated[Caller, Depends(get_caller)]

# The password reset link: `/reset-password/{token}?callbackURL=...`, and Better Auth's
# `/reset-password?token=...` (the token may come in the query instead of the body).
ResetLinkToken = Annotated[str, Path(max_length=512)]
CallbackUrl = Annotated[str, Query(alias="callbackURL", max_length=2048)]
QueryToken = Annotated[str | None, Query(max_length=512)]


def limit_attempts(action: str) -> Callable[..., Awaitable[None]]:
    """A route dependency: every call of the route, valid or not, spends one attempt of the
    caller's network (`NetworkLimit`), on the request's own session."""

    @answers({429: "Too many attempts from this address", 503: "Database unavailable"})
    async def check_attempt(request: Request, db: DbSession) -> None:
        client = caller(request.scope.get("aws.event") or {}, user_agent=None)
        NetworkLimit.for_action(action).check(db, ip_address=client.ip_address)

    return check_attempt


async def no_store(response: Response) -> None:
    """Answers carrying a token, a session or a user are per-user: never cache them anywhere."""
    response.headers["Cache-Control"] = "no-store"


def redirect(url: str) -> RedirectResponse:
    """A 302 to `url` (Better Auth's `ctx.redirect`); the caller has checked it is trusted."""
    return RedirectResponse(url, status_code=302)


def with_auth_token(response: Response, token: str) -> None:
    """Better Auth's bearer plugin reads the new session token from this header."""
    response.headers["set-auth-token"] = token
