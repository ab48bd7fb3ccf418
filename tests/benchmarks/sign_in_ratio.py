"""Sign-in's whole duration against a bare bcrypt-12 `checkpw` on the same machine."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

import bcrypt

from tests.benchmarks.warm_latency import measure


@dataclass(frozen=True)
class SignInRatio:
    bcrypt_median_ms: float
    sign_in_median_ms: float

    @property
    def ratio(self) -> float:
        return self.sign_in_median_ms / self.bcrypt_median_ms


def bare_checkpw(repeats: int) -> float:
    hashed = bcrypt.hashpw(b"benchmark-password", bcrypt.gensalt(12))
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        bcrypt.checkpw(b"benchmark-password", hashed)
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def sign_in_ratio(repeats: int) -> SignInRatio:
    # Interleaved halves, so a noisy moment on the machine weighs on both sides alike.
    first = bare_checkpw(repeats // 2)
    sign_in = measure("auth-sign-in", repeats).median_ms
    second = bare_checkpw(repeats - repeats // 2)
    return SignInRatio(bcrypt_median_ms=(first + second) / 2, sign_in_median_ms=sign_in)
