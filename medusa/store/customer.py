"""Shopper accounts: ``/auth/customer/emailpass/*`` and ``/store/customers/me*``.

Tokens are returned, never stored: the caller keeps the customer's token server-side and passes
it back with each call.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._resource import Resource, parse_model, path_id
from ..cart_models import Address
from ..customer_models import Customer
from ..errors import InvalidResponseError

CUSTOMER_FIELDS = "*addresses"


def _token(data: Any) -> str:
    if isinstance(data, dict) and isinstance(data.get("token"), str) and data["token"]:
        return data["token"]
    raise InvalidResponseError("Medusa's answer has no token", body=data)


class CustomerAuthResource(Resource):
    """``medusa.store.auth`` (``sdk.auth`` for the ``customer`` actor in Medusa's JS SDK)."""

    async def register(self, email: str, password: str) -> str:
        """A registration token for ``customer.create``; an email already registered raises
        AuthenticationError ("Identity with email already exists")."""
        data = await self._client._request(
            "POST",
            "/auth/customer/emailpass/register",
            auth="none",
            json={"email": email, "password": password},
        )
        return _token(data)

    async def login(self, email: str, password: str) -> str:
        """The customer's token; bad credentials raise AuthenticationError."""
        data = await self._client._request(
            "POST", "/auth/customer/emailpass", auth="none", json={"email": email, "password": password}
        )
        return _token(data)

    async def refresh(self, token: str) -> str:
        data = await self._client._request("POST", "/auth/token/refresh", auth="none", bearer=token)
        return _token(data)

    async def reset_password(self, email: str, *, metadata: Mapping[str, Any] | None = None) -> None:
        """Ask Medusa for a reset token (valid 15 minutes). Medusa emits ``auth.password_reset`` with
        the email, the token and ``metadata`` (we send the shopper's language), and answers the
        same whether or not the email is registered."""
        await self._client._request(
            "POST",
            "/auth/customer/emailpass/reset-password",
            auth="none",
            json={"identifier": email, "metadata": dict(metadata or {})},
            expect_json=False,
        )

    async def update_password(self, reset_token: str, *, password: str) -> None:
        """Set a new password with the token from the reset link; a used or expired token raises
        AuthenticationError."""
        data = await self._client._request(
            "POST",
            "/auth/customer/emailpass/update",
            auth="none",
            bearer=reset_token,
            json={"password": password},
        )
        if isinstance(data, dict) and data.get("success") is False:
            raise InvalidResponseError("Medusa did not update the password", body=data)


class CustomerResource(Resource):
    """``medusa.store.customer``."""

    async def create(
        self,
        registration_token: str,
        *,
        email: str,
        first_name: str = "",
        last_name: str = "",
        phone: str = "",
    ) -> Customer:
        body = {
            "email": email,
            "first_name": first_name or None,
            "last_name": last_name or None,
            "phone": phone or None,
        }
        data = await self._client._request(
            "POST",
            "/store/customers",
            auth="store",
            bearer=registration_token,
            json={k: v for k, v in body.items() if v is not None},
        )
        return parse_model(Customer, data, "customer")

    async def retrieve(self, token: str) -> Customer:
        data = await self._client._request(
            "GET", "/store/customers/me", auth="store", bearer=token, params={"fields": CUSTOMER_FIELDS}
        )
        return parse_model(Customer, data, "customer")

    async def update(self, token: str, **fields: str | None) -> Customer:
        data = await self._client._request(
            "POST",
            "/store/customers/me",
            auth="store",
            bearer=token,
            params={"fields": CUSTOMER_FIELDS},
            json={k: v for k, v in fields.items() if v is not None},
        )
        return parse_model(Customer, data, "customer")

    async def create_address(self, token: str, address: Address | Mapping[str, Any]) -> Customer:
        return await self._address("POST", "/store/customers/me/addresses", token, address)

    async def update_address(
        self, token: str, address_id: str, address: Address | Mapping[str, Any]
    ) -> Customer:
        path = f"/store/customers/me/addresses/{path_id(address_id, 'address id')}"
        return await self._address("POST", path, token, address)

    async def delete_address(self, token: str, address_id: str) -> Customer:
        path = f"/store/customers/me/addresses/{path_id(address_id, 'address id')}"
        data = await self._client._request(
            "DELETE", path, auth="store", bearer=token, params={"fields": CUSTOMER_FIELDS}
        )
        return parse_model(Customer, data, "parent")

    async def _address(
        self, method: str, path: str, token: str, address: Address | Mapping[str, Any]
    ) -> Customer:
        body = address.as_payload() if isinstance(address, Address) else dict(address)
        data = await self._client._request(
            method, path, auth="store", bearer=token, params={"fields": CUSTOMER_FIELDS}, json=body
        )
        return parse_model(Customer, data, "customer")
