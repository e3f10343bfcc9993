"""A small in-process stale-while-revalidate cache for listing reads.

Pages never wait on Medusa for data the process has seen recently: within `ttl` an entry is
fresh; until `max_stale` it is served at once while one background task refreshes it; older
entries are reloaded before answering. One load per key at a time.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)


@dataclass
class _Entry(Generic[T]):
    value: T
    loaded_at: float


class SWRCache(Generic[T]):
    def __init__(self, ttl: float, max_stale: float, max_entries: int = 512, clock=time.monotonic):
        self.ttl = ttl
        self.max_stale = max_stale
        self.max_entries = max_entries
        self._clock = clock
        self._entries: OrderedDict[Hashable, _Entry[T]] = OrderedDict()
        self._loading: dict[Hashable, asyncio.Task[T]] = {}

    async def get(self, key: Hashable, load: Callable[[], Awaitable[T]]) -> T:
        entry = self._entries.get(key)
        if entry is not None:
            age = self._clock() - entry.loaded_at
            if age < self.ttl:
                return entry.value
            if age < self.max_stale:
                self._load(key, load).add_done_callback(_log_failure)
                return entry.value
        # shield: a caller that gives up (timeout) must not cancel the shared load
        return await asyncio.shield(self._load(key, load))

    def _load(self, key: Hashable, load: Callable[[], Awaitable[T]]) -> asyncio.Task[T]:
        task = self._loading.get(key)
        if task is None:
            task = asyncio.ensure_future(self._store(key, load))
            self._loading[key] = task
            task.add_done_callback(lambda _: self._loading.pop(key, None))
        return task

    async def _store(self, key: Hashable, load: Callable[[], Awaitable[T]]) -> T:
        value = await load()
        self._entries[key] = _Entry(value, self._clock())
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        self._entries.clear()


def _log_failure(task: asyncio.Task) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.warning("background refresh failed: %s", task.exception())
