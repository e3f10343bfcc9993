"""Checkout steps over Medusa: contact and addresses, shipping, payment, completion.

Placing an order is safe to repeat: Medusa answers a second completion of the same cart with
the order it already made, and one process never completes the same cart twice at once.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from catalog.source import medusa
from medusa import Cart, MedusaError, Order, ShippingOption
from translations import N_

from . import notifications


class CheckoutError(MedusaError):
    """Medusa kept the cart instead of making an order (payment not authorized, stock gone…)."""


@dataclass(frozen=True)
class PaymentMethod:
    provider_id: str
    label: str  # gettext msgid
    description: str  # gettext msgid


# Payment providers the storefront can present. A card provider (e.g. Stripe) adds an entry here
# and its own step component; the manual provider needs nothing from the shopper.
PAYMENT_METHODS: dict[str, PaymentMethod] = {
    "pp_system_default": PaymentMethod(
        "pp_system_default",
        N_("Pay on delivery"),
        N_("Pay by card or Interac when your order arrives. No payment details are needed now."),
    ),
}

_completing: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)


async def save_contact(
    cart_id: str, *, email: str, shipping: Mapping[str, str], billing: Mapping[str, str] | None = None
) -> Cart:
    """Email and addresses in one update; billing defaults to the shipping address."""
    return await medusa().store.cart.update(
        cart_id, email=email.strip(), shipping_address=shipping, billing_address=billing or shipping
    )


async def shipping_options(cart_id: str) -> list[ShippingOption]:
    options = await medusa().store.fulfillment.list_cart_options(cart_id=cart_id)
    return sorted(options, key=lambda o: (o.amount is None, o.amount))


async def choose_shipping(cart_id: str, option_id: str) -> Cart:
    return await medusa().store.cart.add_shipping_method(cart_id, option_id=option_id)


async def payment_methods(region_id: str) -> list[PaymentMethod]:
    """The region's enabled providers that the storefront knows how to present."""
    providers = await medusa().store.payment.list_payment_providers(region_id=region_id)
    enabled = {p.id for p in providers.items if p.is_enabled is not False}
    return [method for pid, method in PAYMENT_METHODS.items() if pid in enabled]


async def place_order(cart_id: str, provider_id: str, lang: str = "en") -> Order:
    async with _completing[cart_id]:
        client = medusa()
        cart = await client.store.cart.retrieve(cart_id)
        new = cart.completed_at is None
        if new:
            session = next(
                (
                    s
                    for s in (cart.payment_collection.payment_sessions if cart.payment_collection else [])
                    if s.provider_id == provider_id and s.amount == cart.total
                ),
                None,
            )
            if session is None:
                await client.store.payment.initiate_payment_session(cart, provider_id=provider_id)
        completion = await client.store.cart.complete(cart_id)
    if completion.order is None:
        raise CheckoutError(completion.error_message or "Medusa did not make an order")
    if new:  # a repeated "Place order" returns the same order and sends no second mail
        notifications.order_placed_later(completion.order.id, lang)
    return completion.order


async def order(order_id: str) -> Order:
    return await medusa().store.order.retrieve(order_id)


async def completed_order(cart_id: str) -> Order | None:
    """The order a cart already became (a reload during completion), or None if it is still open."""
    cart = await medusa().store.cart.retrieve(cart_id)
    if cart.completed_at is None:
        return None
    completion = await medusa().store.cart.complete(cart_id)
    return completion.order
