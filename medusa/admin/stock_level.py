"""``/admin/stock-levels``: routes of our Medusa project (``medusa-backend/src/api/admin/stock-levels``)
for the stock-feed sync — every item's levels in one answer, thousands of level writes in one call.
They are not part of Medusa's own API: a Medusa without our project answers 404."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError as PydanticValidationError

from .._resource import Resource
from ..errors import InvalidResponseError
from .models import InventoryItem, StockLevelBatchResult


class StockLevelResource(Resource):
    async def query(self, *, skus: Sequence[str] | None = None) -> list[InventoryItem]:
        """``POST /admin/stock-levels/query``: every inventory item that has a SKU (only ``skus``
        when given) with its levels (location, stocked, reserved), ordered by id."""
        body: dict[str, Any] = {} if skus is None else {"skus": list(skus)}
        data = await self._client._request(
            "POST", "/admin/stock-levels/query", auth="admin", json=body, idempotent=True
        )
        if not isinstance(data, dict) or not isinstance(data.get("inventory_items"), list):
            raise InvalidResponseError("expected a list 'inventory_items' from Medusa", body=data)
        try:
            return [InventoryItem.model_validate(item) for item in data["inventory_items"]]
        except PydanticValidationError as exc:
            raise InvalidResponseError(f"unexpected stock levels from Medusa: {exc}", body=data) from exc

    async def batch(
        self,
        *,
        create: Sequence[Mapping[str, Any]] = (),
        update: Sequence[Mapping[str, Any]] = (),
    ) -> StockLevelBatchResult:
        """``POST /admin/stock-levels/batch``: rows ``{inventory_item_id, location_id,
        stocked_quantity}`` (at most 10,000 a call, each level once), written in one workflow run
        that emits Medusa's ``inventory-level.*`` events; all or nothing."""
        data = await self._client._request(
            "POST",
            "/admin/stock-levels/batch",
            auth="admin",
            json={"create": list(create), "update": list(update)},
            idempotent=False,
        )
        try:
            return StockLevelBatchResult.model_validate(data if isinstance(data, dict) else {})
        except PydanticValidationError as exc:
            raise InvalidResponseError(f"unexpected stock-levels batch answer: {exc}", body=data) from exc
