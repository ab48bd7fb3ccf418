"""The most common passwords, refused wherever a new password is chosen.

`common-passwords.txt.gz` is the list Django ships with `CommonPasswordValidator` (BSD licence):
19,640 of the most common passwords from breach corpora, compiled by Royce Williams, lower-cased
and deduplicated. It is read from disk at the first check, so only the functions that set a
password (sign-up, change-password, reset-password) ever load it.
"""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path

LIST_FILE = Path(__file__).with_name("common-passwords.txt.gz")


@cache
def common_passwords() -> frozenset[str]:
    with gzip.open(LIST_FILE, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if line.strip())


def is_common_password(password: str) -> bool:
    # The list is lower-cased: "Password1" is as guessable as "password1".
    return password.strip().lower() in common_passwords()
