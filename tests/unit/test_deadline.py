"""The request deadline: what spends it (waiting) and what does not (CPU work such as bcrypt)."""

from __future__ import annotations

import time

import pytest

from shared.deadline import ensure_time_left, not_a_database_wait, request_deadline, seconds_left
from shared.errors import ServiceUnavailable


def test_outside_a_request_there_is_no_deadline() -> None:
    assert seconds_left() is None
    assert ensure_time_left() is None


def test_the_cap_bounds_the_database_budget_and_passing_it_is_a_503() -> None:
    with request_deadline(remaining_ms=30_000, cap_seconds=0.05, margin_seconds=1.0):
        left = seconds_left()
        assert left is not None
        assert 0 < left <= 0.05
        time.sleep(0.06)
        with pytest.raises(ServiceUnavailable):
            ensure_time_left()
    assert seconds_left() is None  # the deadline ends with its request


def test_the_lambdas_remaining_time_less_the_margin_bounds_it_too() -> None:
    with request_deadline(remaining_ms=1_100, cap_seconds=4.0, margin_seconds=1.0):
        left = seconds_left()
        assert left is not None
        assert left <= 0.1


def test_cpu_work_does_not_spend_the_database_budget() -> None:
    with request_deadline(remaining_ms=30_000, cap_seconds=0.05, margin_seconds=1.0):
        with not_a_database_wait():
            time.sleep(0.1)  # as long as two budgets: bcrypt under load
        assert ensure_time_left() is not None


def test_cpu_work_never_moves_the_deadline_past_the_lambdas_end() -> None:
    with request_deadline(remaining_ms=1_060, cap_seconds=0.05, margin_seconds=1.0):
        with not_a_database_wait():
            time.sleep(0.1)
        with pytest.raises(ServiceUnavailable):
            ensure_time_left()
