"""Better Auth's wire shapes and the credential rules shared by sign-up and sign-in."""

from __future__ import annotations

import re
import uuid
from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field
from pydantic.config import JsonDict
from pydantic_core import PydanticCustomError

from shared.models.user_sessions import SessionBase
from shared.models.users import EMAIL_MAX_CHARS, NAME_MAX_CHARS, UserBase
from shared.text import checked_text, is_valid_unicode
from shared.wire import PUBLIC_CONFIG, WireDateTime, WireModel

PASSWORD_MIN_CHARS = 8
PASSWORD_MAX_CHARS = 128
# bcrypt only reads 72 bytes (bcrypt 5 raises past them): longer would silently truncate.
PASSWORD_MAX_BYTES = 72

_EMAIL = re.compile(r"^[^@\s\x00]+@[^@\s\x00]+\.[^@\s.\x00]{2,}$")


def normalize_email(value: str) -> str:
    email = value.strip().lower()
    if len(email) > EMAIL_MAX_CHARS or not _EMAIL.match(email):
        raise PydanticCustomError("INVALID_EMAIL", "Enter a valid email address.")
    return email


def _within_bcrypt_limits(value: str) -> str:
    if not is_valid_unicode(value):
        raise PydanticCustomError("VALIDATION_ERROR", "Password must be valid Unicode text.")
    if len(value) > PASSWORD_MAX_CHARS:
        raise PydanticCustomError(
            "PASSWORD_TOO_LONG", f"Password must be at most {PASSWORD_MAX_CHARS} characters."
        )
    if len(value.encode("utf-8")) > PASSWORD_MAX_BYTES:
        raise PydanticCustomError(
            "PASSWORD_TOO_LONG",
            f"Password must be at most {PASSWORD_MAX_BYTES} bytes "
            "(fewer characters when using accents or emoji).",
        )
    return value


def _new_password(value: str) -> str:
    if len(value) < PASSWORD_MIN_CHARS:
        raise PydanticCustomError(
            "PASSWORD_TOO_SHORT", f"Password must be at least {PASSWORD_MIN_CHARS} characters."
        )
    return _within_bcrypt_limits(value)


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
    AfterValidator(_within_bcrypt_limits),
]
DisplayName = Annotated[
    str,
    Field(json_schema_extra={"minLength": 1, "maxLength": NAME_MAX_CHARS}),
    AfterValidator(_display_name),
]


_USER_EXAMPLE: JsonDict = {
    "id": "6b1d2f3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
    "email": "ada@example.com",
    "name": "Ada",
    "image": None,
    "emailVerified": False,
    "createdAt": "2026-01-02T03:04:05.678Z",
    "updatedAt": "2026-01-02T03:04:05.678Z",
}
_TOKEN_EXAMPLE = "eyJhbGciOiJIUzI1NiJ9.e30.signature"  # noqa: S105 - a documentation example


class SignUpBody(WireModel):
    # Better Auth's client may send extra fields (callbackURL, image): accept and ignore them.
    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={
            "examples": [{"email": "ada@example.com", "password": "correct horse", "name": "Ada"}]
        },
    )

    email: Email
    password: NewPassword
    name: DisplayName


class SignInBody(WireModel):
    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={"examples": [{"email": "ada@example.com", "password": "correct horse"}]},
    )

    email: Email
    password: GivenPassword
    remember_me: bool = True


class UserPublic(UserBase):
    model_config = PUBLIC_CONFIG

    id: uuid.UUID
    image: None = None
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
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"token": _TOKEN_EXAMPLE, "user": _USER_EXAMPLE}]}
    )

    token: str
    user: UserPublic


class SignInResult(WireModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"redirect": False, "token": _TOKEN_EXAMPLE, "user": _USER_EXAMPLE}]
        }
    )

    redirect: Literal[False] = False
    token: str
    user: UserPublic


class SessionResult(WireModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "session": {
                        "id": "0e9d8c7b-6a5f-4e3d-9c2b-1a0f9e8d7c6b",
                        "token": _TOKEN_EXAMPLE,
                        "userId": "6b1d2f3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
                        "expiresAt": "2026-01-09T03:04:05.678Z",
                        "createdAt": "2026-01-02T03:04:05.678Z",
                        "updatedAt": "2026-01-02T03:04:05.678Z",
                        "ipAddress": "203.0.113.10",
                        "userAgent": "Mozilla/5.0",
                    },
                    "user": _USER_EXAMPLE,
                }
            ]
        }
    )

    session: SessionPublic
    user: UserPublic


class SignOutResult(WireModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"success": True}]})

    success: Literal[True] = True
