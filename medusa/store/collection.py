"""``/store/collections``."""

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
from ..models import Collection, Page


class CollectionResource(Resource):
    async def list(
        self,
        *,
        locale: str | None = None,
        limit: int | None = None,
        offset: int | None = None,
        order: str | None = None,
        q: str | None = None,
        handle: str | Sequence[str] | None = None,
        title: str | Sequence[str] | None = None,
        fields: str | Sequence[str] | None = None,
        extra_query: Mapping[str, QueryValue] | None = None,
    ) -> Page[Collection]:
        """``GET /store/collections`` (Medusa's default limit here is 10, order -created_at)."""
        check_paging(limit, offset)
        params: dict[str, QueryValue] = {
            "locale": locale,
            "limit": limit,
            "offset": offset,
            "order": order,
            "q": q,
            "handle": handle if handle is None or isinstance(handle, str) else list(handle),
            "title": title if title is None or isinstance(title, str) else list(title),
            "fields": join_fields(fields),
        }
        params.update(extra_query or {})
        data = await self._client._request("GET", "/store/collections", auth="store", params=params)
        return parse_page(Collection, data, "collections")

    async def retrieve(
        self,
        id: str,
        *,
        locale: str | None = None,
        fields: str | Sequence[str] | None = None,
    ) -> Collection:
        """``GET /store/collections/{id}``; raises NotFoundError."""
        data = await self._client._request(
            "GET",
            f"/store/collections/{path_id(id, 'collection id')}",
            auth="store",
            params={"locale": locale, "fields": join_fields(fields)},
        )
        return parse_model(Collection, data, "collection")

    async def retrieve_by_handle(
        self,
        handle: str,
        *,
        locale: str | None = None,
        fields: str | Sequence[str] | None = None,
    ) -> Collection:
        """The collection with this handle; raises NotFoundError if none."""
        check_handle(handle)
        page = await self.list(handle=handle, locale=locale, fields=fields, limit=1)
        return only_item(page, "Collection", handle)
