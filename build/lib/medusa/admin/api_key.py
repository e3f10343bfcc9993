"""``/admin/api-keys`` (publishable keys for the storefront, secret keys for integrations)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from .._resource import Resource, check_paging, join_fields, parse_model, parse_page, path_id
from ..models import ApiKey, Page


class ApiKeyResource(Resource):
    async def list(
        self,
        *,
        type: Literal["publishable", "secret"] | None = None,
        q: str | None = None,
        limit: int | None = None,
        offset: int | None = None,
        order: str | None = None,
        fields: str | Sequence[str] | None = None,
    ) -> Page[ApiKey]:
        """``GET /admin/api-keys`` (needs an admin token). Revoked keys are included; filter on
        ``ApiKey.is_revoked``."""
        check_paging(limit, offset)
        data = await self._client._request(
            "GET",
            "/admin/api-keys",
            auth="admin",
            params={
                "type": type,
                "q": q,
                "limit": limit,
                "offset": offset,
                "order": order,
                "fields": join_fields(fields),
            },
        )
        return parse_page(ApiKey, data, "api_keys")

    async def retrieve(self, id: str) -> ApiKey:
        """``GET /admin/api-keys/{id}``."""
        data = await self._client._request(
            "GET", f"/admin/api-keys/{path_id(id, 'api key id')}", auth="admin"
        )
        return parse_model(ApiKey, data, "api_key")
