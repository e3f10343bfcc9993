"""Typed views of Admin API objects used by the jobs (ingestion, stock).

Only the fields we read are declared; unknown fields are ignored. Admin prices are exact
Decimals in major units, like the Store API's.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator

from ..models import Category, Collection, Image, MedusaModel, ProductOption, VariantOption
from ..money import ExactDecimal

__all__ = [
    "AdminPrice",
    "AdminProduct",
    "AdminVariant",
    "AdminVariantProduct",
    "BatchResult",
    "InventoryItem",
    "InventoryLevel",
    "LocationLevelBatchResult",
    "Notification",
    "ProductImport",
    "SalesChannel",
    "ShippingProfile",
    "StockLocation",
    "StoreSettings",
    "Translation",
]


def _none_to_list(value: Any) -> Any:
    return [] if value is None else value


def _none_to_dict(value: Any) -> Any:
    return {} if value is None else value


class AdminPrice(MedusaModel):
    id: str | None = None
    amount: ExactDecimal
    currency_code: str

    @field_validator("currency_code", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.lower() if isinstance(value, str) else value


class AdminVariantProduct(MedusaModel):
    """The product a variant belongs to, when asked for with ``fields=product.handle``."""

    id: str | None = None
    handle: str | None = None


class AdminVariant(MedusaModel):
    id: str
    title: str | None = None
    sku: str | None = None
    product_id: str | None = None
    product: AdminVariantProduct | None = None
    manage_inventory: bool | None = None
    weight: int | None = None
    prices: list[AdminPrice] = Field(default_factory=list)
    options: list[VariantOption] = Field(default_factory=list)
    metadata: dict[str, Any] = Field(default_factory=dict)

    _lists = field_validator("prices", "options", mode="before")(_none_to_list)
    _dicts = field_validator("metadata", mode="before")(_none_to_dict)


class AdminProduct(MedusaModel):
    id: str
    handle: str
    title: str | None = None
    description: str | None = None
    status: str | None = None
    thumbnail: str | None = None
    images: list[Image] = Field(default_factory=list)
    collection_id: str | None = None
    collection: Collection | None = None
    categories: list[Category] = Field(default_factory=list)
    options: list[ProductOption] = Field(default_factory=list)
    variants: list[AdminVariant] = Field(default_factory=list)
    metadata: dict[str, Any] = Field(default_factory=dict)

    _lists = field_validator("categories", "images", "options", "variants", mode="before")(_none_to_list)
    _dicts = field_validator("metadata", mode="before")(_none_to_dict)


class BatchResult(MedusaModel):
    """``{created, updated, deleted}`` of a ``…/batch`` call. With ``fields=id`` the created and
    updated entries carry only their ids (and whatever else was asked for)."""

    created: list[dict[str, Any]] = Field(default_factory=list)
    updated: list[dict[str, Any]] = Field(default_factory=list)
    deleted: Any = None

    _lists = field_validator("created", "updated", mode="before")(_none_to_list)


class ProductImport(MedusaModel):
    """The answer to ``POST /admin/products/imports``: the workflow to confirm and what it will do
    (``summary``: ``toCreate`` / ``toUpdate`` counts)."""

    transaction_id: str
    summary: dict[str, Any] = Field(default_factory=dict)

    _dicts = field_validator("summary", mode="before")(_none_to_dict)


class Notification(MedusaModel):
    """An admin notification (``/admin/notifications``): imports and exports report through them."""

    id: str
    to: str | None = None
    channel: str | None = None
    template: str | None = None
    data: dict[str, Any] = Field(default_factory=dict)
    created_at: str | None = None

    _dicts = field_validator("data", mode="before")(_none_to_dict)


class Translation(MedusaModel):
    id: str
    reference: str | None = None
    reference_id: str
    locale_code: str
    translations: dict[str, Any] = Field(default_factory=dict)

    _dicts = field_validator("translations", mode="before")(_none_to_dict)


class InventoryLevel(MedusaModel):
    id: str | None = None
    inventory_item_id: str
    location_id: str
    stocked_quantity: int = 0
    reserved_quantity: int = 0


class LocationLevelBatchResult(MedusaModel):
    """``POST /admin/inventory-items/location-levels/batch``: the levels created and updated
    (ids and quantities) and the ids deleted."""

    created: list[InventoryLevel] = Field(default_factory=list)
    updated: list[InventoryLevel] = Field(default_factory=list)
    deleted: list[str] = Field(default_factory=list)

    _lists = field_validator("created", "updated", "deleted", mode="before")(_none_to_list)


class StockLevelBatchResult(MedusaModel):
    """``POST /admin/stock-levels/batch`` (our route): how many levels were created and updated."""

    created: int
    updated: int


class InventoryItem(MedusaModel):
    id: str
    sku: str | None = None
    location_levels: list[InventoryLevel] = Field(default_factory=list)

    _lists = field_validator("location_levels", mode="before")(_none_to_list)


class SalesChannel(MedusaModel):
    id: str
    name: str
    is_disabled: bool | None = None


class ShippingProfile(MedusaModel):
    id: str
    name: str
    type: str | None = None


class StockLocation(MedusaModel):
    id: str
    name: str


class StoreSettings(MedusaModel):
    """The store record: its defaults decide where new products are sold and stocked."""

    id: str
    name: str | None = None
    default_sales_channel_id: str | None = None
    default_region_id: str | None = None
    default_location_id: str | None = None
