"""``/admin/inventory-items``: items (one per managed variant, same SKU) and their levels."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any

from pydantic import ValidationError as PydanticValidationError

from .._resource import Resource
from ..errors import InvalidResponseError
from ..models import Page
from ._list import Fields, batch_body, iterate, list_page
from .models import InventoryItem, LocationLevelBatchResult

Ids = str | Sequence[str] | None

INVENTORY_ITEM_FIELDS = ",".join(
    ["id", "sku"]
    + [
        f"location_levels.{name}"
        for name in ("id", "location_id", "inventory_item_id", "stocked_quantity", "reserved_quantity")
    ]
)


class InventoryItemResource(Resource):
    async def list(
        self,
        *,
        sku: Ids = None,
        id: Ids = None,
        q: str | None = None,
        limit: int | None = None,
        offset: int | None = None,
        order: str | None = None,
        fields: Fields = INVENTORY_ITEM_FIELDS,
    ) -> Page[InventoryItem]:
        """``GET /admin/inventory-items`` with their location levels. Page by ``order="id"``."""
        return await list_page(
            self._client,
            "/admin/inventory-items",
            "inventory_items",
            InventoryItem,
            limit=limit,
            offset=offset,
            order=order,
            fields=fields,
            filters={"sku": sku, "id": id, "q": q},
        )

    def iterate(
        self, *, page_size: int = 1000, fields: Fields = INVENTORY_ITEM_FIELDS, sku: Ids = None
    ) -> AsyncIterator[InventoryItem]:
        """Every inventory item with its levels, page by page (ordered by ``id``)."""
        return iterate(
            self._client,
            "/admin/inventory-items",
            "inventory_items",
            InventoryItem,
            page_size=page_size,
            fields=fields,
            filters={"sku": sku},
        )

    async def batch_inventory_items_location_levels(
        self,
        *,
        create: Sequence[Mapping[str, Any]] | None = None,
        update: Sequence[Mapping[str, Any]] | None = None,
        delete: Sequence[str] | None = None,
        force: bool | None = None,
    ) -> LocationLevelBatchResult:
        """``POST /admin/inventory-items/location-levels/batch``: rows are ``{inventory_item_id,
        location_id, stocked_quantity}``. Deleting stocked levels needs ``force=True``."""
        body: dict[str, Any] = batch_body(create, update, delete)
        if force is not None:
            body["force"] = force
        data = await self._client._request(
            "POST",
            "/admin/inventory-items/location-levels/batch",
            auth="admin",
            json=body,
            idempotent=False,
        )
        try:
            return LocationLevelBatchResult.model_validate(data if isinstance(data, dict) else {})
        except PydanticValidationError as exc:
            raise InvalidResponseError(f"unexpected location-levels batch answer: {exc}", body=data) from exc
