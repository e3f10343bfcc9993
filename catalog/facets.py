"""Facet counts from SQL + Medusa's category/collection names → what the filter sidebar shows
(pure; unit-tested)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from medusa import Category, Collection

from .params import ListingParams
from .queries import FacetCount, PriceBounds
from .readmodel import grade_sort_key


@dataclass(frozen=True)
class FacetValue:
    key: str  # what goes in the URL: a handle or a grade key
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facets:
    categories: list[FacetValue] = field(default_factory=list)
    collections: list[FacetValue] = field(default_factory=list)
    conditions: list[FacetValue] = field(default_factory=list)
    in_stock_count: int = 0
    price_low: Decimal | None = None
    price_high: Decimal | None = None


def _counts(counts: Sequence[FacetCount], facet: str) -> dict[str, FacetCount]:
    return {c.key: c for c in counts if c.facet == facet}


def category_choices(
    categories: Sequence[Category], scope: Category | None, selected: Category | None
) -> list[Category]:
    """The categories offered as filters: the children of the page's own category (the top
    level on store and search pages) and, when one of them is chosen, its children too."""

    def children(parent_id: str | None) -> list[Category]:
        found = [c for c in categories if c.parent_category_id == parent_id and c.id != parent_id]
        return sorted(found, key=lambda c: (c.rank if c.rank is not None else 1_000_000, c.name.casefold()))

    chosen = children(scope.id if scope else None)
    if selected is not None and selected.id != (scope.id if scope else None):
        below = [c for c in children(selected.id) if c not in chosen]
        at = next((i + 1 for i, c in enumerate(chosen) if c.id == selected.id), len(chosen))
        chosen[at:at] = below
    return chosen


def assemble(
    counts: Sequence[FacetCount],
    bounds: PriceBounds,
    params: ListingParams,
    categories: Sequence[Category],
    collections: Sequence[Collection],
    scope_category: Category | None = None,
    selected_category: Category | None = None,
    show_collections: bool = True,
) -> Facets:
    """Values with no match are left out unless selected (so a shopper can always unselect)."""
    by_category = _counts(counts, "category")
    category_values = [
        FacetValue(
            c.handle,
            c.name,
            by_category[c.id].count if c.id in by_category else 0,
            c.handle == params.category,
        )
        for c in category_choices(categories, scope_category, selected_category)
    ]
    by_collection = _counts(counts, "collection")
    collection_values = (
        [
            FacetValue(
                c.handle,
                c.title,
                by_collection[c.id].count if c.id in by_collection else 0,
                c.handle == params.collection,
            )
            for c in sorted(collections, key=lambda c: c.title.casefold())
        ]
        if show_collections
        else []
    )
    by_condition = _counts(counts, "condition")
    condition_keys = sorted(set(by_condition) | set(params.conditions), key=grade_sort_key)
    condition_values = [
        FacetValue(
            key,
            by_condition[key].label if key in by_condition else key.replace("-", " ").capitalize(),
            by_condition[key].count if key in by_condition else 0,
            key in params.conditions,
        )
        for key in condition_keys
    ]
    stock = _counts(counts, "stock").get("in_stock")
    return Facets(
        categories=[v for v in category_values if v.count or v.selected],
        collections=[v for v in collection_values if v.count or v.selected],
        conditions=[v for v in condition_values if v.count or v.selected],
        in_stock_count=stock.count if stock else 0,
        price_low=bounds.low,
        price_high=bounds.high,
    )
