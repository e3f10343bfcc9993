"""Staff authentication: ``POST /auth/user/emailpass``."""

from __future__ import annotations

from .._resource import Resource
from ..errors import AuthenticationError, InvalidResponseError


class AuthResource(Resource):
    async def login(self, email: str, password: str) -> str:
        """Log a staff user in and return the JWT for ``Authorization: Bearer``.

        The token is returned, not stored: pass it to ``medusa.with_admin_token(token)``. Never
        retried (a login is not idempotent-safe). Bad credentials raise AuthenticationError.
        """
        data = await self._client._request(
            "POST",
            "/auth/user/emailpass",
            auth="none",
            json={"email": email, "password": password},
            idempotent=False,
        )
        if isinstance(data, dict) and isinstance(data.get("token"), str) and data["token"]:
            return data["token"]
        if isinstance(data, dict) and data.get("location"):
            raise AuthenticationError(
                "this auth provider wants a redirect, not email/password",
                status=200,
                type="unauthorized",
                body=data,
            )
        raise InvalidResponseError("Medusa's login answer has no token", body=data)
