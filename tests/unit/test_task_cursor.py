"""Task list cursors: bounded for every possible title, and exact on the way back."""

from __future__ import annotations

import uuid

from hypothesis import assume, example, given
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from shared.models.tasks import TITLE_MAX_CHARS
from shared.tasks.cursor import CURSOR_MAX_CHARS, Cursor, decode_cursor
from shared.tasks.schemas import TaskCreate

# What the function test asserts of real cursors too (tests/functions/test_tasks_list.py).
SMALL_CURSOR_CHARS = 1200

# The characters that expand or escape the most: U+FDFA's sort key is 18 characters, emoji are
# 4 bytes of UTF-8, quotes and backslashes are escaped in JSON, controls escaped into 6 bytes.
_WORST = ["\ufdfa", "\ufdfb", "\u3316", "\U0001f600", '"', "\\", "\U0001d56c", "\x01", "\x9b"]

# Anything a title column can hold (PostgreSQL text: no NUL, no lone surrogate), weighted
# towards long runs of the worst characters.
_STORABLE = st.one_of(
    st.text(
        st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
        min_size=1,
        max_size=TITLE_MAX_CHARS,
    ),
    st.builds(
        lambda char, count: char * count,
        st.sampled_from(_WORST),
        st.integers(min_value=1, max_value=TITLE_MAX_CHARS),
    ),
)


def _is_a_valid_title(text: str) -> bool:
    try:
        return TaskCreate(title=text).title == text
    except (PydanticCustomError, ValueError):
        return False


@given(title=_STORABLE, order=st.sampled_from(["asc", "desc"]), row_id=st.uuids())
@example(title="\ufdfa" * TITLE_MAX_CHARS, order="desc", row_id=uuid.UUID(int=0))
@example(title="\x01" * TITLE_MAX_CHARS, order="asc", row_id=uuid.UUID(int=0))
def test_any_stored_title_makes_a_cursor_the_api_accepts_and_decodes_to_itself(
    title: str, order: str, row_id: uuid.UUID
) -> None:
    cursor = Cursor("title", order, title, row_id)
    encoded = cursor.encode()
    assert len(encoded) <= CURSOR_MAX_CHARS
    assert decode_cursor(encoded, sort="title", order=order) == cursor


@given(title=_STORABLE, row_id=st.uuids())
@example(title="\ufdfa" * TITLE_MAX_CHARS, row_id=uuid.UUID(int=0))
@example(title="\U0001f600" * TITLE_MAX_CHARS, row_id=uuid.UUID(int=0))
@example(title='"' * TITLE_MAX_CHARS, row_id=uuid.UUID(int=0))
def test_a_cursor_for_any_valid_title_is_small(title: str, row_id: uuid.UUID) -> None:
    assume(_is_a_valid_title(title))
    assert len(Cursor("title", "desc", title, row_id).encode()) <= SMALL_CURSOR_CHARS
