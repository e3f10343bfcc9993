"""Sign-in throttling: after a few wrong passwords for one email (or from one address), wait."""

from __future__ import annotations

import time
from collections import deque

MAX_FAILURES = 5
WINDOW_SECONDS = 300.0


class Throttle:
    """Failures per key in a sliding window; in memory (per web process), which bounds guessing
    to a few tries per window per process. Medusa has no lockout of its own."""

    def __init__(
        self, max_failures: int = MAX_FAILURES, window: float = WINDOW_SECONDS, clock=time.monotonic
    ):
        self.max_failures = max_failures
        self.window = window
        self.clock = clock
        self._failures: dict[str, deque[float]] = {}

    def _recent(self, key: str) -> deque[float]:
        now = self.clock()
        found = self._failures.setdefault(key, deque())
        while found and now - found[0] >= self.window:
            found.popleft()
        return found

    def blocked(self, *keys: str) -> bool:
        return any(len(self._recent(k)) >= self.max_failures for k in keys if k)

    def failed(self, *keys: str) -> None:
        for key in keys:
            if key:
                self._recent(key).append(self.clock())

    def succeeded(self, *keys: str) -> None:
        for key in keys:
            self._failures.pop(key, None)


SIGN_IN = Throttle()
