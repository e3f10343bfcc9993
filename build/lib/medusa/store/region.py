"""``/store/regions``."""

from __future__ import annotations

from collections.abc import Sequence

from .._resource import Resource, check_paging, join_fields, parse_model, parse_page, path_id
from ..models import Page, Region

DEFAULT_REGION_FIELDS = "*countries"


class RegionResource(Resource):
    async def list(
        self,
        *,
        limit: int | None = None,
        offset: int | None = None,
        currency_code: str | None = None,
        q: str | None = None,
        fields: str | Sequence[str] | None = None,
    ) -> Page[Region]:
        """``GET /store/regions`` (countries included)."""
        check_paging(limit, offset)
        data = await self._client._request(
            "GET",
            "/store/regions",
            auth="store",
            params={
                "limit": limit,
                "offset": offset,
                "currency_code": currency_code,
                "q": q,
                "fields": join_fields(fields) or DEFAULT_REGION_FIELDS,
            },
        )
        return parse_page(Region, data, "regions")

    async def retrieve(self, id: str, *, fields: str | Sequence[str] | None = None) -> Region:
        """``GET /store/regions/{id}``; raises NotFoundError."""
        data = await self._client._request(
            "GET",
            f"/store/regions/{path_id(id, 'region id')}",
            auth="store",
            params={"fields": join_fields(fields) or DEFAULT_REGION_FIELDS},
        )
        return parse_model(Region, data, "region")
