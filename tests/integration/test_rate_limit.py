"""The attempt limiter: 5 per client IP per rolling window, exact under concurrency; a reserved
attempt released; the coarser IPv6 /48 tier."""

from __future__ import annotations

import os
import random
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text

from shared.config import get_settings
from shared.db import DbSession, get_engine
from shared.errors import RateLimited
from shared.limiter import PURGE_BATCH, AttemptLimiter
from shared.request_context import client_network
from tests.support.accounts import sign_up, unique_email
from tests.support.database import use_database
from tests.support.lambda_client import LambdaResponse, invoke, random_ip
from tests.support.reliability import tried
from tests.support.settings import changed_settings


def _sign_in(
    ip: str,
    *,
    email: str | None = None,
    password: str = "wrong password",
    headers: dict[str, str] | None = None,
) -> LambdaResponse:
    return invoke(
        "auth-sign-in",
        json={"email": email or unique_email(), "password": password},
        source_ip=ip,
        headers=headers,
    )


def test_sixth_sign_in_gets_429_with_retry_after() -> None:
    ip = random_ip()
    first_five = [_sign_in(ip) for _ in range(5)]
    assert [r.status for r in first_five] == [401] * 5
    sixth = _sign_in(ip)
    assert sixth.status == 429
    assert sixth.code == "RATE_LIMITED"
    retry_after = int(sixth.headers["retry-after"])
    assert 1 <= retry_after <= 60
    assert f"{retry_after} second" in sixth.body["message"]


def test_successful_attempts_count_too() -> None:
    account = sign_up()
    ip = random_ip()
    for _ in range(5):
        assert _sign_in(ip, email=account.email, password=account.password).status == 200
    assert _sign_in(ip, email=account.email, password=account.password).status == 429


def test_invalid_requests_count_too() -> None:
    ip = random_ip()
    for _ in range(5):
        assert invoke("auth-sign-in", raw_body="{", source_ip=ip).status == 400
    assert _sign_in(ip).status == 429


def test_sign_in_and_sign_up_have_separate_budgets() -> None:
    ip = random_ip()
    for _ in range(6):
        _sign_in(ip)
    signed_up = invoke(
        "auth-sign-up",
        json={"email": unique_email(), "password": "a rarer passphrase 7", "name": "N"},
        source_ip=ip,
    )
    assert signed_up.status == 200


def test_sign_up_is_limited_too() -> None:
    ip = random_ip()
    bad = {"email": "not-an-email", "password": "password123", "name": "N"}
    for _ in range(5):
        assert invoke("auth-sign-up", json=bad, source_ip=ip).status == 400
    assert invoke("auth-sign-up", json=bad, source_ip=ip).status == 429


def test_x_forwarded_for_changes_nothing() -> None:
    ip = random_ip()
    for i in range(5):
        _sign_in(ip, headers={"X-Forwarded-For": f"10.0.0.{i}"})
    spoofed = _sign_in(ip, headers={"X-Forwarded-For": "10.9.9.9", "X-Real-Ip": "10.9.9.8"})
    assert spoofed.status == 429


def test_other_ips_are_unaffected() -> None:
    ip = random_ip()
    for _ in range(6):
        _sign_in(ip)
    assert _sign_in(random_ip()).status == 401


@pytest.fixture
def short_window(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    with changed_settings(monkeypatch, RATE_LIMIT_WINDOW_SECONDS="4"):
        yield 4


def test_retry_after_is_exact(short_window: int) -> None:
    ip = random_ip()
    for _ in range(5):
        assert _sign_in(ip).status == 401
    refused = _sign_in(ip)
    refused_at = time.monotonic()
    assert refused.status == 429
    retry_after = int(refused.headers["retry-after"])
    # Whole seconds, rounded up: the oldest of the 5 attempts leaves the window within it.
    assert 1 <= retry_after <= short_window

    # Anything earlier than Retry-After - 1 is certainly before the oldest attempt expires.
    time.sleep(max(0.0, refused_at + retry_after - 1.3 - time.monotonic()))
    early = _sign_in(ip)
    assert early.status == 429, "retrying before Retry-After must still be refused"
    assert int(early.headers["retry-after"]) <= retry_after

    time.sleep(max(0.0, refused_at + retry_after - time.monotonic()))
    assert _sign_in(ip).status == 401, "at Retry-After the attempt must be admitted"


def _engines(url: str, count: int) -> list[Engine]:
    return [
        create_engine(
            url.replace("postgresql://", "postgresql+psycopg://"),
            pool_size=1,
            max_overflow=0,
            connect_args={"prepare_threshold": None},
        )
        for _ in range(count)
    ]


def test_fifty_simultaneous_attempts_admit_exactly_five(via: str) -> None:
    """50 "instances" (each its own engine and connection) hit one key at the same moment."""
    limiter = AttemptLimiter(action="sign-in", attempts=5, window_seconds=60)
    ip = f"race-{uuid.uuid4()}"
    engines = _engines(os.environ["DATABASE_URL"], 50)
    for engine in engines:  # connect first, so the race is about the limiter, not connecting
        with engine.connect():
            pass
    barrier = threading.Barrier(len(engines))
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(engine: Engine) -> None:
        barrier.wait()
        db = DbSession(engine)
        try:
            limiter.check(db, subject=ip)
            result = "admitted"
        except RateLimited:
            result = "refused"
        finally:
            db.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for engine in engines:
        engine.dispose()
    assert outcomes.count("admitted") == 5
    assert outcomes.count("refused") == 45
    tried(
        f"50 simultaneous sign-in attempts from one address ({via})",
        50,
        "exactly 5 admitted, 45 answered 429",
    )


def test_expired_buckets_are_purged_so_the_table_stays_bounded() -> None:
    engine = get_engine()
    with engine.begin() as db:
        db.execute(text("DELETE FROM rate_limit_buckets"))
        db.execute(
            text(
                "INSERT INTO rate_limit_buckets (key, attempts, admitted, expires_at) "
                "SELECT 'stale:' || n, ARRAY[now() - interval '2 minutes'], true, "
                "now() - interval '1 minute' FROM generate_series(1, 200) AS n"
            )
        )
    limiter = AttemptLimiter(action="sign-in", attempts=5, window_seconds=60)

    def rows() -> int:
        with engine.connect() as db:
            return int(db.execute(text("SELECT count(*) FROM rate_limit_buckets")).scalar_one())

    sizes = []
    for i in range(12):
        session = DbSession(engine)
        limiter.check(session, subject=f"live-{i}")
        session.close()
        sizes.append(rows())
    # Each check adds one live bucket and removes up to PURGE_BATCH expired ones.
    expected = [max(0, 200 - PURGE_BATCH * n) + n for n in range(1, 13)]
    assert sizes == expected
    assert sizes[-1] == 12, "only the live buckets remain"


def test_database_down_during_the_check_is_503_not_an_open_door() -> None:
    with use_database("postgresql://postgres@127.0.0.1:1/nowhere"):
        started = time.monotonic()
        response = _sign_in(random_ip())
        elapsed = time.monotonic() - started
    assert response.status == 503
    assert response.code == "SERVICE_UNAVAILABLE"
    assert elapsed < 10


@pytest.mark.parametrize(
    ("case", "body"),
    [("not JSON", "{"), ("too large", '{"email": "' + "x" * 70_000 + '"}')],
)
def test_bodies_refused_before_parsing_cost_no_attempt(case: str, body: str) -> None:
    """As the README says: a body that is not JSON or is over the size limit is refused before
    the limiter (400 / 413), with no database work; every parsed attempt counts."""
    ip = random_ip()
    for _ in range(6):
        refused = invoke(
            "auth-sign-in",
            raw_body=body,
            source_ip=ip,
            headers={"Content-Type": "application/json"},
        )
        assert refused.status in {400, 413}, case
    assert [_sign_in(ip).status for _ in range(6)] == [401] * 5 + [429]


def _window(key: str) -> list[object]:
    with get_engine().connect() as db:
        attempts = db.execute(
            text("SELECT attempts FROM rate_limit_buckets WHERE key = :key"), {"key": key}
        ).scalar_one_or_none()
    return list(attempts or [])


def test_a_released_reservation_leaves_the_window_and_only_it_does() -> None:
    limiter = AttemptLimiter(action="reserve-test", attempts=2, window_seconds=60)
    subject = f"release-{uuid.uuid4()}"
    db = DbSession(get_engine())
    try:
        first = limiter.reserve(db, subject=subject)
        second = limiter.reserve(db, subject=subject)
        with pytest.raises(RateLimited):
            limiter.reserve(db, subject=subject)
        first.release()
        third = limiter.reserve(db, subject=subject)
        third.release()
        third.release()  # releasing twice gives back nothing more
    finally:
        db.close()
    assert _window(f"reserve-test:{subject}") == [second.reserved_at]


def _random_ipv6_48() -> str:
    # In 3fff::/20 (RFC 9637's documentation prefix): 28 random bits, so no two tests share one.
    return f"3fff:{random.randrange(0x1000):x}:{random.randrange(0x10000):x}"


_RESET_CALLBACK = {"callbackURL": "http://localhost:3000/reset-password"}
# Each is answered early (no bcrypt, no mail), but only after the limiter has spent an attempt:
# the function, its limiter's action, the call.
_CHEAP_CALLS: dict[str, tuple[str, dict[str, Any]]] = {
    "auth-sign-in": ("sign-in", {"json": {}}),
    "auth-sign-up": ("sign-up", {"json": {}}),
    "auth-request-password-reset": ("password-reset", {"json": {}}),
    "auth-reset-password-link": (
        "password-reset-link",
        {"path_parameters": {"token": "probe"}, "query": _RESET_CALLBACK},
    ),
}


@pytest.fixture
def small_48_budget(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    with changed_settings(monkeypatch, RATE_LIMIT_IPV6_48_ATTEMPTS="4"):
        yield 4


@pytest.mark.parametrize("function", sorted(_CHEAP_CALLS))
def test_many_64s_of_one_ipv6_48_share_the_48s_budget(function: str, small_48_budget: int) -> None:
    action, arguments = _CHEAP_CALLS[function]

    def call(ip: str) -> LambdaResponse:
        return invoke(function, source_ip=ip, **arguments)

    site = _random_ipv6_48()
    answers = [call(f"{site}:{n:x}::1").status for n in range(1, small_48_budget + 1)]
    assert 429 not in answers
    fresh_64 = f"{site}:ffff::1"
    refused = call(fresh_64)
    assert (refused.status, refused.code) == (429, "RATE_LIMITED")
    assert 1 <= int(refused.headers["retry-after"]) <= get_settings().rate_limit_window_seconds
    # Refused by the /48, so logged nowhere: the /64's own budget is untouched.
    assert _window(f"{action}:{client_network(fresh_64)}") == []
    assert call(f"{_random_ipv6_48()}:1::1").status != 429
    tried(
        f"{function}: calls from {small_48_budget + 1} IPv6 /64s of one /48",
        small_48_budget + 1,
        "429 RATE_LIMITED once the /48's own budget is spent; other /48s unaffected",
    )
