"""What a running job gets (its run id, the stop flag, a progress callback) and gives back."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class JobContext:
    run_id: int
    trigger: str
    # Set on shutdown: a job stops at its next safe point (between batches) and reports
    # "interrupted"; what it did so far is recorded.
    stop: threading.Event = field(default_factory=threading.Event)
    progress: Callable[[int, int], Any] | None = None
    # Called after each import batch with its number (tests use it to simulate a crash).
    after_batch: Callable[[int], Any] | None = None


@dataclass
class JobResult:
    status: str
    counts: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    detail: Any = None
