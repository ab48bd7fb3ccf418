"""The one email address rule, for every address that comes in (sign-up, sign-in, password
reset) and every one the mailer sends to.

An address is one plain `local@domain`, nothing more: no display name (`x1<attacker@evil.com>`),
no list (`a1,attacker@evil.com`), no quoted local part, comment, group or domain literal, none
of `<>(),;:"[]\\` and no whitespace or control character. Each of those is a way for the text of
an address to name a second recipient once it is written into a `To:` header.

Only ASCII. Amazon SES delivers a non-ASCII local part only over SMTPUTF8, which it does not
support, so such an address could never receive its reset link. A non-ASCII (IDN) domain is
refused too, and its ASCII form (`xn--...`) accepted: SES takes only that form, and the
standard library's IDNA codec implements IDNA 2003, which maps some names (`ß`, `ς`, ZWJ) to a
different domain than IDNA 2008 registries resolve, so encoding with it could send a reset link
to somebody else's domain. Refusing also means one mailbox cannot get two accounts through two
spellings of its domain.
"""

from __future__ import annotations

import re

# RFC 5321's limits: 64 octets of local part, 254 for the whole address in a path.
LOCAL_PART_MAX_CHARS = 64
EMAIL_MAX_CHARS = 254

_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LOCAL_PART = re.compile(rf"{_ATOM}(?:\.{_ATOM})*")
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
# At least two labels, and a top-level one that is not all digits (no bare IP address).
_DOMAIN = re.compile(rf"(?:{_LABEL}\.)+[a-z](?:[a-z0-9-]{{0,61}}[a-z0-9])")


class InvalidEmailAddress(ValueError):
    def __init__(self) -> None:
        super().__init__("not one plain, deliverable email address")


def normalize_email(value: str) -> str:
    """The address as stored and compared: trimmed and lower-cased, or InvalidEmailAddress."""
    text = value.strip()
    # Checked before lower-casing, which turns some non-ASCII letters (the Kelvin sign) into
    # ASCII ones.
    if not text.isascii() or len(text) > EMAIL_MAX_CHARS:
        raise InvalidEmailAddress
    local, _, domain = text.rpartition("@")
    if (
        len(local) > LOCAL_PART_MAX_CHARS
        or not _LOCAL_PART.fullmatch(local)
        or not _DOMAIN.fullmatch(domain.lower())
    ):
        raise InvalidEmailAddress
    return text.lower()


# What sign-up accepted before this rule (2026-12-04). Sign-in only looks an address up and sends
# no mail, so an account created under the old rule (a non-ASCII local part, say) still signs in.
_AS_STORED_BEFORE = re.compile(r"^[^@\s\x00]+@[^@\s\x00]+\.[^@\s.\x00]{2,}$")


def email_to_look_up(value: str) -> str:
    """The address as stored, for a look-up only (never to mail): or InvalidEmailAddress."""
    email = value.strip().lower()
    if len(email) > EMAIL_MAX_CHARS or not _AS_STORED_BEFORE.match(email):
        raise InvalidEmailAddress
    return email
