"""``/store/products``.

Prices come only with ``region_id`` (``variants.calculated_price``, major units). Translated
content comes with ``locale`` (e.g. ``"fr-CA"``, Medusa's Translation module; missing fields fall
back to the original field by field).

Sorting: Medusa 2.21's Store API sorts by one product field at a time — ``created_at``,
``updated_at``, ``title``, ``handle``, ``id``, ``variants.sku`` (``-`` prefix for descending);
see :data:`SORTABLE_PRODUCT_FIELDS`. It cannot sort by price (medusa#11029: price orders answer
400, and ``variants.calculated_price`` even 500), so any order naming a price or amount is
rejected here with :class:`~medusa.errors.ValidationError` before a request is sent; list by
price from the catalog read model instead. Other unknown fields are left to Medusa, which answers
400 (→ ValidationError). ``q`` and ``order=title`` ignore translations.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence

from .._http import QueryValue
from .._resource import (
    Resource,
    check_handle,
    check_paging,
    join_fields,
    parse_model,
    parse_page,
    path_id,
)
from ..errors import NotFoundError, ValidationError
from ..models import Page, Product

DEFAULT_PRODUCT_FIELDS = ",".join(
    [
        "*variants.calculated_price",
        "+variants.inventory_quantity",
        "+variants.thumbnail",
        "*variants.options",
        "*categories",
        "*collection",
        "*images",
        "*options",
        "*options.values",
        "*tags",
        "+metadata",
    ]
)
"""Additive fields (``*``/``+`` keep Medusa's defaults): prices, stock, options, categories,
collection, images, tags, metadata."""

SORTABLE_PRODUCT_FIELDS = frozenset({"created_at", "updated_at", "title", "handle", "id", "variants.sku"})
"""Order fields checked against Medusa 2.21.2 (``id`` gives stable paging)."""

_PRICE_WORDS = ("price", "amount")

IdFilter = str | Sequence[str] | None


def check_product_order(order: str | None) -> None:
    """Raise ValidationError for orders Medusa cannot serve: prices, several fields, blank."""
    if order is None:
        return
    field = order.strip()
    field = field[1:] if field.startswith("-") else field
    allowed = ", ".join(sorted(SORTABLE_PRODUCT_FIELDS))
    if any(word in field.lower() for word in _PRICE_WORDS):
        raise ValidationError(
            f"order={order!r}: Medusa's Store API cannot sort products by price "
            f"(medusa#11029); sort by price with the catalog read model (Medusa sorts by "
            f"{allowed})",
            type="invalid_data",
        )
    if not field or "," in field:
        raise ValidationError(
            f"order={order!r}: give one field, e.g. one of {allowed} ('-' for descending)",
            type="invalid_data",
        )


class ProductResource(Resource):
    async def list(
        self,
        *,
        region_id: str | None = None,
        locale: str | None = None,
        limit: int | None = None,
        offset: int | None = None,
        order: str | None = None,
        q: str | None = None,
        handle: str | None = None,
        id: IdFilter = None,
        category_id: IdFilter = None,
        collection_id: IdFilter = None,
        tag_id: IdFilter = None,
        type_id: IdFilter = None,
        fields: str | Sequence[str] | None = None,
        extra_query: Mapping[str, QueryValue] | None = None,
    ) -> Page[Product]:
        """``GET /store/products``.

        Args:
            region_id: prices are calculated for this region; without it variants have no price.
            locale: e.g. ``"fr-CA"``, sent as the ``locale`` query parameter.
            limit / offset: paging (Medusa's default limit is 50).
            order: one of :data:`SORTABLE_PRODUCT_FIELDS` (``created_at``, ``updated_at``,
                ``title``, ``handle``, ``id``, ``variants.sku``), ``-`` for descending. Price
                orders raise ValidationError before sending (Medusa can't sort by price).
            q: Medusa's search (untranslated fields only).
            handle / id: exact filters; ``id`` may be a list.
            category_id / collection_id / tag_id / type_id: one id or a list (any of);
                sent as ``category_id[]=a&category_id[]=b``.
            fields: replaces :data:`DEFAULT_PRODUCT_FIELDS`.
            extra_query: any other query parameter Medusa accepts.
        """
        check_product_order(order)
        check_paging(limit, offset)
        params: dict[str, QueryValue] = {
            "region_id": region_id,
            "locale": locale,
            "limit": limit,
            "offset": offset,
            "order": order.strip() if order else None,
            "q": q,
            "handle": handle,
            "id": _ids(id),
            "category_id": _ids(category_id),
            "collection_id": _ids(collection_id),
            "tag_id": _ids(tag_id),
            "type_id": _ids(type_id),
            "fields": join_fields(fields) or DEFAULT_PRODUCT_FIELDS,
        }
        params.update(extra_query or {})
        data = await self._client._request("GET", "/store/products", auth="store", params=params)
        return parse_page(Product, data, "products")

    async def retrieve(
        self,
        id: str,
        *,
        region_id: str | None = None,
        locale: str | None = None,
        fields: str | Sequence[str] | None = None,
    ) -> Product:
        """``GET /store/products/{id}``; raises NotFoundError."""
        data = await self._client._request(
            "GET",
            f"/store/products/{path_id(id, 'product id')}",
            auth="store",
            params={
                "region_id": region_id,
                "locale": locale,
                "fields": join_fields(fields) or DEFAULT_PRODUCT_FIELDS,
            },
        )
        return parse_model(Product, data, "product")

    async def retrieve_by_handle(
        self,
        handle: str,
        *,
        region_id: str | None = None,
        locale: str | None = None,
        fields: str | Sequence[str] | None = None,
    ) -> Product:
        """The product with this handle (``list(handle=...)``); raises NotFoundError if none."""
        check_handle(handle)
        page = await self.list(handle=handle, region_id=region_id, locale=locale, fields=fields, limit=1)
        if not page.items:
            raise NotFoundError(f"Product with handle {handle!r} was not found", status=404, type="not_found")
        return page.items[0]

    async def iterate(self, *, page_size: int = 100, **filters: object) -> AsyncIterator[Product]:
        """Every product matching ``filters`` (the keyword arguments of :meth:`list`), page by
        page. Products seen on an earlier page are not yielded twice; pass ``order="id"`` for
        stable paging while the catalog changes."""
        if page_size <= 0:
            raise ValidationError("page_size must be > 0", type="invalid_data")
        filters.pop("limit", None)
        offset = int(filters.pop("offset", 0) or 0)  # type: ignore[call-overload]
        seen: set[str] = set()
        while True:
            page = await self.list(limit=page_size, offset=offset, **filters)  # type: ignore[arg-type]
            for product in page.items:
                if product.id not in seen:
                    seen.add(product.id)
                    yield product
            if not page.items or not page.has_more:
                return
            offset += len(page.items)


def _ids(value: IdFilter) -> QueryValue:
    if value is None or isinstance(value, str):
        return value
    return list(value)
