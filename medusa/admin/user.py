"""``/admin/users/me``: the signed-in staff user (the admin page's session check)."""

from __future__ import annotations

from .._resource import Resource, parse_model
from ..models import MedusaModel


class User(MedusaModel):
    id: str
    email: str
    first_name: str | None = None
    last_name: str | None = None


class UserResource(Resource):
    async def me(self) -> User:
        """``GET /admin/users/me``; raises AuthenticationError for a bad or expired token."""
        data = await self._client._request(
            "GET", "/admin/users/me", auth="admin", params={"fields": "id,email,first_name,last_name"}
        )
        return parse_model(User, data, "user")
