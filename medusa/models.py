"""Typed views of Medusa v2 Store/Admin API objects.

Only the fields the project uses are declared; everything else Medusa sends is ignored
(``extra="ignore"``), so new Medusa fields never break parsing. Amounts are exact Decimals in
major units (see :mod:`medusa.money`).
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from decimal import Decimal
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .money import ExactDecimal, Money, to_decimal

__all__ = [
    "ApiKey",
    "CalculatedPrice",
    "Category",
    "Collection",
    "Country",
    "Image",
    "MedusaModel",
    "OptionValue",
    "Page",
    "Product",
    "ProductOption",
    "ProductTag",
    "Region",
    "Variant",
    "VariantOption",
]


class MedusaModel(BaseModel):
    """Base of every response model: unknown fields are ignored."""

    model_config = ConfigDict(extra="ignore")


def _none_to_list(value: Any) -> Any:
    return [] if value is None else value


def _none_to_dict(value: Any) -> Any:
    return {} if value is None else value


# --- regions -------------------------------------------------------------------------------


class Country(MedusaModel):
    iso_2: str
    iso_3: str | None = None
    name: str | None = None
    display_name: str | None = None


class Region(MedusaModel):
    id: str
    name: str
    currency_code: str
    countries: list[Country] = Field(default_factory=list)
    automatic_taxes: bool | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)

    _lists = field_validator("countries", mode="before")(_none_to_list)
    _dicts = field_validator("metadata", mode="before")(_none_to_dict)

    @property
    def currency(self) -> str:
        """ISO 4217 code, upper-case."""
        return self.currency_code.upper()

    @property
    def country_codes(self) -> list[str]:
        """ISO 3166-1 alpha-2 codes as Medusa sends them (lower-case)."""
        return [c.iso_2 for c in self.countries]


# --- catalog -------------------------------------------------------------------------------


class Category(MedusaModel):
    id: str
    name: str
    handle: str
    description: str | None = None
    parent_category_id: str | None = None
    rank: int | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)
    # present with include_descendants_tree / include_ancestors_tree or matching ``fields``
    parent_category: Category | None = None
    category_children: list[Category] = Field(default_factory=list)

    _lists = field_validator("category_children", mode="before")(_none_to_list)
    _dicts = field_validator("metadata", mode="before")(_none_to_dict)


class Collection(MedusaModel):
    id: str
    title: str
    handle: str
    metadata: dict[str, Any] = Field(default_factory=dict)

    _dicts = field_validator("metadata", mode="before")(_none_to_dict)


class Image(MedusaModel):
    id: str | None = None
    url: str
    rank: int | None = None


class OptionValue(MedusaModel):
    id: str
    value: str


class ProductOption(MedusaModel):
    id: str
    title: str
    values: list[OptionValue] = Field(default_factory=list)

    _lists = field_validator("values", mode="before")(_none_to_list)


class ProductTag(MedusaModel):
    id: str
    value: str


class VariantOption(MedusaModel):
    """A variant's value for one product option (``option_id`` → ``ProductOption.id``)."""

    id: str | None = None
    option_id: str | None = None
    value: str


class CalculatedPrice(MedusaModel):
    """``variant.calculated_price`` — present only when the request had ``region_id``.

    Amounts are in major units. Medusa also sends ``raw_calculated_amount.value`` (a decimal
    string); when present it is preferred over the JSON number.
    """

    calculated_amount: ExactDecimal | None = None
    original_amount: ExactDecimal | None = None
    currency_code: str
    is_calculated_price_tax_inclusive: bool | None = None
    price_list_type: str | None = None  # "sale" / "override" when a price list applies

    @model_validator(mode="before")
    @classmethod
    def _prefer_raw_amounts(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        for name in ("calculated_amount", "original_amount"):
            raw = data.get(f"raw_{name}")
            if isinstance(raw, dict) and isinstance(raw.get("value"), str | int | Decimal):
                with contextlib.suppress(TypeError, ValueError):
                    data[name] = to_decimal(raw["value"])
        inner = data.get("calculated_price")
        if isinstance(inner, dict) and "price_list_type" not in data:
            data["price_list_type"] = inner.get("price_list_type")
        return data

    @field_validator("currency_code", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.lower() if isinstance(value, str) else value


class Variant(MedusaModel):
    id: str
    title: str | None = None
    sku: str | None = None
    product_id: str | None = None
    thumbnail: str | None = None
    options: list[VariantOption] = Field(default_factory=list)
    calculated_price: CalculatedPrice | None = None
    inventory_quantity: int | None = None
    manage_inventory: bool | None = None
    # physical facts (Medusa's own fields; weight in the store's unit, grams here)
    weight: ExactDecimal | None = None
    length: ExactDecimal | None = None
    height: ExactDecimal | None = None
    width: ExactDecimal | None = None
    material: str | None = None
    allow_backorder: bool | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)

    _lists = field_validator("options", mode="before")(_none_to_list)
    _dicts = field_validator("metadata", mode="before")(_none_to_dict)

    @property
    def price(self) -> Money | None:
        """The price the shopper pays (calculated for the region), or ``None`` without one."""
        cp = self.calculated_price
        if cp is None or cp.calculated_amount is None:
            return None
        return Money(amount=cp.calculated_amount, currency_code=cp.currency_code)

    @property
    def original_price(self) -> Money | None:
        """The price before price lists (sales); equals :attr:`price` when nothing applies."""
        cp = self.calculated_price
        if cp is None or cp.original_amount is None:
            return None
        return Money(amount=cp.original_amount, currency_code=cp.currency_code)

    @property
    def on_sale(self) -> bool:
        price, original = self.price, self.original_price
        return price is not None and original is not None and price.amount < original.amount

    @property
    def in_stock(self) -> bool:
        """Purchasable now: inventory not managed, backorders allowed, or quantity > 0.

        Needs ``+variants.inventory_quantity`` in ``fields`` (the product resource's default
        fields include it); an unknown quantity on a managed variant counts as out of stock.
        """
        if self.manage_inventory is False:
            return True
        if self.allow_backorder:
            return True
        return self.inventory_quantity is not None and self.inventory_quantity > 0

    def option_value(self, option_id: str) -> str | None:
        """This variant's value for the product option ``option_id``."""
        for opt in self.options:
            if opt.option_id == option_id:
                return opt.value
        return None


class Product(MedusaModel):
    id: str
    handle: str
    title: str
    subtitle: str | None = None
    description: str | None = None
    thumbnail: str | None = None
    images: list[Image] = Field(default_factory=list)
    options: list[ProductOption] = Field(default_factory=list)
    variants: list[Variant] = Field(default_factory=list)
    categories: list[Category] = Field(default_factory=list)
    collection: Collection | None = None
    collection_id: str | None = None
    tags: list[ProductTag] = Field(default_factory=list)
    metadata: dict[str, Any] = Field(default_factory=dict)
    # physical facts (Medusa's own fields; weight in the store's unit, grams here)
    weight: ExactDecimal | None = None
    length: ExactDecimal | None = None
    height: ExactDecimal | None = None
    width: ExactDecimal | None = None
    material: str | None = None
    origin_country: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None

    _lists = field_validator("images", "options", "variants", "categories", "tags", mode="before")(
        _none_to_list
    )
    _dicts = field_validator("metadata", mode="before")(_none_to_dict)

    @property
    def lowest_price(self) -> Money | None:
        """Cheapest calculated variant price, or ``None`` when no variant has a price."""
        prices = [p for v in self.variants if (p := v.price) is not None]
        if not prices:
            return None
        return min(prices, key=lambda m: m.amount)

    @property
    def in_stock(self) -> bool:
        """True when any variant is in stock."""
        return any(v.in_stock for v in self.variants)

    @property
    def category_ids(self) -> list[str]:
        return [c.id for c in self.categories]


# --- admin ---------------------------------------------------------------------------------


class ApiKey(MedusaModel):
    id: str
    title: str
    token: str
    type: str  # "publishable" | "secret"
    redacted: str | None = None
    revoked_at: datetime | None = None
    created_at: datetime | None = None

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


# --- pages ---------------------------------------------------------------------------------

T = TypeVar("T")


class Page(MedusaModel, Generic[T]):
    """One page of a list endpoint: ``items`` plus Medusa's ``count``/``offset``/``limit``."""

    items: list[T]
    count: int
    offset: int
    limit: int

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.items) < self.count

    @property
    def next_offset(self) -> int | None:
        return self.offset + len(self.items) if self.has_more and self.items else None
