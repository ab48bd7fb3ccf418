"""The per-account limit on failed password checks, across every client network; and the per-IP
limit keying IPv6 clients by /64."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from shared.config import get_settings
from shared.db import get_engine
from tests.support.accounts import PASSWORD, sign_up, unique_email
from tests.support.fleet import call_simultaneously
from tests.support.lambda_client import LambdaResponse, invoke, random_ip
from tests.support.reliability import tried

LIMIT = 3  # small, so each test spends few bcrypt checks; the default is 20 per 15 minutes


@pytest.fixture(autouse=True)
def small_account_limit() -> Iterator[None]:
    os.environ["ACCOUNT_FAILURE_LIMIT"] = str(LIMIT)
    get_settings.cache_clear()
    yield
    del os.environ["ACCOUNT_FAILURE_LIMIT"]
    get_settings.cache_clear()


def _sign_in(email: str, password: str, ip: str | None = None) -> LambdaResponse:
    return invoke(
        "auth-sign-in", json={"email": email, "password": password}, source_ip=ip or random_ip()
    )


def test_failures_from_many_networks_lock_the_account_with_an_exact_retry_after() -> None:
    account = sign_up()
    for _ in range(LIMIT):  # each from a fresh address: the per-IP limit never bites
        assert _sign_in(account.email, "wrong password").status == 401
    locked = _sign_in(account.email, PASSWORD)  # even the right password, from a new network
    assert (locked.status, locked.code) == (429, "RATE_LIMITED")
    retry_after = int(locked.headers["retry-after"])
    window = get_settings().account_failure_window_seconds
    assert window - 5 <= retry_after <= window
    assert f"{retry_after} second" in locked.body["message"]
    tried(
        f"{LIMIT + 1} password guesses at one account from {LIMIT + 1} networks",
        LIMIT + 1,
        "429 RATE_LIMITED with exact Retry-After once the account's limit is spent",
    )


def test_the_real_user_is_not_locked_out_of_a_network_they_signed_in_from() -> None:
    home = random_ip()
    account = sign_up()
    assert _sign_in(account.email, PASSWORD, ip=home).status == 200
    for _ in range(LIMIT + 2):
        _sign_in(account.email, "attacker guess")
    assert _sign_in(account.email, PASSWORD).status == 429  # a stranger's network
    assert _sign_in(account.email, PASSWORD, ip=home).status == 200
    tried(
        "account locked by an attacker, owner signs in from a known network",
        1,
        "200 (the lock holds for unknown networks only)",
    )


def test_unknown_emails_lock_the_same_way_so_the_lock_reveals_no_account() -> None:
    email = unique_email("nobody")
    answers = [_sign_in(email, "guess").status for _ in range(LIMIT + 1)]
    assert answers == [401] * LIMIT + [429]


def test_a_wrong_current_password_counts_toward_the_account_limit() -> None:
    account = sign_up()
    for _ in range(LIMIT):
        changed = invoke(
            "auth-change-password",
            token=account.token,
            json={"currentPassword": "not it", "newPassword": "a new passphrase 42"},
        )
        assert (changed.status, changed.code) == (400, "INVALID_PASSWORD")
    assert _sign_in(account.email, PASSWORD).status == 429


def test_ipv6_clients_are_limited_per_64() -> None:
    prefix = f"2001:db8:{uuid.uuid4().int % 0xFFFF:x}:{uuid.uuid4().int % 0xFFFF:x}"
    answers = [
        invoke(
            "auth-sign-in",
            json={"email": unique_email(), "password": "wrong password"},
            source_ip=f"{prefix}::{n:x}",
        ).status
        for n in range(1, 7)
    ]
    assert answers == [401] * 5 + [429]
    other_64 = f"2001:db8:ffff:{uuid.uuid4().int % 0xFFFF:x}::1"
    assert _sign_in(unique_email(), "wrong password", ip=other_64).status == 401
    tried("6 sign-ins from 6 addresses of one IPv6 /64", 6, "the 6th is 429: one /64 is one client")


def _live_failures(email: str) -> int:
    with get_engine().connect() as db:
        recorded = db.execute(
            text("SELECT cardinality(attempts) FROM rate_limit_buckets WHERE key = :key"),
            {"key": f"password-failures:{email.lower()}"},
        ).scalar_one_or_none()
    return int(recorded or 0)


def test_a_simultaneous_burst_from_many_networks_gets_no_more_checks_than_the_limit() -> None:
    """Each guess in its own instance: the limit is reserved before bcrypt, never outrun."""
    account = sign_up()
    guesses = 50
    networks: set[str] = set()
    while len(networks) < guesses:
        networks.add(random_ip())
    calls = [
        {"json": {"email": account.email, "password": f"guess {n}"}, "source_ip": ip}
        for n, ip in enumerate(networks)
    ]
    answers = sorted(response.status for response in call_simultaneously("auth-sign-in", calls))
    assert answers == [401] * LIMIT + [429] * (guesses - LIMIT)
    assert _live_failures(account.email) == LIMIT
    assert _sign_in(account.email, PASSWORD).status == 429  # from yet another network
    tried(
        f"{guesses} simultaneous password guesses at one account, each from its own network "
        "and instance",
        guesses,
        f"{LIMIT} checked (401), the rest 429: the account limit holds under concurrency",
    )


def test_a_correct_password_gives_its_reserved_slot_back() -> None:
    account = sign_up()
    for _ in range(LIMIT - 1):
        assert _sign_in(account.email, "wrong password").status == 401
    for _ in range(LIMIT + 1):  # were the right password counted, the account would lock
        assert _sign_in(account.email, PASSWORD).status == 200
    assert _live_failures(account.email) == LIMIT - 1
    assert _sign_in(account.email, "wrong password").status == 401
    assert _sign_in(account.email, PASSWORD).status == 429
