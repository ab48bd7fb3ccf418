"""Password hashing rules that hold without a database."""

from __future__ import annotations

import bcrypt
import pytest

from shared.auth import passwords


def test_hashes_are_bcrypt_cost_12_and_verify() -> None:
    hashed = passwords.hash_password("correct horse")
    assert hashed.startswith("$2b$12$")
    assert passwords.verify_password("correct horse", hashed)
    assert not passwords.verify_password("wrong horse", hashed)


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
