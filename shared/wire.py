"""Base for the JSON shapes clients see: camelCase on the wire, snake_case in Python."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, PlainSerializer
from pydantic.alias_generators import to_camel
from sqlmodel._compat import SQLModelConfig


def _iso_milliseconds(value: datetime) -> str:
    # JavaScript's Date (and so Better Auth's client) reads at most three decimals of a second
    # and takes six as milliseconds, moving every date minutes away: send what toISOString sends.
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


WireDateTime = Annotated[datetime, PlainSerializer(_iso_milliseconds, return_type=str)]


class WireModel(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


# The same for wire models that derive from a table's base (`TaskPublic(TaskBase)`).
PUBLIC_CONFIG = SQLModelConfig(alias_generator=to_camel, populate_by_name=True)
