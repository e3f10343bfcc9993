"""``/store/shipping-options``: the shipping options a cart can use, with their prices."""

from __future__ import annotations

from .._resource import Resource, check_id
from ..cart_models import ShippingOption
from ..errors import InvalidResponseError


class FulfillmentResource(Resource):
    async def list_cart_options(self, *, cart_id: str) -> list[ShippingOption]:
        """``GET /store/shipping-options?cart_id=…`` (needs the cart's shipping address country)."""
        data = await self._client._request(
            "GET",
            "/store/shipping-options",
            auth="store",
            params={"cart_id": check_id(cart_id, "cart id")},
        )
        if not isinstance(data, dict) or not isinstance(data.get("shipping_options"), list):
            raise InvalidResponseError("expected a list 'shipping_options' from Medusa", body=data)
        return [ShippingOption.model_validate(option) for option in data["shipping_options"]]
