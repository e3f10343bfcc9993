"""Store API resources: ``medusa.store.region``, ``.product``, ``.category``, ``.collection``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .category import CategoryResource
from .collection import CollectionResource
from .product import DEFAULT_PRODUCT_FIELDS, SORTABLE_PRODUCT_FIELDS, ProductResource
from .region import RegionResource

if TYPE_CHECKING:
    from ..client import Medusa

__all__ = [
    "DEFAULT_PRODUCT_FIELDS",
    "SORTABLE_PRODUCT_FIELDS",
    "CategoryResource",
    "CollectionResource",
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
