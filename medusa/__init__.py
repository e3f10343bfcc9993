"""Typed async client for Medusa v2's Store and Admin APIs.

>>> from medusa import Medusa
>>> async with Medusa.from_env() as medusa:
...     regions = await medusa.store.region.list()
...     page = await medusa.store.product.list(region_id=regions.items[0].id, locale="fr-CA")

No Reflex, nothing of the app: this package only needs httpx and pydantic.
"""

from ._http import DEFAULT_LIMITS, DEFAULT_TIMEOUT, RetryPolicy
from .cart_models import (
    Address,
    Cart,
    CartCompletion,
    LineItem,
    Order,
    PaymentCollection,
    PaymentProvider,
    PaymentSession,
    Promotion,
    ShippingMethod,
    ShippingOption,
)
from .client import DEFAULT_BASE_URL, Medusa
from .customer_models import Customer, CustomerAddress
from .errors import (
    AuthenticationError,
    ConflictError,
    InvalidResponseError,
    MedusaAPIError,
    MedusaError,
    MedusaUnavailableError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    UnprocessableEntityError,
    ValidationError,
)
from .models import (
    ApiKey,
    CalculatedPrice,
    Category,
    Collection,
    Country,
    Image,
    OptionValue,
    Page,
    Product,
    ProductOption,
    ProductTag,
    Region,
    Variant,
    VariantOption,
)
from .money import Money
from .store.product import DEFAULT_PRODUCT_FIELDS, SORTABLE_PRODUCT_FIELDS

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_LIMITS",
    "DEFAULT_PRODUCT_FIELDS",
    "DEFAULT_TIMEOUT",
    "SORTABLE_PRODUCT_FIELDS",
    "Address",
    "ApiKey",
    "AuthenticationError",
    "CalculatedPrice",
    "Cart",
    "CartCompletion",
    "Category",
    "Collection",
    "ConflictError",
    "Country",
    "Customer",
    "CustomerAddress",
    "Image",
    "InvalidResponseError",
    "LineItem",
    "Medusa",
    "MedusaAPIError",
    "MedusaError",
    "MedusaUnavailableError",
    "Money",
    "NotFoundError",
    "OptionValue",
    "Order",
    "Page",
    "PaymentCollection",
    "PaymentProvider",
    "PaymentSession",
    "PermissionDeniedError",
    "Product",
    "ProductOption",
    "ProductTag",
    "Promotion",
    "RateLimitError",
    "Region",
    "RetryPolicy",
    "ServerError",
    "ShippingMethod",
    "ShippingOption",
    "UnprocessableEntityError",
    "ValidationError",
    "Variant",
    "VariantOption",
]
