"""``/store/product-categories`` (JS SDK: ``sdk.store.category``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .._http import QueryValue
from .._resource import (
    Resource,
    check_handle,
    check_paging,
    join_fields,
    only_item,
    parse_model,
    parse_page,
    path_id,
)
from ..models import Category, Page


class CategoryResource(Resource):
    async def list(
        self,
        *,
        locale: str | None = None,
        limit: int | None = None,
        offset: int | None = None,
        order: str | None = None,
        q: str | None = None,
        handle: str | Sequence[str] | None = None,
        id: str | Sequence[str] | None = None,
        parent_category_id: str | Sequence[str] | None = None,
        include_descendants_tree: bool | None = None,
        include_ancestors_tree: bool | None = None,
        fields: str | Sequence[str] | None = None,
        extra_query: Mapping[str, QueryValue] | None = None,
    ) -> Page[Category]:
        """``GET /store/product-categories``. Top-level categories:
        ``parent_category_id="null"`` (Medusa's spelling)."""
        check_paging(limit, offset)
        params: dict[str, QueryValue] = {
            "locale": locale,
            "limit": limit,
            "offset": offset,
            "order": order,
            "q": q,
            "handle": _one_or_many(handle),
            "id": _one_or_many(id),
            "parent_category_id": _one_or_many(parent_category_id),
            "include_descendants_tree": include_descendants_tree,
            "include_ancestors_tree": include_ancestors_tree,
            "fields": join_fields(fields),
        }
        params.update(extra_query or {})
        data = await self._client._request("GET", "/store/product-categories", auth="store", params=params)
        return parse_page(Category, data, "product_categories")

    async def retrieve(
        self,
        id: str,
        *,
        locale: str | None = None,
        include_descendants_tree: bool | None = None,
        include_ancestors_tree: bool | None = None,
        fields: str | Sequence[str] | None = None,
    ) -> Category:
        """``GET /store/product-categories/{id}``; raises NotFoundError."""
        data = await self._client._request(
            "GET",
            f"/store/product-categories/{path_id(id, 'category id')}",
            auth="store",
            params={
                "locale": locale,
                "include_descendants_tree": include_descendants_tree,
                "include_ancestors_tree": include_ancestors_tree,
                "fields": join_fields(fields),
            },
        )
        return parse_model(Category, data, "product_category")

    async def retrieve_by_handle(
        self,
        handle: str,
        *,
        locale: str | None = None,
        include_descendants_tree: bool | None = None,
        fields: str | Sequence[str] | None = None,
    ) -> Category:
        """The category with this handle; raises NotFoundError if none."""
        check_handle(handle)
        page = await self.list(
            handle=handle,
            locale=locale,
            include_descendants_tree=include_descendants_tree,
            fields=fields,
            limit=1,
        )
        return only_item(page, "Category", handle)


def _one_or_many(value: str | Sequence[str] | None) -> QueryValue:
    if value is None or isinstance(value, str):
        return value
    return list(value)
