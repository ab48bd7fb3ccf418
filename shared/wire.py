"""Base for the JSON shapes clients see: camelCase on the wire, snake_case in Python."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, PlainSerializer
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticCustomError
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


def checked_text(
    value: str, *, label: str, max_chars: int, trim: bool = True, required: bool = True
) -> str:
    """The rule every free-text field follows: trimmed, non-empty, bounded, and storable.

    PostgreSQL text holds neither NUL nor a lone UTF-16 surrogate (which JSON's \\ud800 can
    smuggle in): letting one through would end in a 500 at the INSERT, not a 400 here.
    """
    text = value.strip() if trim else value
    if "\x00" in text:
        raise PydanticCustomError("VALIDATION_ERROR", f"{label} must not contain NUL characters.")
    if not is_valid_unicode(text):
        raise PydanticCustomError("VALIDATION_ERROR", f"{label} must be valid Unicode text.")
    if required and not text:
        raise PydanticCustomError("VALIDATION_ERROR", f"{label} must not be empty.")
    if len(text) > max_chars:
        raise PydanticCustomError(
            "VALIDATION_ERROR", f"{label} must be at most {max_chars} characters."
        )
    return text


def is_valid_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
