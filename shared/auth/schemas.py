"""Better Auth's wire shapes and the credential rules shared by sign-up and sign-in."""

from __future__ import annotations

import re
import uuid
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from shared.models.user_sessions import SessionBase
from shared.models.users import EMAIL_MAX_CHARS, IMAGE_MAX_CHARS, NAME_MAX_CHARS, UserBase
from shared.text import checked_text, is_valid_unicode
from shared.wire import PUBLIC_CONFIG, WireDateTime, WireModel

PASSWORD_MIN_CHARS = 8
# Any script: passwords are pre-hashed before bcrypt (`shared.auth.passwords`), so bcrypt's
# 72-byte limit never cuts one short.
PASSWORD_MAX_CHARS = 128

_EMAIL = re.compile(r"^[^@\s\x00]+@[^@\s\x00]+\.[^@\s.\x00]{2,}$")


def normalize_email(value: str) -> str:
    email = value.strip().lower()
    if len(email) > EMAIL_MAX_CHARS or not _EMAIL.match(email):
        raise PydanticCustomError("INVALID_EMAIL", "Enter a valid email address.")
    return email


def _within_limits(value: str) -> str:
    if not is_valid_unicode(value):
        raise PydanticCustomError("VALIDATION_ERROR", "Password must be valid Unicode text.")
    if len(value) > PASSWORD_MAX_CHARS:
        raise PydanticCustomError(
            "PASSWORD_TOO_LONG", f"Password must be at most {PASSWORD_MAX_CHARS} characters."
        )
    return value


def _new_password(value: str) -> str:
    if len(value) < PASSWORD_MIN_CHARS:
        raise PydanticCustomError(
            "PASSWORD_TOO_SHORT", f"Password must be at least {PASSWORD_MIN_CHARS} characters."
        )
    _within_limits(value)
    # Imported here: the list is only loaded by a function that actually receives a new password.
    from shared.auth.common_passwords import is_common_password

    if is_common_password(value):
        # Better Auth's haveibeenpwned plugin answers with this code.
        raise PydanticCustomError(
            "PASSWORD_COMPROMISED",
            "This password is too common and appears in data breaches. Choose a different one.",
        )
    return value


def _display_name(value: str) -> str:
    return checked_text(value, label="Name", max_chars=NAME_MAX_CHARS)


# The documented limits live in json_schema_extra, not in Field(min_length=...): pydantic's own
# checks would answer with its generic error instead of the codes Better Auth clients expect.
Email = Annotated[
    str,
    Field(max_length=1024, json_schema_extra={"format": "email"}),
    AfterValidator(normalize_email),
]
NewPassword = Annotated[
    str,
    Field(json_schema_extra={"minLength": PASSWORD_MIN_CHARS, "maxLength": PASSWORD_MAX_CHARS}),
    AfterValidator(_new_password),
]
GivenPassword = Annotated[
    str,
    Field(json_schema_extra={"maxLength": PASSWORD_MAX_CHARS}),
    AfterValidator(_within_limits),
]


def _image(value: str) -> str:
    return checked_text(value, label="Image", max_chars=IMAGE_MAX_CHARS)


ImageUrl = Annotated[
    str,
    Field(json_schema_extra={"minLength": 1, "maxLength": IMAGE_MAX_CHARS}),
    AfterValidator(_image),
]
DisplayName = Annotated[
    str,
    Field(json_schema_extra={"minLength": 1, "maxLength": NAME_MAX_CHARS}),
    AfterValidator(_display_name),
]


class SignUpBody(WireModel):
    # Better Auth's client may send extra fields (callbackURL, image): accept and ignore them.
    model_config = ConfigDict(extra="ignore")

    email: Email
    password: NewPassword
    name: DisplayName


class SignInBody(WireModel):
    model_config = ConfigDict(extra="ignore")

    email: Email
    password: GivenPassword
    remember_me: bool = True


class UserPublic(UserBase):
    model_config = PUBLIC_CONFIG

    id: uuid.UUID
    email_verified: bool = False
    created_at: WireDateTime
    updated_at: WireDateTime


class SessionPublic(SessionBase):
    model_config = PUBLIC_CONFIG

    id: uuid.UUID
    token: str
    expires_at: WireDateTime
    created_at: WireDateTime
    updated_at: WireDateTime


class SignUpResult(WireModel):
    token: str
    user: UserPublic


class SignInResult(WireModel):
    redirect: Literal[False] = False
    token: str
    user: UserPublic


class SessionResult(WireModel):
    session: SessionPublic
    user: UserPublic


class SignOutResult(WireModel):
    success: Literal[True] = True


class StatusResult(WireModel):
    status: Literal[True] = True


class RevokeSessionBody(WireModel):
    model_config = ConfigDict(extra="ignore")

    token: str = Field(max_length=4096)


class ChangePasswordBody(WireModel):
    model_config = ConfigDict(extra="ignore")

    current_password: GivenPassword
    new_password: NewPassword
    revoke_other_sessions: bool = Field(default=False, strict=True)


class ChangePasswordResult(WireModel):
    # A new session token when the other sessions were revoked (the old one is revoked too).
    token: str | None
    user: UserPublic


class UpdateUserBody(WireModel):
    # Better Auth's client sends whatever fields it is given: the unknown ones are ignored.
    model_config = ConfigDict(extra="ignore")

    # First, so it is the error reported whatever else is wrong (as Better Auth checks it first).
    email: Any = Field(default=None, json_schema_extra={"deprecated": True})
    name: DisplayName | None = None
    image: ImageUrl | None = None

    @field_validator("email")
    @classmethod
    def _email_is_not_updated_here(cls, value: Any) -> None:
        if value:
            raise PydanticCustomError(
                "EMAIL_CAN_NOT_BE_UPDATED", "The email address cannot be changed here."
            )

    @model_validator(mode="after")
    def _something_to_update(self) -> UpdateUserBody:
        if "name" in self.model_fields_set and self.name is None:
            raise PydanticCustomError("VALIDATION_ERROR", "Name must not be null.")
        if not self.model_fields_set & {"name", "image"}:
            raise PydanticCustomError("NO_FIELDS_TO_UPDATE", "There are no fields to update.")
        return self

    def changes(self) -> dict[str, str | None]:
        return {
            field: getattr(self, field)
            for field in ("name", "image")
            if field in self.model_fields_set
        }


class DeleteUserBody(WireModel):
    model_config = ConfigDict(extra="ignore")

    # Optional, as in Better Auth: without it the session must be fresh.
    password: GivenPassword | None = None
    # Better Auth's emailed deletion link; this API sends none, so any token is refused.
    token: str | None = None
    callback_url: str | None = Field(default=None, alias="callbackURL")


class DeleteUserResult(WireModel):
    success: Literal[True] = True
    message: Literal["User deleted"] = "User deleted"


class RequestPasswordResetBody(WireModel):
    model_config = ConfigDict(extra="ignore")

    email: Email
    redirect_to: str | None = Field(default=None, max_length=2048)


class RequestPasswordResetResult(WireModel):
    status: Literal[True] = True
    message: str


class ResetPasswordBody(WireModel):
    model_config = ConfigDict(extra="ignore")

    new_password: NewPassword
    token: str | None = Field(default=None, max_length=512)
