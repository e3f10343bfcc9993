"""Listing URL parameters ⇄ a validated `ListingParams` (pure; unit-tested).

`?q=…&sort=price_asc&category=audio&collection=x&condition=good,fair&min=100&max=500&stock=1&page=2`

Bad values never fail the page: each is dropped and reported in `errors` (the page says what it
ignored), the rest of the query still applies. URLs are built back in one canonical order with
defaults left out, so equal listings share one URL.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

SORTS = ("newest", "price_asc", "price_desc", "title")
RELEVANCE = "relevance"  # the default, and only allowed, with a search query
MAX_QUERY_LENGTH = 200
MAX_PAGE = 10_000
MAX_PRICE = Decimal("100000000")
_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$")


@dataclass(frozen=True)
class ParamError:
    """One ignored parameter: its name and the value as given (shown to the shopper)."""

    name: str
    value: str


@dataclass(frozen=True)
class ListingParams:
    q: str = ""
    sort: str = ""  # "" = the default: relevance when searching, else newest
    category: str = ""  # handle
    collection: str = ""  # handle
    conditions: tuple[str, ...] = ()  # grade keys, sorted
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    in_stock: bool = False
    page: int = 1
    errors: tuple[ParamError, ...] = field(default=(), compare=False)

    @property
    def effective_sort(self) -> str:
        if self.sort:
            return self.sort
        return RELEVANCE if self.q else "newest"

    @property
    def filtered(self) -> bool:
        """Any filter or search the shopper can clear (the path's own category does not count)."""
        return bool(
            self.q
            or self.category
            or self.collection
            or self.conditions
            or self.min_price is not None
            or self.max_price is not None
            or self.in_stock
        )


def _one(query: Mapping[str, str | list[str]], name: str) -> str:
    value = query.get(name, "")
    if isinstance(value, list):
        value = value[-1] if value else ""
    return value.strip()


def _many(query: Mapping[str, str | list[str]], name: str) -> list[str]:
    value = query.get(name, "")
    values = value if isinstance(value, list) else [value]
    return [part.strip() for v in values for part in v.split(",") if part.strip()]


def _price(raw: str, name: str, errors: list[ParamError]) -> Decimal | None:
    if not raw:
        return None
    try:
        value = Decimal(raw.replace(",", ".").replace(" ", "").replace("\u00a0", "").lstrip("$"))
    except InvalidOperation:
        errors.append(ParamError(name, raw))
        return None
    if not value.is_finite() or value < 0 or value > MAX_PRICE:
        errors.append(ParamError(name, raw))
        return None
    return value


def parse(query: Mapping[str, str | list[str]]) -> ListingParams:
    errors: list[ParamError] = []
    q = " ".join(_one(query, "q").split())[:MAX_QUERY_LENGTH]
    sort = _one(query, "sort")
    if sort and sort not in SORTS and not (sort == RELEVANCE and q):
        errors.append(ParamError("sort", sort))
        sort = ""
    handles = {}
    for name in ("category", "collection"):
        value = _one(query, name).lower()
        if value and not _KEY.match(value):
            errors.append(ParamError(name, value))
            value = ""
        handles[name] = value
    conditions: set[str] = set()
    for value in _many(query, "condition"):
        if _KEY.match(value.lower()):
            conditions.add(value.lower())
        else:
            errors.append(ParamError("condition", value))
    min_price = _price(_one(query, "min"), "min", errors)
    max_price = _price(_one(query, "max"), "max", errors)
    if min_price is not None and max_price is not None and min_price > max_price:
        min_price, max_price = max_price, min_price  # what the shopper meant
    stock = _one(query, "stock").lower()
    if stock not in ("", "0", "1", "true", "false", "on"):
        errors.append(ParamError("stock", stock))
    page_raw = _one(query, "page")
    page = 1
    if page_raw:
        try:
            page = int(page_raw)
            if not 1 <= page <= MAX_PAGE:
                raise ValueError
        except ValueError:
            errors.append(ParamError("page", page_raw))
            page = 1
    return ListingParams(
        q=q,
        sort=sort,
        category=handles["category"],
        collection=handles["collection"],
        conditions=tuple(sorted(conditions)),
        min_price=min_price,
        max_price=max_price,
        in_stock=stock in ("1", "true", "on"),
        page=page,
        errors=tuple(errors),
    )


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def to_query(params: ListingParams) -> dict[str, str]:
    """The non-default parameters, in canonical order."""
    out: dict[str, str] = {}
    if params.q:
        out["q"] = params.q
    if params.sort:
        out["sort"] = params.sort
    if params.category:
        out["category"] = params.category
    if params.collection:
        out["collection"] = params.collection
    if params.conditions:
        out["condition"] = ",".join(params.conditions)
    if params.min_price is not None:
        out["min"] = _plain(params.min_price)
    if params.max_price is not None:
        out["max"] = _plain(params.max_price)
    if params.in_stock:
        out["stock"] = "1"
    if params.page > 1:
        out["page"] = str(params.page)
    return out


def url(base_path: str, params: ListingParams) -> str:
    query = to_query(params)
    return f"{base_path}?{urlencode(query)}" if query else base_path


def with_page(params: ListingParams, page: int) -> ListingParams:
    return replace(params, page=page)


def toggled_condition(params: ListingParams, key: str) -> ListingParams:
    keys = set(params.conditions) ^ {key}
    return replace(params, conditions=tuple(sorted(keys)), page=1)


def with_category(params: ListingParams, handle: str) -> ListingParams:
    return replace(params, category="" if params.category == handle else handle, page=1)


def with_collection(params: ListingParams, handle: str) -> ListingParams:
    return replace(params, collection="" if params.collection == handle else handle, page=1)


def toggled_stock(params: ListingParams) -> ListingParams:
    return replace(params, in_stock=not params.in_stock, page=1)


def without_price(params: ListingParams) -> ListingParams:
    return replace(params, min_price=None, max_price=None, page=1)


def cleared(params: ListingParams) -> ListingParams:
    """No filters; the search words and the sort stay (the shopper cleared filters, not the search)."""
    return ListingParams(q=params.q, sort=params.sort)
