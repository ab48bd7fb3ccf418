"""Error answers declared where they arise, for the OpenAPI document.

A dependency that can refuse a request is marked with `@answers({status: description})`; a route
adds its own with `responses=error_answers(...)`. `declare_route_answers` walks each route's
dependency tree once, when the app's OpenAPI document is first asked for, so no table of
function names has to be kept in step with the code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field

Dependency = TypeVar("Dependency", bound=Callable[..., Any])

_ERRORS = "__error_answers__"
_BEARER = "__bearer_auth__"

# Every route: API Gateway refuses a missing or wrong key; the app's middleware refuses a body
# over the limit (whatever the method) and answers a bug.
_EVERY_ROUTE = {
    403: "Missing or wrong API key (answered by API Gateway)",
    413: "Request body too large",
    500: "Unexpected error",
}
# A route that reads input: the body or the query fails its schema.
_INPUT = {400: "Invalid input"}


class ErrorBody(BaseModel):
    """The one error format: every failure is `{code, message}`."""

    code: str = Field(pattern=r"^[A-Z][A-Z0-9_]+$")
    message: str


def answers(
    errors: Mapping[int, str], *, bearer: bool = False
) -> Callable[[Dependency], Dependency]:
    """Declares the errors a dependency can answer with (and whether it reads a Bearer token)."""

    def declare(dependency: Dependency) -> Dependency:
        setattr(dependency, _ERRORS, dict(errors))
        setattr(dependency, _BEARER, bearer)
        return dependency

    return declare


_ERROR_CONTENT = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}


def error_answers(errors: Mapping[int, str]) -> dict[int | str, dict[str, Any]]:
    """FastAPI `responses=` for errors in the one format (`ErrorBody`)."""
    return {
        status: {"description": text, "content": _ERROR_CONTENT} for status, text in errors.items()
    }


def _calls(dependant: Dependant) -> Iterator[Callable[..., Any]]:
    for sub in dependant.dependencies:
        if sub.call is not None:
            yield sub.call
        yield from _calls(sub)


def openapi_with_answers(app: FastAPI) -> dict[str, Any]:
    """The app's OpenAPI document, with every route's error answers and the `ErrorBody` schema."""
    if app.openapi_schema is None:
        _declare_route_answers(app)
        document = FastAPI.openapi(app)
        document.setdefault("components", {}).setdefault("schemas", {})["ErrorBody"] = (
            ErrorBody.model_json_schema()
        )
    return app.openapi_schema or {}


def _declare_route_answers(app: FastAPI) -> None:
    for route in app.routes:
        if not isinstance(route, APIRoute):
            continue
        errors = dict(_EVERY_ROUTE)
        calls = list(_calls(route.dependant))
        for call in calls:
            errors |= getattr(call, _ERRORS, {})
        if route.body_field is not None:
            errors |= _INPUT
        if route.dependant.query_params:
            errors |= _INPUT
        for status, response in error_answers(errors).items():
            route.responses.setdefault(status, response)
        bearer = any(getattr(call, _BEARER, False) for call in calls)
        security: list[dict[str, list[str]]] = (
            [{"ApiKey": [], "Bearer": []}] if bearer else [{"ApiKey": []}]
        )
        route.openapi_extra = {**(route.openapi_extra or {}), "security": security}
