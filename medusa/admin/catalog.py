"""``/admin/product-categories`` and ``/admin/collections`` (look-ups by handle)."""

from __future__ import annotations

from collections.abc import Sequence

from .._resource import Resource
from ..models import Category, Collection, Page
from ._list import Fields, list_page

Handles = str | Sequence[str] | None


class ProductCategoryResource(Resource):
    async def list(
        self,
        *,
        handle: Handles = None,
        q: str | None = None,
        limit: int | None = None,
        offset: int | None = None,
        order: str | None = None,
        fields: Fields = None,
    ) -> Page[Category]:
        """``GET /admin/product-categories`` (inactive and internal ones included)."""
        return await list_page(
            self._client,
            "/admin/product-categories",
            "product_categories",
            Category,
            limit=limit,
            offset=offset,
            order=order,
            fields=fields,
            filters={"handle": handle, "q": q},
        )


class ProductCollectionResource(Resource):
    async def list(
        self,
        *,
        handle: Handles = None,
        q: str | None = None,
        limit: int | None = None,
        offset: int | None = None,
        order: str | None = None,
        fields: Fields = None,
    ) -> Page[Collection]:
        """``GET /admin/collections`` (JS SDK ``admin.productCollection.list``)."""
        return await list_page(
            self._client,
            "/admin/collections",
            "collections",
            Collection,
            limit=limit,
            offset=offset,
            order=order,
            fields=fields,
            filters={"handle": handle, "q": q},
        )
