"""One helper for the Admin API's list endpoints (same paging and ``fields`` rules everywhere)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

from .._http import QueryValue
from .._resource import check_paging, join_fields, parse_page
from ..models import Page

if TYPE_CHECKING:
    from ..client import Medusa

M = TypeVar("M", bound=BaseModel)

Fields = str | Sequence[str] | None


async def list_page(
    client: Medusa,
    path: str,
    key: str,
    model: type[M],
    *,
    limit: int | None = None,
    offset: int | None = None,
    order: str | None = None,
    fields: Fields = None,
    filters: Mapping[str, QueryValue] | None = None,
) -> Page[M]:
    """``GET path`` with filters (lists go as ``key[]=…``); ``None`` filters are not sent."""
    check_paging(limit, offset)
    params: dict[str, QueryValue] = dict(filters or {})
    params.update({"limit": limit, "offset": offset, "order": order, "fields": join_fields(fields)})
    data = await client._request("GET", path, auth="admin", params=params)
    return parse_page(model, data, key)


async def iterate(
    client: Medusa,
    path: str,
    key: str,
    model: type[M],
    *,
    page_size: int = 200,
    fields: Fields = None,
    filters: Mapping[str, QueryValue] | None = None,
) -> AsyncIterator[M]:
    """Every item, page by page, ordered by ``id`` (bulk-created rows share timestamps, so a
    ``created_at`` order lets pages overlap)."""
    offset = 0
    while True:
        page = await list_page(
            client,
            path,
            key,
            model,
            limit=page_size,
            offset=offset,
            order="id",
            fields=fields,
            filters=filters,
        )
        for item in page.items:
            yield item
        if page.next_offset is None:
            return
        offset = page.next_offset


def batch_body(
    create: Sequence[Any] | None, update: Sequence[Any] | None, delete: Sequence[Any] | None
) -> dict:
    return {"create": list(create or []), "update": list(update or []), "delete": list(delete or [])}
