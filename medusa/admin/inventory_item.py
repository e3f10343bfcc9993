"""``/admin/inventory-items``: items (one per managed variant, same SKU) and their levels."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .._resource import Resource
from ..models import Page
from ._list import Fields, batch_body, list_page
from .models import InventoryItem

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
            filters={"sku": sku, "id": id},
        )

    async def batch_inventory_items_location_levels(
        self,
        *,
        create: Sequence[Mapping[str, Any]] | None = None,
        update: Sequence[Mapping[str, Any]] | None = None,
        delete: Sequence[str] | None = None,
        force: bool | None = None,
    ) -> Any:
        """``POST /admin/inventory-items/location-levels/batch``: rows are ``{inventory_item_id,
        location_id, stocked_quantity}``. Deleting stocked levels needs ``force=True``."""
        body: dict[str, Any] = batch_body(create, update, delete)
        if force is not None:
            body["force"] = force
        return await self._client._request(
            "POST",
            "/admin/inventory-items/location-levels/batch",
            auth="admin",
            json=body,
            idempotent=False,
        )
