"""``/admin/translations`` (Medusa's Translation module, feature flag ``translation``).

Medusa validates almost nothing here (any ``reference``, any ``reference_id``, any locale is
stored), so callers validate before sending.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .._resource import Resource, join_fields
from ..models import Page
from ._list import Fields, batch_body, list_page
from .models import BatchResult, Translation

Ids = str | Sequence[str] | None


class TranslationResource(Resource):
    async def list(
        self,
        *,
        reference_id: Ids = None,
        reference: Ids = None,
        locale_code: Ids = None,
        limit: int | None = None,
        offset: int | None = None,
        order: str | None = None,
        fields: Fields = None,
    ) -> Page[Translation]:
        """``GET /admin/translations``."""
        return await list_page(
            self._client,
            "/admin/translations",
            "translations",
            Translation,
            limit=limit,
            offset=offset,
            order=order,
            fields=fields,
            filters={"reference_id": reference_id, "reference": reference, "locale_code": locale_code},
        )

    async def batch(
        self,
        *,
        create: Sequence[Mapping[str, Any]] | None = None,
        update: Sequence[Mapping[str, Any]] | None = None,
        delete: Sequence[str] | None = None,
        fields: Fields = "id",
    ) -> dict[str, Any]:
        """``POST /admin/translations/batch``: ``create`` rows are ``{reference, reference_id,
        locale_code, translations: {field: text}}``, ``update`` rows ``{id, translations}``."""
        data = await self._client._request(
            "POST",
            "/admin/translations/batch",
            auth="admin",
            params={"fields": join_fields(fields)},
            json=batch_body(create, update, delete),
            idempotent=False,
        )
        return BatchResult.model_validate(data or {}).model_dump()
