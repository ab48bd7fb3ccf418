"""Opaque keyset cursors: the last row's sort value and id, bound to the sort they came from.

Keyset (not offset) pagination keeps pages stable while tasks are inserted: a page starts
strictly after the last row the client saw, whatever was added before it.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from dataclasses import dataclass
from datetime import datetime

from shared.errors import ApiError


@dataclass(frozen=True, slots=True)
class Cursor:
    sort: str
    order: str
    value: str | datetime
    id: uuid.UUID

    def encode(self) -> str:
        value = self.value.isoformat() if isinstance(self.value, datetime) else self.value
        raw = json.dumps([self.sort, self.order, value, str(self.id)], separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def invalid_cursor() -> ApiError:
    return ApiError(400, "INVALID_CURSOR", "The cursor is not valid for this listing.")


def decode_cursor(token: str, *, sort: str, order: str) -> Cursor:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        cursor_sort, cursor_order, value, row_id = json.loads(raw)
        # Anything a client forged must be a 400 here, not a 500 from the query: a non-string id
        # (uuid.UUID(5) raises AttributeError), a NUL (PostgreSQL text refuses it) or a lone
        # surrogate (cannot be encoded to send) in the value.
        if (
            (cursor_sort, cursor_order) != (sort, order)
            or not isinstance(value, str)
            or not isinstance(row_id, str)
            or "\x00" in value
        ):
            raise invalid_cursor()
        value.encode()
        parsed: str | datetime = value if sort == "title" else datetime.fromisoformat(value)
        return Cursor(sort=sort, order=order, value=parsed, id=uuid.UUID(row_id))
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise invalid_cursor() from None
