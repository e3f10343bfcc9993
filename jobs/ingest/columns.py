"""CSV header → field names: our documented columns and Medusa's own import columns.

Headers are compared case-insensitively with spaces, ``_`` and ``-`` treated alike, so
``Product Title``, ``product_title`` and ``TITLE`` name the same column. See README "Importing
products" for the schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ALIASES: dict[str, tuple[str, ...]] = {
    "handle": ("handle", "product handle"),
    "title": ("title", "product title"),
    "title_fr": ("title fr", "product title fr", "titre"),
    "description": ("description", "product description"),
    "description_fr": ("description fr", "product description fr"),
    "status": ("status", "product status"),
    "category": ("category", "categories", "category handle", "product category", "product category 1"),
    "collection": ("collection", "collection handle", "product collection", "product collection id"),
    "sku": ("sku", "variant sku"),
    "variant_title": ("variant title",),
    "variant_title_fr": ("variant title fr",),
    "condition": ("condition", "grade", "condition grade"),
    "color": ("color", "colour"),
    "color_fr": ("color fr", "colour fr", "couleur"),
    "price": ("price", "variant price"),
    "currency": ("currency", "price currency"),
    "quantity": ("quantity", "stock", "inventory quantity", "variant inventory quantity"),
    "weight": ("weight", "variant weight", "product weight"),
    "floor_price": ("floor price", "floor"),
    "floor_currency": ("floor currency",),
    "images": ("images", "image", "image url", "image urls", "product images", "product thumbnail"),
}

_BY_HEADER = {alias: name for name, aliases in ALIASES.items() for alias in aliases}
_PRICE = re.compile(r"^(?:variant )?price ([a-z]{3})$")
_OPTION = re.compile(r"^(?:variant )?option (\d+) (name|value)$")
_IMAGE = re.compile(r"^(?:product )?image (\d+)(?: url)?$")


def normalize_header(header: str) -> str:
    return re.sub(r"[\s_\-]+", " ", header.replace("\ufeff", "").strip().lower())


@dataclass
class Columns:
    """Where each field is in the file: ``fields`` maps field → header, ``prices`` currency
    (lower-case) → header, ``options`` option number → (name header, value header)."""

    fields: dict[str, str] = field(default_factory=dict)
    prices: dict[str, str] = field(default_factory=dict)
    options: dict[int, dict[str, str]] = field(default_factory=dict)
    images: dict[int, str] = field(default_factory=dict)  # "Product Image N Url" columns
    ignored: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)

    def missing_required(self) -> list[str]:
        return [name for name in ("handle", "sku") if name not in self.fields]


def map_headers(headers: list[str]) -> Columns:
    cols = Columns()
    for header in headers:
        key = normalize_header(header)
        if not key:
            continue
        if key in _BY_HEADER:
            target = _BY_HEADER[key]
            if target in cols.fields:
                cols.duplicates.append(header)
            else:
                cols.fields[target] = header
        elif m := _PRICE.match(key):
            currency = m.group(1)
            if currency in cols.prices:
                cols.duplicates.append(header)
            else:
                cols.prices[currency] = header
        elif m := _OPTION.match(key):
            cols.options.setdefault(int(m.group(1)), {})[m.group(2)] = header
        elif m := _IMAGE.match(key):
            cols.images[int(m.group(1))] = header
        else:
            cols.ignored.append(header)
    return cols
