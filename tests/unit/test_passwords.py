"""Password hashing rules that hold without a database."""

from __future__ import annotations

import bcrypt
import pytest

from shared.auth import passwords
from shared.auth.common_passwords import common_passwords, is_common_password
from shared.config import get_password_pepper


def test_hashes_are_peppered_bcrypt_cost_12_and_verify() -> None:
    hashed = passwords.hash_password("correct horse")
    assert hashed.startswith(passwords.PEPPERED_PREFIX + "$2b$12$")
    assert passwords.verify_password("correct horse", hashed)
    assert not passwords.verify_password("wrong horse", hashed)
    assert not passwords.needs_rehash(hashed)


def test_bcrypt_sees_the_hmac_never_the_password() -> None:
    """Without the pepper the stored bcrypt hash does not verify the plain password."""
    hashed = passwords.hash_password("correct horse")
    inner = hashed.removeprefix(passwords.PEPPERED_PREFIX).encode("ascii")
    assert not bcrypt.checkpw(b"correct horse", inner)


def test_nothing_is_truncated_past_72_bytes() -> None:
    long_password = "é" * 100
    hashed = passwords.hash_password(long_password)
    assert passwords.verify_password(long_password, hashed)
    # Same first 72 bytes, different ending: plain bcrypt would call these equal.
    assert not passwords.verify_password("é" * 36 + "x" * 64, hashed)
    assert not passwords.verify_password("é" * 99, hashed)


def test_legacy_plain_bcrypt_hashes_still_verify_and_ask_for_a_rehash() -> None:
    legacy = bcrypt.hashpw(b"correct horse", bcrypt.gensalt(4)).decode("ascii")
    assert passwords.verify_password("correct horse", legacy)
    assert not passwords.verify_password("wrong horse", legacy)
    assert not passwords.verify_password("é" * 100, legacy)  # over 72 bytes: never a match
    assert passwords.needs_rehash(legacy)


def test_an_unknown_user_costs_the_same_bcrypt_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """No such user still runs one full cost-12 checkpw, so timing does not reveal accounts."""
    checked: list[bytes] = []
    real_checkpw = bcrypt.checkpw

    def spy(password: bytes, hashed: bytes) -> bool:
        checked.append(hashed)
        return real_checkpw(password, hashed)

    monkeypatch.setattr(bcrypt, "checkpw", spy)
    assert passwords.verify_password("anything at all", None) is False
    assert len(checked) == 1
    assert checked[0].startswith(b"$2b$12$")


def test_the_pepper_is_the_configured_secret() -> None:
    assert len(get_password_pepper()) >= 32


def test_the_common_list_is_real_and_large() -> None:
    listed = common_passwords()
    assert len(listed) >= 10_000
    for password in ("123456", "password", "qwerty", "iloveyou", "letmein", "dragon"):
        assert password in listed
    assert is_common_password("Password1")
    assert not is_common_password("correct horse battery staple 42")
