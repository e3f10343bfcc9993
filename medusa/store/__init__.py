"""Store API resources: ``medusa.store.region``, ``.product``, ``.category``, ``.collection``,
``.cart``, ``.fulfillment``, ``.payment``, ``.order``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .cart import DEFAULT_CART_FIELDS, CartResource
from .category import CategoryResource
from .collection import CollectionResource
from .customer import CustomerAuthResource, CustomerResource
from .fulfillment import FulfillmentResource
from .order import OrderResource
from .payment import PaymentResource
from .product import DEFAULT_PRODUCT_FIELDS, SORTABLE_PRODUCT_FIELDS, ProductResource
from .region import RegionResource

if TYPE_CHECKING:
    from ..client import Medusa

__all__ = [
    "DEFAULT_CART_FIELDS",
    "DEFAULT_PRODUCT_FIELDS",
    "SORTABLE_PRODUCT_FIELDS",
    "CartResource",
    "CategoryResource",
    "CollectionResource",
    "CustomerAuthResource",
    "CustomerResource",
    "FulfillmentResource",
    "OrderResource",
    "PaymentResource",
    "ProductResource",
    "RegionResource",
    "Store",
]


class Store:
    """Every call sends ``x-publishable-api-key`` (the key scopes the sales channel)."""

    def __init__(self, client: Medusa) -> None:
        self.region = RegionResource(client)
        self.product = ProductResource(client)
        self.category = CategoryResource(client)
        self.collection = CollectionResource(client)
        self.cart = CartResource(client)
        self.fulfillment = FulfillmentResource(client)
        self.payment = PaymentResource(client)
        self.order = OrderResource(client)
        self.auth = CustomerAuthResource(client)
        self.customer = CustomerResource(client)
