"""Diff a stock feed against Medusa's levels (plain functions; no I/O).

Only what differs is written: a level whose stocked quantity already equals the feed's is left
alone, a missing level at a known location is created, an unknown SKU or location is reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .feed import FeedError, FeedRow


@dataclass
class ItemStock:
    """One inventory item (one SKU) and its levels: location id → [stocked, reserved]."""

    item_id: str
    levels: dict[str, list[int]] = field(default_factory=dict)

    @property
    def available(self) -> int:
        return sum(stocked - reserved for stocked, reserved in self.levels.values())


@dataclass
class SyncPlan:
    update: list[dict[str, Any]] = field(default_factory=list)
    create: list[dict[str, Any]] = field(default_factory=list)
    unchanged: int = 0
    unknown: list[FeedRow] = field(default_factory=list)
    errors: list[FeedError] = field(default_factory=list)

    @property
    def writes(self) -> list[tuple[str, dict[str, Any]]]:
        return [("create", b) for b in self.create] + [("update", b) for b in self.update]


def location_lookup(locations: Iterable[tuple[str, str]]) -> dict[str, str]:
    """(id, name) pairs → a map from id and lower-cased name to the id."""
    lookup: dict[str, str] = {}
    for location_id, name in locations:
        lookup[location_id] = location_id
        lookup.setdefault(name.strip().lower(), location_id)
    return lookup


def plan_sync(
    rows: Iterable[FeedRow],
    items: Mapping[str, ItemStock],
    locations: Mapping[str, str],
    default_location: str | None,
) -> SyncPlan:
    plan = SyncPlan()
    for row in rows:
        if row.location is None:
            location_id = default_location
            if location_id is None:
                plan.errors.append(
                    FeedError(row.line, row.sku, "no location given and no default stock location")
                )
                continue
        else:
            location_id = locations.get(row.location) or locations.get(row.location.strip().lower())
            if location_id is None:
                plan.errors.append(FeedError(row.line, row.sku, f"unknown stock location {row.location!r}"))
                continue
        item = items.get(row.sku)
        if item is None:
            plan.unknown.append(row)
            continue
        body = {
            "inventory_item_id": item.item_id,
            "location_id": location_id,
            "stocked_quantity": row.quantity,
        }
        level = item.levels.get(location_id)
        if level is None:
            plan.create.append(body)
        elif level[0] != row.quantity:
            plan.update.append(body)
        else:
            plan.unchanged += 1
    return plan


def apply_plan(items: Mapping[str, ItemStock], bodies: Iterable[dict[str, Any]]) -> None:
    """Reflect written levels in ``items`` (to compute availability after the sync)."""
    by_id = {item.item_id: item for item in items.values()}
    for body in bodies:
        item = by_id[body["inventory_item_id"]]
        level = item.levels.setdefault(body["location_id"], [0, 0])
        level[0] = body["stocked_quantity"]


def availability(items: Mapping[str, ItemStock]) -> dict[str, int]:
    """SKU → units available (stocked minus reserved) over all its locations; items stocked nowhere
    are left out (there is nothing to alert about)."""
    return {sku: item.available for sku, item in items.items() if item.levels}
