"""Medusa's refusals as messages in the shopper's language (never Medusa's English text)."""

from __future__ import annotations

from medusa import MedusaAPIError, MedusaError, MedusaUnavailableError, NotFoundError
from translations import gettext


def cart_error(exc: MedusaError, lang: str) -> str:
    t = gettext(lang)
    if isinstance(exc, MedusaUnavailableError):
        return t("The store is temporarily unavailable. Your cart is saved; please try again in a moment.")
    if isinstance(exc, NotFoundError):
        return t("This item is no longer available.")
    if isinstance(exc, MedusaAPIError):
        if exc.code == "insufficient_inventory":
            return t("Sorry, we do not have that many in stock. Try a smaller quantity.")
        if exc.type == "invalid_data" and "promotion code" in str(exc).lower():
            return t("This code is not valid. Check the spelling, or it may have expired.")
    return t("Something went wrong. Please try again.")


def promo_not_applied(lang: str) -> str:
    t = gettext(lang)
    return t(
        "This code can no longer be used (it has reached its limit) or does not apply to the items in your cart."
    )
