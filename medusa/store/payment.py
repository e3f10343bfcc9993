"""Payment providers of a region, and payment sessions on a cart's payment collection."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._resource import Resource, check_id, parse_model, parse_page, path_id
from ..cart_models import Cart, PaymentCollection, PaymentProvider
from ..models import Page


class PaymentResource(Resource):
    async def list_payment_providers(self, *, region_id: str) -> Page[PaymentProvider]:
        """``GET /store/payment-providers?region_id=…``."""
        data = await self._client._request(
            "GET",
            "/store/payment-providers",
            auth="store",
            params={"region_id": check_id(region_id, "region id")},
        )
        return parse_page(PaymentProvider, data, "payment_providers")

    async def initiate_payment_session(
        self, cart: Cart, *, provider_id: str, data: Mapping[str, Any] | None = None
    ) -> PaymentCollection:
        """Create the cart's payment collection if it has none, then a session with the provider.

        ``pp_system_default`` is Medusa's manual provider (payment captured by staff later).
        """
        collection_id = cart.payment_collection.id if cart.payment_collection else None
        if collection_id is None:
            created = await self._client._request(
                "POST", "/store/payment-collections", auth="store", json={"cart_id": cart.id}
            )
            collection_id = parse_model(PaymentCollection, created, "payment_collection").id
        body: dict[str, Any] = {"provider_id": check_id(provider_id, "provider id")}
        if data is not None:
            body["data"] = dict(data)
        answer = await self._client._request(
            "POST",
            f"/store/payment-collections/{path_id(collection_id, 'payment collection id')}/payment-sessions",
            auth="store",
            json=body,
        )
        return parse_model(PaymentCollection, answer, "payment_collection")
