"""Task wire shapes and their rules (the frontend's validation mirrors these)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, ConfigDict, Field, StrictBool, field_validator, model_validator
from pydantic.config import JsonDict
from sqlmodel._compat import SQLModelConfig

from shared.errors import ErrorCode
from shared.models.tasks import DESCRIPTION_MAX_CHARS, TITLE_MAX_CHARS, TaskBase
from shared.tasks.cursor import CURSOR_MAX_CHARS
from shared.text import checked_text
from shared.wire import PUBLIC_CONFIG, WireDateTime, WireModel

PAGE_DEFAULT = 50
PAGE_MAX = 100


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
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"title": "Buy milk", "description": "2 litres"}]},
    )

    title: Title
    description: Description = ""


class TaskUpdate(WireModel):
    """A partial update: only the fields sent change; `null` is never a value."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"title": "Buy oat milk"}]}
    )

    title: Title | None = None
    description: Description | None = None
    # Strict: "yes", 1 or "false" are wrong types, not booleans.
    completed: StrictBool | None = None

    @field_validator("title", "description", "completed", mode="before")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:
            raise ErrorCode.VALIDATION_ERROR.field_error("Fields may be omitted but not null.")
        return value

    @model_validator(mode="after")
    def _something_to_change(self) -> TaskUpdate:
        if not self.model_fields_set:
            raise ErrorCode.VALIDATION_ERROR.field_error(
                "Send at least one of title, description, completed."
            )
        return self

    def changes(self) -> dict[str, Any]:
        return self.model_dump(include=self.model_fields_set)


TaskStatus = Literal["all", "pending", "completed"]
TaskSort = Literal["created", "updated", "title"]
SortOrder = Literal["asc", "desc"]


class TaskListQuery(WireModel):
    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={"examples": [{"status": "pending", "sort": "title", "limit": 20}]},
    )

    status: TaskStatus = "all"
    sort: TaskSort = "created"
    order: SortOrder = "desc"
    limit: int = Field(default=PAGE_DEFAULT, ge=1, le=PAGE_MAX)
    cursor: str | None = Field(default=None, max_length=CURSOR_MAX_CHARS)


_TASK_EXAMPLE: JsonDict = {
    "id": "3f0c5bde-8a4e-4d1e-9a57-2b7f3c9d0e11",
    "title": "Buy milk",
    "description": "2 litres",
    "completed": False,
    "createdAt": "2026-01-02T03:04:05.678Z",
    "updatedAt": "2026-01-02T03:04:05.678Z",
}


class TaskPublic(TaskBase):
    model_config = SQLModelConfig(**PUBLIC_CONFIG, json_schema_extra={"examples": [_TASK_EXAMPLE]})

    id: uuid.UUID
    created_at: WireDateTime
    updated_at: WireDateTime


class TaskPage(WireModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [_TASK_EXAMPLE], "nextCursor": None}]}
    )

    items: list[TaskPublic]
    next_cursor: str | None
