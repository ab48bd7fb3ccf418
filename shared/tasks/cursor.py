"""Opaque keyset cursors: the last row's sort value and id, bound to the sort they came from.

Keyset (not offset) pagination keeps pages stable while tasks are inserted: a page starts
strictly after the last row the client saw, whatever was added, changed or deleted meanwhile
(the cursor carries the position itself, not a row to look up again).

A title cursor carries the title, not the sort key it orders by: the key is a function of the
title (`title_sort_key`), recomputed here, and can be 18 times longer (U+FDFA's NFKD form), so
a cursor carrying it would outgrow any limit the API could accept. A title is at most
TITLE_MAX_CHARS characters, so every cursor fits in CURSOR_MAX_CHARS.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from dataclasses import dataclass
from datetime import datetime

from shared.errors import ApiError, ErrorCode
from shared.models.tasks import TITLE_MAX_CHARS, title_sort_key

# The longest `encode` can make: the longest title, of the characters that take the most room,
# beside the longest sort and order and an id. An astral character is 4 bytes of UTF-8; a
# control character, which JSON escapes into 6, is refused in new titles but may be in one
# stored before the text rule.
_LONGEST_RAW = max(
    len(
        json.dumps(
            ["updated", "desc", char * TITLE_MAX_CHARS, str(uuid.UUID(int=0))],
            separators=(",", ":"),
            ensure_ascii=False,
        ).encode()
    )
    for char in ("\U0001f600", "\x01")
)
CURSOR_MAX_CHARS = -(-_LONGEST_RAW * 4 // 3)  # unpadded base64


@dataclass(frozen=True, slots=True)
class Cursor:
    sort: str
    order: str
    # The last row's title (sort "title") or its sort column's time.
    value: str | datetime
    id: uuid.UUID

    def encode(self) -> str:
        value = self.value.isoformat() if isinstance(self.value, datetime) else self.value
        raw = json.dumps(
            [self.sort, self.order, value, str(self.id)], separators=(",", ":"), ensure_ascii=False
        )
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @property
    def sort_value(self) -> str | datetime:
        """What the sort column is compared with."""
        return title_sort_key(self.value) if isinstance(self.value, str) else self.value


def invalid_cursor() -> ApiError:
    return ApiError(ErrorCode.INVALID_CURSOR, "The cursor is not valid for this listing.")


def decode_cursor(token: str, *, sort: str, order: str) -> Cursor:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        cursor_sort, cursor_order, value, row_id = json.loads(raw)
        # Anything a client forged must be a 400 here, not a 500 from the query: a non-string id
        # (uuid.UUID(5) raises AttributeError), a NUL (PostgreSQL text refuses it) or a lone
        # surrogate (cannot be encoded to send) in the value, or a title longer than any title
        # (its sort key, computed here, would be up to 18 times longer still).
        if (
            (cursor_sort, cursor_order) != (sort, order)
            or not isinstance(value, str)
            or not isinstance(row_id, str)
            or "\x00" in value
            or (sort == "title" and len(value) > TITLE_MAX_CHARS)
        ):
            raise invalid_cursor()
        value.encode()
        parsed: str | datetime = value if sort == "title" else datetime.fromisoformat(value)
        return Cursor(sort=sort, order=order, value=parsed, id=uuid.UUID(row_id))
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise invalid_cursor() from None
