"""Typed views of a shopper's account (Store API)."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field, field_validator

from .cart_models import Address
from .models import MedusaModel, _none_to_list

__all__ = ["Customer", "CustomerAddress"]


class CustomerAddress(Address):
    address_name: str | None = None
    is_default_shipping: bool | None = None
    is_default_billing: bool | None = None


class Customer(MedusaModel):
    id: str
    email: str
    first_name: str | None = None
    last_name: str | None = None
    phone: str | None = None
    has_account: bool | None = None
    created_at: datetime | None = None
    addresses: list[CustomerAddress] = Field(default_factory=list)

    _lists = field_validator("addresses", mode="before")(_none_to_list)
