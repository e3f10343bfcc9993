"""``/admin/orders``: orders as staff see them (the dashboard, and tests that check an order)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from .._resource import Resource, check_paging, join_fields, parse_model, parse_page, path_id
from ..cart_models import Order
from ..models import Page

# Medusa's admin routes return only the fields asked for, so the totals are listed too.
DEFAULT_ADMIN_ORDER_FIELDS = (
    "id,display_id,status,email,currency_code,region_id,customer_id,created_at,payment_status,"
    "fulfillment_status,total,subtotal,tax_total,discount_total,discount_subtotal,shipping_total,shipping_subtotal,"
    "item_total,item_subtotal,original_total,*items,*shipping_address,*billing_address,*shipping_methods"
)


class OrderResource(Resource):
    async def retrieve(self, id: str, *, fields: str | Sequence[str] | None = None) -> Order:
        """``GET /admin/orders/{id}``; raises NotFoundError."""
        data = await self._client._request(
            "GET",
            f"/admin/orders/{path_id(id, 'order id')}",
            auth="admin",
            params={"fields": join_fields(fields) or DEFAULT_ADMIN_ORDER_FIELDS},
        )
        return parse_model(Order, data, "order")

    async def list(
        self,
        *,
        created_after: datetime | None = None,
        limit: int | None = None,
        offset: int | None = None,
        fields: str | Sequence[str] | None = None,
    ) -> Page[Order]:
        """``GET /admin/orders``, newest first; ``created_after`` filters on ``created_at[$gte]``."""
        check_paging(limit, offset)
        data = await self._client._request(
            "GET",
            "/admin/orders",
            auth="admin",
            params={
                "limit": limit,
                "offset": offset,
                "order": "-created_at",
                "created_at[$gte]": created_after.isoformat() if created_after else None,
                "fields": join_fields(fields) or "id,display_id,total,currency_code,created_at,email",
            },
        )
        return parse_page(Order, data, "orders")
