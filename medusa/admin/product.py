"""``/admin/products`` and ``/admin/product-variants``: read, create, update and batch upserts.

Writes are never retried (a retried create could make a duplicate); callers that need
idempotency look products up by handle and variants by SKU first, as ingestion does.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any

from .._http import QueryValue
from .._resource import Resource, join_fields, parse_model, path_id
from ..errors import InvalidResponseError
from ..models import Page
from ._list import Fields, batch_body, iterate, list_page
from .models import AdminProduct, AdminVariant, BatchResult, ProductImport

IdOrIds = str | Sequence[str] | None

ADMIN_PRODUCT_FIELDS = ",".join(
    [
        "id",
        "handle",
        "title",
        "description",
        "status",
        "collection_id",
        "metadata",
        "thumbnail",
        "images.id",
        "images.url",
        "images.rank",
        "categories.id",
        "categories.handle",
        "categories.name",
        "options.id",
        "options.title",
        "options.values.id",
        "options.values.value",
        "variants.id",
        "variants.sku",
        "variants.title",
        "variants.manage_inventory",
        "variants.weight",
        "variants.prices.id",
        "variants.prices.amount",
        "variants.prices.currency_code",
        "variants.options.id",
        "variants.options.value",
        "variants.options.option_id",
    ]
)
"""What an upsert compares: product fields, categories, options with values, variants with prices
and option values."""


def _batch_result(data: Any) -> BatchResult:
    if not isinstance(data, dict):
        raise InvalidResponseError("expected {created, updated, deleted} from a batch call", body=data)
    return BatchResult.model_validate(data)


class ProductResource(Resource):
    async def list(
        self,
        *,
        handle: IdOrIds = None,
        id: IdOrIds = None,
        q: str | None = None,
        status: IdOrIds = None,
        limit: int | None = None,
        offset: int | None = None,
        order: str | None = None,
        fields: Fields = ADMIN_PRODUCT_FIELDS,
        extra_query: Mapping[str, QueryValue] | None = None,
    ) -> Page[AdminProduct]:
        """``GET /admin/products`` (drafts included). ``handle`` / ``id`` may be lists."""
        filters: dict[str, QueryValue] = {"handle": handle, "id": id, "q": q, "status": status}
        filters.update(extra_query or {})
        return await list_page(
            self._client,
            "/admin/products",
            "products",
            AdminProduct,
            limit=limit,
            offset=offset,
            order=order,
            fields=fields,
            filters=filters,
        )

    def iterate(
        self, *, page_size: int = 100, fields: Fields = ADMIN_PRODUCT_FIELDS, **filters: QueryValue
    ) -> AsyncIterator[AdminProduct]:
        return iterate(
            self._client,
            "/admin/products",
            "products",
            AdminProduct,
            page_size=page_size,
            fields=fields,
            filters=filters,
        )

    async def create(self, body: Mapping[str, Any], *, fields: Fields = ADMIN_PRODUCT_FIELDS) -> AdminProduct:
        """``POST /admin/products`` (Medusa needs ``options`` and ``variants``)."""
        data = await self._client._request(
            "POST",
            "/admin/products",
            auth="admin",
            params={"fields": join_fields(fields)},
            json=dict(body),
            idempotent=False,
        )
        return parse_model(AdminProduct, data, "product")

    async def update(
        self, id: str, body: Mapping[str, Any], *, fields: Fields = ADMIN_PRODUCT_FIELDS
    ) -> AdminProduct:
        """``POST /admin/products/{id}``."""
        data = await self._client._request(
            "POST",
            f"/admin/products/{path_id(id, 'product id')}",
            auth="admin",
            params={"fields": join_fields(fields)},
            json=dict(body),
            idempotent=False,
        )
        return parse_model(AdminProduct, data, "product")

    async def batch(
        self,
        *,
        create: Sequence[Mapping[str, Any]] | None = None,
        update: Sequence[Mapping[str, Any]] | None = None,
        delete: Sequence[str] | None = None,
        fields: Fields = "id,handle",
    ) -> BatchResult:
        """``POST /admin/products/batch``: one workflow for many products. ``fields`` defaults to
        ``id,handle`` (Medusa's full echo of a large batch is hundreds of KB)."""
        data = await self._client._request(
            "POST",
            "/admin/products/batch",
            auth="admin",
            params={"fields": join_fields(fields)},
            json=batch_body(create, update, delete),
            idempotent=False,
        )
        return _batch_result(data)

    async def create_import(
        self,
        file_key: str,
        originalname: str,
        *,
        size: int,
        mime_type: str = "text/csv",
        extension: str = "csv",
    ) -> ProductImport:
        """``POST /admin/products/imports``: Medusa's own CSV import of an uploaded file
        (``medusa.admin.upload.create`` → its id is the ``file_key``). Nothing is written until
        ``confirm_import``; progress is reported in ``/admin/notifications``."""
        data = await self._client._request(
            "POST",
            "/admin/products/imports",
            auth="admin",
            json={
                "file_key": file_key,
                "originalname": originalname,
                "size": size,
                "mime_type": mime_type,
                "extension": extension,
            },
            idempotent=False,
        )
        if not isinstance(data, dict) or not data.get("transaction_id"):
            raise InvalidResponseError(
                "expected {transaction_id, summary} from /admin/products/imports", body=data
            )
        return ProductImport.model_validate(data)

    async def confirm_import(self, transaction_id: str) -> None:
        """``POST /admin/products/imports/{transaction_id}/confirm``: start writing (asynchronous)."""
        await self._client._request(
            "POST",
            f"/admin/products/imports/{path_id(transaction_id, 'transaction id')}/confirm",
            auth="admin",
            json={},
            idempotent=False,
        )

    async def batch_variants(
        self,
        product_id: str,
        *,
        create: Sequence[Mapping[str, Any]] | None = None,
        update: Sequence[Mapping[str, Any]] | None = None,
        delete: Sequence[str] | None = None,
        fields: Fields = "id,sku",
    ) -> BatchResult:
        """``POST /admin/products/{id}/variants/batch`` (JS SDK ``batchVariants``)."""
        data = await self._client._request(
            "POST",
            f"/admin/products/{path_id(product_id, 'product id')}/variants/batch",
            auth="admin",
            params={"fields": join_fields(fields)},
            json=batch_body(create, update, delete),
            idempotent=False,
        )
        return _batch_result(data)

    async def batch_options(
        self,
        product_id: str,
        *,
        add: Sequence[str | Mapping[str, Any]] | None = None,
        update: Sequence[Mapping[str, Any]] | None = None,
        remove: Sequence[str] | None = None,
        fields: Fields = "id,handle",
    ) -> AdminProduct:
        """``POST /admin/products/{id}/options/batch`` (Medusa ≥ 2.17; product updates no longer take
        ``options``). ``add``: option ids or new options ``{title, values}``; ``update``:
        ``{product_option_id, add: [value…], remove: [value id…]}`` adds/removes values of an
        option this product uses; ``remove``: option ids to unlink."""
        body: dict[str, Any] = {}
        if add:
            body["add"] = list(add)
        if update:
            body["update"] = list(update)
        if remove:
            body["remove"] = list(remove)
        data = await self._client._request(
            "POST",
            f"/admin/products/{path_id(product_id, 'product id')}/options/batch",
            auth="admin",
            params={"fields": join_fields(fields)},
            json=body,
            idempotent=False,
        )
        return parse_model(AdminProduct, data, "product")


class ProductVariantResource(Resource):
    async def list(
        self,
        *,
        sku: IdOrIds = None,
        id: IdOrIds = None,
        limit: int | None = None,
        offset: int | None = None,
        order: str | None = None,
        fields: Fields = "id,sku,product_id",
    ) -> Page[AdminVariant]:
        """``GET /admin/product-variants`` across all products (find which product owns a SKU)."""
        return await list_page(
            self._client,
            "/admin/product-variants",
            "variants",
            AdminVariant,
            limit=limit,
            offset=offset,
            order=order,
            fields=fields,
            filters={"sku": sku, "id": id},
        )
