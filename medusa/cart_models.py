"""Typed views of carts, shipping options, payment collections and orders (Store API).

Totals are exact Decimals in major units, as Medusa computes them; they can carry fractions of
a cent (5 % tax on 2,299.98 is 114.999), so round only when displaying.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field, field_validator

from .models import MedusaModel, _none_to_dict, _none_to_list
from .money import ExactDecimal, Money

__all__ = [
    "Address",
    "ApplicationMethod",
    "Cart",
    "CartCompletion",
    "LineItem",
    "Order",
    "PaymentCollection",
    "PaymentProvider",
    "PaymentSession",
    "Promotion",
    "ShippingMethod",
    "ShippingOption",
    "ShippingOptionType",
]

ADDRESS_FIELDS = (
    "first_name",
    "last_name",
    "company",
    "address_1",
    "address_2",
    "city",
    "province",
    "postal_code",
    "country_code",
    "phone",
)


class Address(MedusaModel):
    id: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    company: str | None = None
    address_1: str | None = None
    address_2: str | None = None
    city: str | None = None
    province: str | None = None
    postal_code: str | None = None
    country_code: str | None = None
    phone: str | None = None

    def as_payload(self) -> dict[str, str]:
        """The fields Medusa accepts when setting an address (no id, no empty values)."""
        return {name: value for name in ADDRESS_FIELDS if (value := getattr(self, name))}

    @property
    def is_complete(self) -> bool:
        return all(
            (self.first_name, self.last_name, self.address_1, self.city, self.postal_code, self.country_code)
        )


class _Totals(MedusaModel):
    """Totals Medusa computes on carts and orders (major units, tax and discounts included)."""

    currency_code: str
    total: ExactDecimal = Decimal(0)
    subtotal: ExactDecimal = Decimal(0)
    tax_total: ExactDecimal = Decimal(0)
    discount_total: ExactDecimal = Decimal(0)  # tax on the discount included
    discount_subtotal: ExactDecimal = Decimal(0)
    shipping_total: ExactDecimal = Decimal(0)
    shipping_subtotal: ExactDecimal = Decimal(0)
    item_total: ExactDecimal = Decimal(0)
    item_subtotal: ExactDecimal = Decimal(0)
    original_total: ExactDecimal = Decimal(0)

    @field_validator("currency_code", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.lower() if isinstance(value, str) else value

    def money(self, amount: Decimal) -> Money:
        return Money(amount=amount, currency_code=self.currency_code)


class LineItem(MedusaModel):
    id: str
    title: str
    quantity: int
    unit_price: ExactDecimal
    thumbnail: str | None = None
    variant_id: str | None = None
    product_id: str | None = None
    product_title: str | None = None
    product_handle: str | None = None
    variant_title: str | None = None
    variant_sku: str | None = None
    compare_at_unit_price: ExactDecimal | None = None
    subtotal: ExactDecimal | None = None
    total: ExactDecimal | None = None
    discount_total: ExactDecimal | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)

    _dicts = field_validator("metadata", mode="before")(_none_to_dict)


class ShippingMethod(MedusaModel):
    id: str
    name: str
    amount: ExactDecimal
    shipping_option_id: str | None = None
    total: ExactDecimal | None = None


class ApplicationMethod(MedusaModel):
    type: str | None = None  # "fixed" | "percentage"
    value: ExactDecimal | None = None
    currency_code: str | None = None


class Promotion(MedusaModel):
    id: str
    code: str | None = None
    is_automatic: bool | None = None
    application_method: ApplicationMethod | None = None


class PaymentSession(MedusaModel):
    id: str
    provider_id: str
    status: str
    amount: ExactDecimal | None = None


class PaymentCollection(MedusaModel):
    id: str
    currency_code: str
    amount: ExactDecimal | None = None
    status: str | None = None
    payment_sessions: list[PaymentSession] = Field(default_factory=list)

    _lists = field_validator("payment_sessions", mode="before")(_none_to_list)


class PaymentProvider(MedusaModel):
    id: str
    is_enabled: bool | None = None


class Cart(_Totals):
    id: str
    region_id: str | None = None
    email: str | None = None
    locale: str | None = None
    customer_id: str | None = None
    completed_at: datetime | None = None
    items: list[LineItem] = Field(default_factory=list)
    shipping_methods: list[ShippingMethod] = Field(default_factory=list)
    shipping_address: Address | None = None
    billing_address: Address | None = None
    promotions: list[Promotion] = Field(default_factory=list)
    payment_collection: PaymentCollection | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)

    _lists = field_validator("items", "shipping_methods", "promotions", mode="before")(_none_to_list)
    _dicts = field_validator("metadata", mode="before")(_none_to_dict)

    @property
    def item_count(self) -> int:
        return sum(item.quantity for item in self.items)

    @property
    def promo_codes(self) -> list[str]:
        return [p.code for p in self.promotions if p.code]


class ShippingOptionType(MedusaModel):
    label: str | None = None
    description: str | None = None
    code: str | None = None


class ShippingOption(MedusaModel):
    id: str
    name: str
    amount: ExactDecimal | None = None
    price_type: str | None = None  # "flat" | "calculated"
    is_tax_inclusive: bool | None = None
    insufficient_inventory: bool = False
    type: ShippingOptionType | None = None

    @field_validator("insufficient_inventory", mode="before")
    @classmethod
    def _falsy(cls, value: Any) -> Any:
        return bool(value)


class Order(_Totals):
    id: str
    display_id: int | None = None
    status: str | None = None
    email: str | None = None
    region_id: str | None = None
    customer_id: str | None = None
    payment_status: str | None = None
    fulfillment_status: str | None = None
    created_at: datetime | None = None
    items: list[LineItem] = Field(default_factory=list)
    shipping_methods: list[ShippingMethod] = Field(default_factory=list)
    shipping_address: Address | None = None
    billing_address: Address | None = None

    _lists = field_validator("items", "shipping_methods", mode="before")(_none_to_list)


class CartCompletion(MedusaModel):
    """``POST /store/carts/{id}/complete``: an order, or the cart back with the reason it failed."""

    type: Literal["order", "cart"]
    order: Order | None = None
    cart: Cart | None = None
    error: dict[str, Any] | None = None

    @property
    def error_message(self) -> str | None:
        return str(self.error.get("message")) if self.error else None
