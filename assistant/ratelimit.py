"""Rate limits on the assistant, per negotiation and per client address (the `limits` library).

Both the HTTP API and the product page's chat go through :func:`check`, so a shopper cannot get
around a limit by switching from one to the other. Counters live in memory by default (one web
process); ``ASSISTANT_RATE_LIMIT_STORAGE=async+redis://…`` shares them between workers.
"""

from __future__ import annotations

import math
import os
import time
from dataclasses import dataclass
from functools import lru_cache

from limits import RateLimitItem, parse
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string

__all__ = ["RateLimited", "Settings", "check", "client_address", "limiter", "settings"]

DEFAULT_PER_NEGOTIATION = "20/minute"  # messages into one negotiation
DEFAULT_PER_CLIENT = "60/minute"  # messages and new negotiations from one address


class RateLimited(Exception):
    """Too many requests; ``retry_after`` whole seconds until the next one is allowed."""

    def __init__(self, scope: str, retry_after: int):
        super().__init__(f"too many requests for this {scope}; retry in {retry_after} s")
        self.scope = scope
        self.retry_after = retry_after


@dataclass(frozen=True)
class Settings:
    per_negotiation: str = DEFAULT_PER_NEGOTIATION
    per_client: str = DEFAULT_PER_CLIENT
    storage: str = "async+memory://"
    trusted_proxy_hops: int = 0  # X-Forwarded-For entries added by our own proxies (ALB: 1)


def settings() -> Settings:
    return Settings(
        per_negotiation=os.environ.get("ASSISTANT_RATE_LIMIT_NEGOTIATION") or DEFAULT_PER_NEGOTIATION,
        per_client=os.environ.get("ASSISTANT_RATE_LIMIT_CLIENT") or DEFAULT_PER_CLIENT,
        storage=os.environ.get("ASSISTANT_RATE_LIMIT_STORAGE") or "async+memory://",
        trusted_proxy_hops=int(os.environ.get("TOB_TRUSTED_PROXY_HOPS") or 0),
    )


class Limiter:
    def __init__(self, config: Settings):
        self.config = config
        self.strategy = MovingWindowRateLimiter(storage_from_string(config.storage))
        self.per_negotiation: RateLimitItem = parse(config.per_negotiation)
        self.per_client: RateLimitItem = parse(config.per_client)

    async def check(self, *, client: str | None = None, negotiation: str | None = None) -> None:
        """Count one request; raise :class:`RateLimited` (counting nothing) when a limit is reached."""
        scopes = []
        if negotiation:
            scopes.append(("negotiation", self.per_negotiation, negotiation))
        if client:
            scopes.append(("client", self.per_client, client))
        for scope, item, key in scopes:
            if not await self.strategy.test(item, "assistant", scope, key):
                stats = await self.strategy.get_window_stats(item, "assistant", scope, key)
                raise RateLimited(scope, max(1, math.ceil(stats.reset_time - time.time())))
        for _scope, item, key in scopes:
            await self.strategy.hit(item, "assistant", _scope, key)


@lru_cache(maxsize=1)
def limiter() -> Limiter:
    """The process-wide limiter (tests build their own :class:`Limiter`)."""
    return Limiter(settings())


async def check(*, client: str | None = None, negotiation: str | None = None) -> None:
    await limiter().check(client=client, negotiation=negotiation)


def client_address(peer: str | None, forwarded_for: str | None, trusted_hops: int) -> str:
    """The shopper's address. X-Forwarded-For is believed only for the `trusted_hops` entries our
    own proxies appended (an ALB appends the address it saw as the last entry); anything a
    client wrote before those is ignored, so a forged header cannot pick another bucket."""
    if trusted_hops > 0 and forwarded_for:
        entries = [e.strip() for e in forwarded_for.split(",") if e.strip()]
        if entries:
            return entries[-min(trusted_hops, len(entries))]
    return peer or "unknown"
