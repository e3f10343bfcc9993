"""Shopper accounts over Medusa: register, sign in and out, profile, address book, orders.

Functions take the browser's session id; the Medusa token is looked up server-side (sessions.py).
"""

from __future__ import annotations

from collections.abc import Mapping

from catalog.source import medusa
from medusa import AuthenticationError, Cart, Customer, Order, Page

from . import sessions


class NotSignedIn(Exception):
    """The session is unknown, signed out or expired."""


async def _token(session_id: str) -> str:
    token = await sessions.token(session_id)
    if token is None:
        raise NotSignedIn
    return token


async def register(email: str, password: str, *, first_name: str, last_name: str) -> tuple[str, Customer]:
    """Create the account and sign it in; returns (session id, customer).

    An email already registered raises AuthenticationError (Medusa: "Identity with email already exists").
    """
    client = medusa()
    registration = await client.store.auth.register(email, password)
    await client.store.customer.create(registration, email=email, first_name=first_name, last_name=last_name)
    return await sign_in(email, password)


async def sign_in(email: str, password: str) -> tuple[str, Customer]:
    """Bad credentials raise AuthenticationError."""
    client = medusa()
    token = await client.store.auth.login(email, password)
    customer = await client.store.customer.retrieve(token)
    return await sessions.create(customer.id, token), customer


async def sign_out(session_id: str) -> None:
    await sessions.end(session_id)


async def customer(session_id: str) -> Customer:
    try:
        return await medusa().store.customer.retrieve(await _token(session_id))
    except AuthenticationError as exc:  # Medusa no longer accepts the token
        await sessions.end(session_id)
        raise NotSignedIn from exc


async def attach_cart(session_id: str, cart_id: str) -> Cart:
    """Signing in makes the shopper's current cart theirs (and their checkout prefilled)."""
    return await medusa().store.cart.transfer_cart(cart_id, customer_token=await _token(session_id))


async def update_profile(session_id: str, *, first_name: str, last_name: str, phone: str) -> Customer:
    return await medusa().store.customer.update(
        await _token(session_id), first_name=first_name, last_name=last_name, phone=phone
    )


async def save_address(session_id: str, address: Mapping[str, str], address_id: str = "") -> Customer:
    token = await _token(session_id)
    if address_id:
        return await medusa().store.customer.update_address(token, address_id, address)
    return await medusa().store.customer.create_address(token, address)


async def delete_address(session_id: str, address_id: str) -> Customer:
    return await medusa().store.customer.delete_address(await _token(session_id), address_id)


async def orders(session_id: str, *, limit: int = 20, offset: int = 0) -> Page[Order]:
    return await medusa().store.order.list(
        customer_token=await _token(session_id), limit=limit, offset=offset
    )


async def order(session_id: str, order_id: str) -> Order:
    return await medusa().store.order.retrieve(order_id, customer_token=await _token(session_id))


async def request_password_reset(email: str, lang: str) -> None:
    """Medusa makes a 15-minute token and emits `auth.password_reset` with our `lang`; the
    notifications handler mails the link. The answer never says whether the email has an account."""
    await medusa().store.auth.reset_password(email.strip(), metadata={"lang": lang})


async def reset_password(email: str, token: str, password: str) -> tuple[str, Customer]:
    """Set the new password with the link's token, then sign in. A used or expired token raises
    AuthenticationError."""
    await medusa().store.auth.update_password(token, password=password)
    return await sign_in(email, password)
