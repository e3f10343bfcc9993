"""Pure functions turning Medusa products into read-model rows (no I/O; unit-tested).

A row is one product in one region: prices and stock come from the region's fetch (English
content), French titles and text from a French fetch of the same products.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from medusa import Category, Product, Region

from .tables import ProductListing

CONDITION_OPTION_TITLES = ("condition", "état", "etat")
# Display order of the demo store's grades; any other grade sorts after them, alphabetically.
GRADE_ORDER = ("like-new", "good", "fair")


def fold(text: str) -> str:
    """Case- and accent-folded text, for sorting titles ("Écran" sorts with "ecran")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().strip()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def grade_sort_key(key: str) -> tuple[int, str]:
    return (GRADE_ORDER.index(key), "") if key in GRADE_ORDER else (len(GRADE_ORDER), key)


def category_lineage(categories: Iterable[Category]) -> dict[str, list[Category]]:
    """Each category id → the category and its ancestors (so a parent's filter finds its
    descendants' products). Cycles in bad data stop at the first repeat."""
    by_id = {c.id: c for c in categories}
    lineage: dict[str, list[Category]] = {}
    for category in by_id.values():
        chain, seen, current = [], set(), category
        while current is not None and current.id not in seen:
            seen.add(current.id)
            chain.append(current)
            current = by_id.get(current.parent_category_id or "")
        lineage[category.id] = chain
    return lineage


def _condition_option_id(product: Product) -> str | None:
    for option in product.options:
        if option.title.strip().lower() in CONDITION_OPTION_TITLES:
            return option.id
    return None


@dataclass(frozen=True)
class Grades:
    """The condition grades a product's variants have, in display order, with per grade: the
    English and French label, the lowest price (None when unpriced) and whether one is in stock."""

    keys: list[str] = field(default_factory=list)
    labels_en: list[str] = field(default_factory=list)
    labels_fr: list[str] = field(default_factory=list)
    prices: list[Decimal | None] = field(default_factory=list)
    in_stock: list[bool] = field(default_factory=list)


def conditions(product: Product, french: Product | None) -> Grades:
    option_id = _condition_option_id(product)
    if option_id is None:
        return Grades()
    french_values: dict[str, str] = {}
    if french is not None:
        for option in french.options:
            if option.id == option_id:
                french_values = {v.id: v.value for v in option.values}
    value_ids = {v.value: v.id for o in product.options if o.id == option_id for v in o.values}
    labels: dict[str, tuple[str, str]] = {}
    lowest: dict[str, Decimal | None] = {}
    stocked: dict[str, bool] = {}
    for variant in product.variants:
        value = variant.option_value(option_id)
        if not value:
            continue
        key = slug(value)
        labels.setdefault(key, (value, french_values.get(value_ids.get(value, ""), value)))
        amount = variant.price.amount if variant.price else None
        current = lowest.get(key)
        lowest[key] = amount if current is None else (current if amount is None else min(current, amount))
        stocked[key] = stocked.get(key, False) or variant.in_stock
    keys = sorted(labels, key=grade_sort_key)
    return Grades(
        keys=keys,
        labels_en=[labels[k][0] for k in keys],
        labels_fr=[labels[k][1] for k in keys],
        prices=[lowest[k] for k in keys],
        in_stock=[stocked[k] for k in keys],
    )


def prices(product: Product) -> tuple[Decimal | None, Decimal | None, bool]:
    """Lowest calculated price, that variant's original price when it is higher (a sale), and
    whether variants differ in price."""
    priced = [v for v in product.variants if v.price is not None]
    if not priced:
        return None, None, False
    cheapest = min(priced, key=lambda v: v.price.amount)  # type: ignore[union-attr]
    price = cheapest.price.amount  # type: ignore[union-attr]
    original = cheapest.original_price.amount if cheapest.original_price else None
    varies = len({v.price.amount for v in priced}) > 1  # type: ignore[union-attr]
    return price, (original if original is not None and original > price else None), varies


def _body(product: Product, category_names: list[str], grades: list[str]) -> str:
    brand = product.metadata.get("brand") if isinstance(product.metadata.get("brand"), str) else ""
    parts = [
        product.subtitle or "",
        brand or "",
        " ".join(category_names),
        product.collection.title if product.collection else "",
        " ".join(grades),
        " ".join(t.value for t in product.tags),
        product.description or "",
    ]
    return "\n".join(p for p in parts if p)


def listing_row(
    product: Product,
    french: Product | None,
    region: Region,
    lineage: Mapping[str, list[Category]],
    french_category_names: Mapping[str, str],
    synced_at: datetime,
) -> ProductListing:
    """The read-model row of `product` (fetched for `region`, English) in that region."""
    price, original, varies = prices(product)
    grades = conditions(product, french)
    categories: dict[str, Category] = {}
    for category in product.categories:
        for member in lineage.get(category.id, [category]):
            categories.setdefault(member.id, member)
    names_en = [c.name for c in categories.values()]
    names_fr = [french_category_names.get(c.id, c.name) for c in categories.values()]
    title_fr = french.title if french is not None else product.title
    french_body_source = french if french is not None else product
    thumbnail = product.thumbnail or (product.images[0].url if product.images else "")
    return ProductListing(
        region_id=region.id,
        product_id=product.id,
        handle=product.handle,
        currency_code=region.currency_code.lower(),
        price=price,
        original_price=original,
        price_varies=varies,
        category_ids=list(categories),
        category_handles=[c.handle for c in categories.values()],
        collection_id=product.collection.id if product.collection else product.collection_id,
        collection_handle=product.collection.handle if product.collection else None,
        conditions=grades.keys,
        condition_labels_en=grades.labels_en,
        condition_labels_fr=grades.labels_fr,
        condition_prices=grades.prices,
        condition_in_stock=grades.in_stock,
        in_stock=product.in_stock,
        created_at=product.created_at,
        updated_at=product.updated_at,
        title_en=product.title,
        title_fr=title_fr,
        sort_en=fold(product.title),
        sort_fr=fold(title_fr),
        thumbnail=thumbnail,
        body_en=_body(product, names_en, grades.labels_en),
        body_fr=_body(french_body_source, names_fr, grades.labels_fr),
        synced_at=synced_at,
    )
