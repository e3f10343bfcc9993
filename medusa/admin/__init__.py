"""Admin API resources (``medusa.admin.product``, ``.translation``, ``.inventory_item``…).

Every call other than ``auth.login`` needs an admin token (``Medusa(admin_token=...)`` or
``medusa.with_admin_token(token)``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .api_key import ApiKeyResource
from .auth import AuthResource
from .catalog import ProductCategoryResource, ProductCollectionResource
from .inventory_item import InventoryItemResource
from .notification import NotificationResource
from .order import OrderResource
from .product import ADMIN_PRODUCT_FIELDS, ProductResource, ProductVariantResource
from .promotion import PromotionResource
from .setup import (
    RegionResource,
    SalesChannelResource,
    ShippingProfileResource,
    StockLocationResource,
    StoreResource,
)
from .stock_level import StockLevelResource
from .translation import TranslationResource
from .upload import UploadResource
from .user import User, UserResource

if TYPE_CHECKING:
    from ..client import Medusa

__all__ = [
    "ADMIN_PRODUCT_FIELDS",
    "Admin",
    "ApiKeyResource",
    "AuthResource",
    "OrderResource",
    "PromotionResource",
    "User",
    "UserResource",
]


class Admin:
    """Method names follow Medusa's JS SDK (``sdk.admin.productCategory.list`` →
    ``medusa.admin.product_category.list``)."""

    def __init__(self, client: Medusa) -> None:
        self.auth = AuthResource(client)
        self.api_key = ApiKeyResource(client)
        self.order = OrderResource(client)
        self.product = ProductResource(client)
        self.product_variant = ProductVariantResource(client)
        self.product_category = ProductCategoryResource(client)
        self.product_collection = ProductCollectionResource(client)
        self.translation = TranslationResource(client)
        self.inventory_item = InventoryItemResource(client)
        self.notification = NotificationResource(client)
        self.region = RegionResource(client)
        self.store = StoreResource(client)
        self.sales_channel = SalesChannelResource(client)
        self.shipping_profile = ShippingProfileResource(client)
        self.stock_location = StockLocationResource(client)
        self.stock_level = StockLevelResource(client)
        self.upload = UploadResource(client)
        self.promotion = PromotionResource(client)
        self.user = UserResource(client)
