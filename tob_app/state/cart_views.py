"""View models for the cart, checkout and order pages, built by pure functions.

Amounts are formatted here (Babel, per language); Medusa's totals may carry fractions of a cent
and are rounded only for display.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from medusa import Address, Cart, LineItem, Order, ShippingOption
from shop.addresses import COUNTRY_NAMES, PROVINCES
from shop.checkout import PaymentMethod
from translations import N_, format_money, gettext

# Medusa cannot translate shipping options; these are the demo store's, so they read in French
# too. Other names and descriptions show as staff wrote them.
SHIPPING_TEXTS = (
    N_("Standard shipping"),
    N_("Express shipping"),
    N_("Delivered in 3–7 business days."),
    N_("Delivered in 1–2 business days."),
)


@dataclasses.dataclass
class LineView:
    id: str = ""
    title: str = ""
    variant_title: str = ""
    handle: str = ""
    thumbnail: str = ""
    quantity: int = 1
    unit_price: str = ""
    subtotal: str = ""


@dataclasses.dataclass
class TotalsView:
    subtotal: str = ""
    discount: str = ""
    shipping: str = ""
    tax: str = ""
    total: str = ""


@dataclasses.dataclass
class CartView:
    id: str = ""
    count: int = 0
    lines: list[LineView] = dataclasses.field(default_factory=list)
    totals: TotalsView = dataclasses.field(default_factory=TotalsView)
    promo_codes: list[str] = dataclasses.field(default_factory=list)
    email: str = ""
    # The language the lines and totals are written in: right after a page load in the other
    # language, the state still holds the previous page's view until the cart is read again.
    lang: str = ""


@dataclasses.dataclass
class Choice:
    value: str = ""
    label: str = ""
    detail: str = ""


@dataclasses.dataclass
class OrderView:
    id: str = ""
    number: str = ""
    email: str = ""
    lines: list[LineView] = dataclasses.field(default_factory=list)
    totals: TotalsView = dataclasses.field(default_factory=TotalsView)
    shipping_address: list[str] = dataclasses.field(default_factory=list)
    billing_address: list[str] = dataclasses.field(default_factory=list)
    shipping_method: str = ""


def _money(amount: Decimal | None, currency: str, lang: str) -> str:
    return format_money(amount if amount is not None else Decimal(0), currency, lang)


def line_view(item: LineItem, currency: str, lang: str) -> LineView:
    subtotal = item.subtotal if item.subtotal is not None else item.unit_price * item.quantity
    return LineView(
        id=item.id,
        title=item.product_title or item.title,
        variant_title=item.variant_title or "",
        handle=item.product_handle or "",
        thumbnail=item.thumbnail or "",
        quantity=item.quantity,
        unit_price=_money(item.unit_price, currency, lang),
        subtotal=_money(subtotal, currency, lang),
    )


def totals_view(source: Cart | Order, lang: str) -> TotalsView:
    c = source.currency_code
    shipping = source.shipping_subtotal if source.shipping_methods else None
    return TotalsView(
        subtotal=_money(source.item_subtotal, c, lang),
        # Pre-tax like the other rows; the taxes row is already net of the discount.
        discount=_money(source.discount_subtotal, c, lang) if source.discount_subtotal > 0 else "",
        shipping=_money(shipping, c, lang) if shipping is not None else "",
        tax=_money(source.tax_total, c, lang),
        total=_money(source.total, c, lang),
    )


def cart_view(cart: Cart | None, lang: str) -> CartView:
    if cart is None:
        return CartView()
    return CartView(
        id=cart.id,
        count=cart.item_count,
        lines=[line_view(item, cart.currency_code, lang) for item in cart.items],
        totals=totals_view(cart, lang),
        promo_codes=cart.promo_codes,
        email=cart.email or "",
        lang=lang,
    )


def address_lines(address: Address | None, lang: str) -> list[str]:
    """An address as printed on an envelope, with the province and country spelled out."""
    if address is None:
        return []
    country = (address.country_code or "").lower()
    province = next(
        (
            row[2 if lang == "fr" else 1]
            for row in PROVINCES.get(country, ())
            if row[0] == (address.province or "").lower()
        ),
        (address.province or "").upper(),
    )
    names = COUNTRY_NAMES.get(country)
    # Canadian usage: "Montréal, Quebec H2X 1Y4" in English, "Montréal (Québec) H2X 1Y4" in French.
    if province and lang == "fr":
        place = f"{address.city or ''} ({province})".strip()
    else:
        place = ", ".join(p for p in (address.city, province) if p)
    lines = [
        " ".join(p for p in (address.first_name, address.last_name) if p),
        address.company or "",
        address.address_1 or "",
        address.address_2 or "",
        " ".join(p for p in (place, address.postal_code) if p),
        (names[1] if lang == "fr" else names[0]) if names else country.upper(),
        address.phone or "",
    ]
    return [line for line in lines if line]


def order_view(order: Order, lang: str) -> OrderView:
    t = gettext(lang)
    return OrderView(
        id=order.id,
        number=str(order.display_id or ""),
        email=order.email or "",
        lines=[line_view(item, order.currency_code, lang) for item in order.items],
        totals=totals_view(order, lang),
        shipping_address=address_lines(order.shipping_address, lang),
        billing_address=address_lines(order.billing_address, lang),
        shipping_method=", ".join(t(m.name) for m in order.shipping_methods),
    )


def shipping_choice(option: ShippingOption, currency: str, lang: str) -> Choice:
    t = gettext(lang)
    price = t("Free") if option.amount == 0 else _money(option.amount, currency, lang)
    detail = option.type.description if option.type and option.type.description else ""
    return Choice(value=option.id, label=f"{t(option.name)} — {price}", detail=t(detail) if detail else "")


def payment_choice(method: PaymentMethod, lang: str) -> Choice:
    t = gettext(lang)
    return Choice(value=method.provider_id, label=t(method.label), detail=t(method.description))
