"""The one text rule: what free text the API stores, for fields and for header values alike.

PostgreSQL text holds neither NUL nor a lone UTF-16 surrogate (which JSON's \\ud800 can smuggle
in): either would end in a 500 at the INSERT. Control characters and invisible format
characters are never what a person meant to type, and a title made only of them (a lone
zero-width space) would show as an empty line.
"""

from __future__ import annotations

import re
import unicodedata

from shared.errors import ErrorCode

# C0 and C1 controls and DEL; tab and line breaks (LF, and the CR of CRLF) are allowed where text
# may span lines.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROLS_BUT_TAB_AND_LINE_BREAKS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Letters that render as nothing (Hangul fillers, the blank Braille pattern).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def is_valid_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def is_visible(text: str) -> bool:
    """Whether anything in `text` shows: not only spaces, zero-width format characters, blanks."""
    return any(
        not char.isspace()
        and char not in _BLANK_LETTERS
        and unicodedata.category(char) not in {"Cf", "Cc", "Zs", "Zl", "Zp"}
        for char in text
    )


def checked_text(
    value: str,
    *,
    label: str,
    max_chars: int,
    trim: bool = True,
    required: bool = True,
    multiline: bool = False,
) -> str:
    """A free-text field: trimmed, storable, without control characters, visible, bounded."""
    text = value.strip() if trim else value
    if "\x00" in text:
        raise ErrorCode.VALIDATION_ERROR.field_error(f"{label} must not contain NUL characters.")
    if not is_valid_unicode(text):
        raise ErrorCode.VALIDATION_ERROR.field_error(f"{label} must be valid Unicode text.")
    controls = _CONTROLS_BUT_TAB_AND_LINE_BREAKS if multiline else _CONTROLS
    if controls.search(text):
        allowed = " other than tabs and line breaks" if multiline else ""
        raise ErrorCode.VALIDATION_ERROR.field_error(
            f"{label} must not contain control characters{allowed}."
        )
    if required and not is_visible(text):
        raise ErrorCode.VALIDATION_ERROR.field_error(f"{label} must not be empty.")
    if len(text) > max_chars:
        raise ErrorCode.VALIDATION_ERROR.field_error(
            f"{label} must be at most {max_chars} characters."
        )
    return text


def storable_header_text(value: str | None, *, max_chars: int) -> str | None:
    """A header value we keep (the User-Agent): control characters dropped, lone surrogates
    replaced, bounded. A header is not the client's input to correct, so it is cleaned, never
    refused; nothing visible left is no value."""
    if value is None:
        return None
    text = _CONTROLS.sub("", value)
    text = text.encode("utf-8", "replace").decode("utf-8").strip()[:max_chars]
    return text or None
