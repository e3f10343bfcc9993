"""Alert rules as plain functions: which conditions hold, given stock and a feed's outcome.

A *condition* is identified by its kind and subject (a SKU, a feed, a job). The inventory sync
computes the full set of conditions after each run; jobs/alerts.py stores the new ones and
resolves those that ended, so a condition that lasts alerts once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

LOW_STOCK = "low_stock"
OUT_OF_STOCK = "out_of_stock"
BACK_IN_STOCK = "back_in_stock"
UNKNOWN_SKU = "unknown_sku"
FEED_UNREADABLE = "feed_unreadable"
SYNC_FAILED = "sync_failed"
KINDS = (LOW_STOCK, OUT_OF_STOCK, BACK_IN_STOCK, UNKNOWN_SKU, FEED_UNREADABLE, SYNC_FAILED)
# Conditions that last (an alert stays active while they hold); back in stock is an event.
STOCK_KINDS = (LOW_STOCK, OUT_OF_STOCK)


@dataclass(frozen=True)
class Condition:
    kind: str
    subject: str
    message: str
    sku: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.subject)


def threshold_for(sku: str, per_sku: Mapping[str, int], default: int) -> int:
    return per_sku.get(sku, default)


def stock_conditions(
    available: Mapping[str, int], per_sku_threshold: Mapping[str, int], default_threshold: int
) -> list[Condition]:
    """Out of stock when nothing is available (stocked minus reserved, all locations); low stock
    when 1..threshold units are. A threshold of 0 turns low-stock alerts off for that product."""
    found = []
    for sku, units in sorted(available.items()):
        threshold = threshold_for(sku, per_sku_threshold, default_threshold)
        if units <= 0:
            found.append(Condition(OUT_OF_STOCK, sku, f"{sku} is out of stock", sku, {"available": units}))
        elif units <= threshold:
            found.append(
                Condition(
                    LOW_STOCK,
                    sku,
                    f"{sku} is low on stock: {units} left (threshold {threshold})",
                    sku,
                    {"available": units, "threshold": threshold},
                )
            )
    return found


def unknown_sku_conditions(skus: Iterable[str], feed: str) -> list[Condition]:
    return [
        Condition(UNKNOWN_SKU, sku, f"{sku} is in the stock feed but not in Medusa", sku, {"feed": feed})
        for sku in sorted(set(skus))
    ]


def feed_unreadable(feed: str, reason: str) -> Condition:
    return Condition(
        FEED_UNREADABLE, feed, f"The stock feed {feed} cannot be read: {reason}", None, {"reason": reason}
    )


def sync_failed(job: str, reason: str) -> Condition:
    return Condition(SYNC_FAILED, job, f"The {job} job failed: {reason}", None, {"reason": reason})


def back_in_stock(sku: str, units: int) -> Condition:
    return Condition(
        BACK_IN_STOCK, sku, f"{sku} is back in stock: {units} available", sku, {"available": units}
    )
