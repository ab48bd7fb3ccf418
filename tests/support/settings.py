"""Runs part of a test with some settings changed through their environment variables."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from shared.config import get_settings


@contextmanager
def changed_settings(monkeypatch: pytest.MonkeyPatch, **env: str) -> Iterator[None]:
    """`changed_settings(monkeypatch, RATE_LIMIT_WINDOW_SECONDS="4")`: the settings object is
    rebuilt from the changed environment, and again from the restored one afterwards."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    try:
        yield
    finally:
        for name in env:
            monkeypatch.delenv(name)
        get_settings.cache_clear()
