"""The store's set-up records: regions, the store itself, sales channels, shipping profiles and
stock locations (where new products are sold, shipped from and stocked)."""

from __future__ import annotations

from .._resource import Resource
from ..models import Page, Region
from ._list import Fields, list_page
from .models import SalesChannel, ShippingProfile, StockLocation, StoreSettings


class RegionResource(Resource):
    async def list(self, *, limit: int | None = None, fields: Fields = None) -> Page[Region]:
        """``GET /admin/regions``."""
        return await list_page(self._client, "/admin/regions", "regions", Region, limit=limit, fields=fields)


class StoreResource(Resource):
    async def list(self, *, fields: Fields = None) -> Page[StoreSettings]:
        """``GET /admin/stores`` (a Medusa has one store)."""
        return await list_page(self._client, "/admin/stores", "stores", StoreSettings, fields=fields)


class SalesChannelResource(Resource):
    async def list(self, *, name: str | None = None, limit: int | None = None) -> Page[SalesChannel]:
        """``GET /admin/sales-channels``."""
        return await list_page(
            self._client,
            "/admin/sales-channels",
            "sales_channels",
            SalesChannel,
            limit=limit,
            filters={"name": name},
        )


class ShippingProfileResource(Resource):
    async def list(self, *, type: str | None = None, limit: int | None = None) -> Page[ShippingProfile]:
        """``GET /admin/shipping-profiles``."""
        return await list_page(
            self._client,
            "/admin/shipping-profiles",
            "shipping_profiles",
            ShippingProfile,
            limit=limit,
            filters={"type": type},
        )


class StockLocationResource(Resource):
    async def list(self, *, name: str | None = None, limit: int | None = None) -> Page[StockLocation]:
        """``GET /admin/stock-locations``."""
        return await list_page(
            self._client,
            "/admin/stock-locations",
            "stock_locations",
            StockLocation,
            limit=limit,
            filters={"name": name},
        )
