"""``/store/orders``: an order by id (guest confirmation pages) or the signed-in customer's orders."""

from __future__ import annotations

from collections.abc import Sequence

from .._resource import Resource, check_paging, join_fields, parse_model, parse_page, path_id
from ..cart_models import Order
from ..models import Page

DEFAULT_ORDER_FIELDS = (
    "*items,+items.total,+items.subtotal,*shipping_address,*billing_address,*shipping_methods"
)


class OrderResource(Resource):
    async def retrieve(
        self, id: str, *, customer_token: str | None = None, fields: str | Sequence[str] | None = None
    ) -> Order:
        """``GET /store/orders/{id}``; raises NotFoundError."""
        data = await self._client._request(
            "GET",
            f"/store/orders/{path_id(id, 'order id')}",
            auth="store",
            bearer=customer_token,
            params={"fields": join_fields(fields) or DEFAULT_ORDER_FIELDS},
        )
        return parse_model(Order, data, "order")

    async def list(
        self,
        *,
        customer_token: str,
        limit: int | None = None,
        offset: int | None = None,
        fields: str | Sequence[str] | None = None,
    ) -> Page[Order]:
        """``GET /store/orders``: the signed-in customer's orders, newest first."""
        check_paging(limit, offset)
        data = await self._client._request(
            "GET",
            "/store/orders",
            auth="store",
            bearer=customer_token,
            params={
                "limit": limit,
                "offset": offset,
                "order": "-created_at",
                "fields": join_fields(fields) or DEFAULT_ORDER_FIELDS,
            },
        )
        return parse_page(Order, data, "orders")
