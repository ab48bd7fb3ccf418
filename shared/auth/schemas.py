"""Better Auth's wire shapes and the credential rules shared by sign-up and sign-in."""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, ConfigDict, Field, field_validator, model_validator
from pydantic.config import JsonDict

from shared.email_address import InvalidEmailAddress, email_to_look_up, normalize_email
from shared.errors import ErrorCode
from shared.models.user_sessions import SessionBase
from shared.models.users import IMAGE_MAX_CHARS, NAME_MAX_CHARS, UserBase
from shared.text import checked_text, is_valid_unicode
from shared.wire import PUBLIC_CONFIG, WireDateTime, WireModel

PASSWORD_MIN_CHARS = 8
# Any script: passwords are pre-hashed before bcrypt (`shared.auth.passwords`), so bcrypt's
# 72-byte limit never cuts one short.
PASSWORD_MAX_CHARS = 128


def _email(value: str) -> str:
    try:
        return normalize_email(value)
    except InvalidEmailAddress:
        raise ErrorCode.INVALID_EMAIL.field_error("Enter a valid email address.") from None


def _email_to_look_up(value: str) -> str:
    try:
        return email_to_look_up(value)
    except InvalidEmailAddress:
        raise ErrorCode.INVALID_EMAIL.field_error("Enter a valid email address.") from None


def _within_limits(value: str) -> str:
    if not is_valid_unicode(value):
        raise ErrorCode.VALIDATION_ERROR.field_error("Password must be valid Unicode text.")
    if len(value) > PASSWORD_MAX_CHARS:
        raise ErrorCode.PASSWORD_TOO_LONG.field_error(
            f"Password must be at most {PASSWORD_MAX_CHARS} characters."
        )
    return value


def _new_password(value: str) -> str:
    if len(value) < PASSWORD_MIN_CHARS:
        raise ErrorCode.PASSWORD_TOO_SHORT.field_error(
            f"Password must be at least {PASSWORD_MIN_CHARS} characters."
        )
    _within_limits(value)
    # Imported here: the list is only loaded by a function that actually receives a new password.
    from shared.auth.common_passwords import is_common_password

    if is_common_password(value):
        # Better Auth's haveibeenpwned plugin answers with this code.
        raise ErrorCode.PASSWORD_COMPROMISED.field_error(
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
    AfterValidator(_email),
]
SignInEmail = Annotated[
    str,
    Field(max_length=1024, json_schema_extra={"format": "email"}),
    AfterValidator(_email_to_look_up),
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


# Plain http only where nothing travels over a network (a developer's own machine).
_LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
# Characters no valid URL holds unescaped: with them a browser, a mail client or an HTML
# attribute may read the text as something other than the URL we checked.
_NOT_IN_A_URL = frozenset(' "<>\\`')


def _is_image_url(url: str) -> bool:
    """An absolute https URL with a host (http on loopback): something a browser loads as an
    image, never a script (`javascript:`, `vbscript:`), inline content (`data:`, whose SVG
    can carry script), a local file, or a path resolved against whatever page shows it."""
    if any(char in _NOT_IN_A_URL or char.isspace() for char in url):
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - urlsplit checks the port only when it is read
    except ValueError:
        return False
    # Credentials in an image URL only serve to disguise its host (https://bank.com@evil.com).
    if not parts.hostname or parts.username is not None or parts.password is not None:
        return False
    return parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in _LOOPBACK_HOSTS)


def _image(value: str) -> str:
    url = checked_text(value, label="Image", max_chars=IMAGE_MAX_CHARS)
    if not _is_image_url(url):
        raise ErrorCode.VALIDATION_ERROR.field_error(
            "Image must be an absolute https URL (http only for localhost)."
        )
    return url


ImageUrl = Annotated[
    str,
    Field(json_schema_extra={"minLength": 1, "maxLength": IMAGE_MAX_CHARS, "format": "uri"}),
    AfterValidator(_image),
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
    # Better Auth's client may send extra fields (callbackURL, rememberMe): accept and ignore
    # them. `image` is Better Auth's too, and stored, by the rule update-user applies.
    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={
            "examples": [{"email": "ada@example.com", "password": "correct horse", "name": "Ada"}]
        },
    )

    email: Email
    password: NewPassword
    name: DisplayName
    image: ImageUrl | None = None


class SignInBody(WireModel):
    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={"examples": [{"email": "ada@example.com", "password": "correct horse"}]},
    )

    email: SignInEmail
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
            raise ErrorCode.EMAIL_CAN_NOT_BE_UPDATED.field_error(
                "The email address cannot be changed here."
            )

    @model_validator(mode="after")
    def _something_to_update(self) -> UpdateUserBody:
        if "name" in self.model_fields_set and self.name is None:
            raise ErrorCode.VALIDATION_ERROR.field_error("Name must not be null.")
        if not self.model_fields_set & {"name", "image"}:
            raise ErrorCode.NO_FIELDS_TO_UPDATE.field_error("There are no fields to update.")
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
