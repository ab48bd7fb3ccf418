"""Points the functions at a database for the duration of a block."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from shared.config import get_settings
from shared.db import dispose_engine


@contextmanager
def use_database(url: str) -> Iterator[None]:
    previous = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = url
    get_settings.cache_clear()
    dispose_engine()
    try:
        yield
    finally:
        dispose_engine()
        if previous is None:
            del os.environ["DATABASE_URL"]
        else:
            os.environ["DATABASE_URL"] = previous
        get_settings.cache_clear()
