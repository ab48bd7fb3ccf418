"""Task wire shapes and their rules (the frontend's validation mirrors these)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, ConfigDict, Field, StrictBool, field_validator, model_validator
from pydantic_core import PydanticCustomError

from shared.models.tasks import DESCRIPTION_MAX_CHARS, TITLE_MAX_CHARS, TaskBase
from shared.text import checked_text
from shared.wire import PUBLIC_CONFIG, WireDateTime, WireModel

PAGE_DEFAULT = 50
PAGE_MAX = 100
# A title cursor carries the last title JSON-escaped (up to 12 characters per character) in
# base64: 200 characters of emoji need about 3,300. 512 refused real cursors for non-ASCII titles.
CURSOR_MAX_CHARS = 4096


def _title(value: str) -> str:
    return checked_text(value, label="Title", max_chars=TITLE_MAX_CHARS)


def _description(value: str) -> str:
    return checked_text(
        value,
        label="Description",
        max_chars=DESCRIPTION_MAX_CHARS,
        trim=False,
        required=False,
        multiline=True,
    )


# Limits are documented through json_schema_extra so the errors keep this API's own wording.
Title = Annotated[
    str,
    Field(json_schema_extra={"minLength": 1, "maxLength": TITLE_MAX_CHARS}),
    AfterValidator(_title),
]
Description = Annotated[
    str,
    Field(json_schema_extra={"maxLength": DESCRIPTION_MAX_CHARS}),
    AfterValidator(_description),
]


class TaskCreate(WireModel):
    model_config = ConfigDict(extra="forbid")

    title: Title
    description: Description = ""


class TaskUpdate(WireModel):
    """A partial update: only the fields sent change; `null` is never a value."""

    model_config = ConfigDict(extra="forbid")

    title: Title | None = None
    description: Description | None = None
    # Strict: "yes", 1 or "false" are wrong types, not booleans.
    completed: StrictBool | None = None

    @field_validator("title", "description", "completed", mode="before")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:
            raise PydanticCustomError("VALIDATION_ERROR", "Fields may be omitted but not null.")
        return value

    @model_validator(mode="after")
    def _something_to_change(self) -> TaskUpdate:
        if not self.model_fields_set:
            raise PydanticCustomError(
                "VALIDATION_ERROR", "Send at least one of title, description, completed."
            )
        return self

    def changes(self) -> dict[str, Any]:
        return self.model_dump(include=self.model_fields_set)


class TaskListQuery(WireModel):
    model_config = ConfigDict(extra="ignore")

    status: Literal["all", "pending", "completed"] = "all"
    sort: Literal["created", "updated", "title"] = "created"
    order: Literal["asc", "desc"] = "desc"
    limit: int = Field(default=PAGE_DEFAULT, ge=1, le=PAGE_MAX)
    cursor: str | None = Field(default=None, max_length=CURSOR_MAX_CHARS)


class TaskPublic(TaskBase):
    model_config = PUBLIC_CONFIG

    id: uuid.UUID
    created_at: WireDateTime
    updated_at: WireDateTime


class TaskPage(WireModel):
    items: list[TaskPublic]
    next_cursor: str | None
