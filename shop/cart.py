"""Cart operations. Medusa owns the cart; we keep only its id (in the shopper's cookie).

Every function takes the remembered cart id (maybe empty or stale) and returns the live cart,
creating a new one when the old one is gone or already turned into an order.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalog.source import medusa
from medusa import Cart, MedusaAPIError, NotFoundError


async def current(cart_id: str) -> Cart | None:
    """The open cart behind `cart_id`, or None (no id, unknown id, or already completed)."""
    if not cart_id:
        return None
    try:
        cart = await medusa().store.cart.retrieve(cart_id)
    except NotFoundError:
        return None
    return None if cart.completed_at else cart


async def for_shopper(cart_id: str, *, region_id: str, locale: str) -> Cart:
    """The shopper's open cart in their region and language, created when needed."""
    cart = await current(cart_id)
    if cart is None:
        return await medusa().store.cart.create(region_id=region_id, locale=locale)
    if cart.region_id != region_id or cart.locale != locale:
        # Medusa re-prices the lines for the new region and re-translates them for the locale.
        return await medusa().store.cart.update(cart.id, region_id=region_id, locale=locale)
    return cart


async def add(cart_id: str, *, region_id: str, locale: str, variant_id: str, quantity: int) -> Cart:
    """One Medusa call in the usual cases: add to the remembered cart (its region and language are
    kept in step on every page load), or create the cart with the line in it."""
    client = medusa()
    if cart_id:
        try:
            return await client.store.cart.create_line_item(cart_id, variant_id=variant_id, quantity=quantity)
        except NotFoundError:
            pass  # the cart is gone: start a new one
        except MedusaAPIError as exc:
            # Refused for the line itself (stock…), or because the cart became an order?
            if exc.code == "insufficient_inventory" or await current(cart_id) is not None:
                raise
    return await client.store.cart.create(
        region_id=region_id, locale=locale, items=[{"variant_id": variant_id, "quantity": quantity}]
    )


async def set_quantity(cart_id: str, line_id: str, quantity: int) -> Cart:
    if quantity < 1:
        return await medusa().store.cart.delete_line_item(cart_id, line_id)
    return await medusa().store.cart.update_line_item(cart_id, line_id, quantity=quantity)


async def remove(cart_id: str, line_id: str) -> Cart:
    return await medusa().store.cart.delete_line_item(cart_id, line_id)


@dataclass(frozen=True)
class PromoResult:
    cart: Cart
    applied: bool  # False: Medusa accepted the code but gave no discount (used up, not applicable)


async def apply_promo(cart: Cart, code: str) -> PromoResult:
    """Add a code to the cart's codes. Unknown or expired codes raise ValidationError."""
    code = code.strip()
    codes = [*cart.promo_codes, code]
    updated = await medusa().store.cart.update(cart.id, promo_codes=codes)
    return PromoResult(updated, promo_applied(updated, code))


async def remove_promo(cart: Cart, code: str) -> Cart:
    return await medusa().store.cart.update(cart.id, promo_codes=[c for c in cart.promo_codes if c != code])


def promo_applied(cart: Cart, code: str) -> bool:
    """Medusa drops a code past its usage limit silently (HTTP 200, no discount): the code is
    applied only if the cart lists it afterwards."""
    wanted = code.strip().casefold()
    return any(c.casefold() == wanted for c in cart.promo_codes)
