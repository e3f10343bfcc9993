"""``/admin/notifications``: the feed where Medusa reports background work (imports, exports)."""

from __future__ import annotations

from .._resource import Resource
from ..models import Page
from ._list import Fields, list_page
from .models import Notification


class NotificationResource(Resource):
    async def list(
        self,
        *,
        limit: int | None = None,
        offset: int | None = None,
        order: str | None = "-created_at",
        fields: Fields = None,
    ) -> Page[Notification]:
        """``GET /admin/notifications``, newest first by default."""
        return await list_page(
            self._client,
            "/admin/notifications",
            "notifications",
            Notification,
            limit=limit,
            offset=offset,
            order=order,
            fields=fields,
        )
