"""``/store/carts``: create, read and change a cart, then complete it into an order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .._resource import Resource, check_id, join_fields, parse_model, path_id
from ..cart_models import Address, Cart, CartCompletion
from ..errors import InvalidResponseError, ValidationError

# Medusa's default cart fields plus what a cart page and checkout show.
DEFAULT_CART_FIELDS = (
    "*items,+items.total,+items.subtotal,+items.discount_total,*shipping_methods,"
    "*shipping_address,*billing_address,*promotions,*promotions.application_method,"
    "*payment_collection,*payment_collection.payment_sessions"
)


def _address(value: Address | Mapping[str, Any] | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return value.as_payload() if isinstance(value, Address) else dict(value)


def _quantity(quantity: int) -> int:
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
        raise ValidationError("quantity must be a whole number of at least 1", type="invalid_data")
    return quantity


class CartResource(Resource):
    async def create(
        self,
        *,
        region_id: str,
        locale: str | None = None,
        email: str | None = None,
        items: Sequence[Mapping[str, Any]] | None = None,
        metadata: Mapping[str, Any] | None = None,
        fields: str | Sequence[str] | None = None,
    ) -> Cart:
        """``POST /store/carts``. ``locale`` (``fr-CA``) makes Medusa translate line items."""
        body = {
            "region_id": region_id,
            "locale": locale,
            "email": email,
            "items": items,
            "metadata": metadata,
        }
        return await self._cart("POST", "/store/carts", fields, body)

    async def retrieve(self, id: str, *, fields: str | Sequence[str] | None = None) -> Cart:
        """``GET /store/carts/{id}``; raises NotFoundError for an unknown id."""
        return await self._cart("GET", f"/store/carts/{path_id(id, 'cart id')}", fields)

    async def update(
        self,
        id: str,
        *,
        region_id: str | None = None,
        locale: str | None = None,
        email: str | None = None,
        shipping_address: Address | Mapping[str, Any] | None = None,
        billing_address: Address | Mapping[str, Any] | None = None,
        promo_codes: Sequence[str] | None = None,
        metadata: Mapping[str, Any] | None = None,
        fields: str | Sequence[str] | None = None,
    ) -> Cart:
        """``POST /store/carts/{id}``: only the arguments given are sent.

        ``promo_codes`` replaces the cart's codes; an unknown code raises ValidationError. A code
        past its usage limit is accepted with HTTP 200 and no discount: check ``cart.promo_codes``.
        """
        body = {
            "region_id": region_id,
            "locale": locale,
            "email": email,
            "shipping_address": _address(shipping_address),
            "billing_address": _address(billing_address),
            "promo_codes": list(promo_codes) if promo_codes is not None else None,
            "metadata": metadata,
        }
        return await self._cart("POST", f"/store/carts/{path_id(id, 'cart id')}", fields, body)

    async def create_line_item(
        self,
        cart_id: str,
        *,
        variant_id: str,
        quantity: int,
        metadata: Mapping[str, Any] | None = None,
        fields: str | Sequence[str] | None = None,
    ) -> Cart:
        """``POST /store/carts/{id}/line-items``; more than the stock raises a MedusaAPIError with
        ``code == "insufficient_inventory"``. Adding a variant already in the cart adds to its line."""
        path_id(variant_id, "variant id")
        body: dict[str, Any] = {"variant_id": variant_id, "quantity": _quantity(quantity)}
        if metadata is not None:
            body["metadata"] = dict(metadata)
        return await self._cart(
            "POST", f"/store/carts/{path_id(cart_id, 'cart id')}/line-items", fields, body
        )

    async def update_line_item(
        self, cart_id: str, line_id: str, *, quantity: int, fields: str | Sequence[str] | None = None
    ) -> Cart:
        """``POST /store/carts/{id}/line-items/{line_id}`` with the new quantity (≥ 1)."""
        path = f"/store/carts/{path_id(cart_id, 'cart id')}/line-items/{path_id(line_id, 'line item id')}"
        return await self._cart("POST", path, fields, {"quantity": _quantity(quantity)})

    async def delete_line_item(
        self, cart_id: str, line_id: str, *, fields: str | Sequence[str] | None = None
    ) -> Cart:
        """``DELETE /store/carts/{id}/line-items/{line_id}``; returns the cart after the removal."""
        path = f"/store/carts/{path_id(cart_id, 'cart id')}/line-items/{path_id(line_id, 'line item id')}"
        data = await self._client._request(
            "DELETE", path, auth="store", params={"fields": join_fields(fields) or DEFAULT_CART_FIELDS}
        )
        return parse_model(Cart, data, "parent")

    async def add_shipping_method(
        self,
        cart_id: str,
        *,
        option_id: str,
        data: Mapping[str, Any] | None = None,
        fields: str | Sequence[str] | None = None,
    ) -> Cart:
        """``POST /store/carts/{id}/shipping-methods``: replaces the cart's shipping method."""
        body: dict[str, Any] = {"option_id": check_id(option_id, "shipping option id")}
        if data is not None:
            body["data"] = dict(data)
        return await self._cart(
            "POST", f"/store/carts/{path_id(cart_id, 'cart id')}/shipping-methods", fields, body
        )

    async def transfer_cart(
        self, id: str, *, customer_token: str, fields: str | Sequence[str] | None = None
    ) -> Cart:
        """``POST /store/carts/{id}/customer``: attach a guest cart to the signed-in customer."""
        data = await self._client._request(
            "POST",
            f"/store/carts/{path_id(id, 'cart id')}/customer",
            auth="store",
            bearer=customer_token,
            params={"fields": join_fields(fields) or DEFAULT_CART_FIELDS},
        )
        return parse_model(Cart, data, "cart")

    async def complete(self, id: str) -> CartCompletion:
        """``POST /store/carts/{id}/complete``.

        Completing an already completed cart returns the same order, so this call is retried
        like a read: a lost answer never leads to a second order.
        """
        data = await self._client._request(
            "POST", f"/store/carts/{path_id(id, 'cart id')}/complete", auth="store", idempotent=True
        )
        if not isinstance(data, dict) or data.get("type") not in ("order", "cart"):
            raise InvalidResponseError("unexpected answer to cart completion", body=data)
        return parse_model(CartCompletion, {"completion": data}, "completion")

    async def _cart(
        self,
        method: str,
        path: str,
        fields: str | Sequence[str] | None,
        body: Mapping[str, Any] | None = None,
    ) -> Cart:
        json = None if body is None else {k: v for k, v in body.items() if v is not None}
        data = await self._client._request(
            method,
            path,
            auth="store",
            params={"fields": join_fields(fields) or DEFAULT_CART_FIELDS},
            json=json,
        )
        return parse_model(Cart, data, "cart")
