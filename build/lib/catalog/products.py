"""Single products, read straight from Medusa (the source of truth for product pages)."""

from __future__ import annotations

from medusa import Product

from .source import medusa


async def by_handle(handle: str, *, region_id: str, locale: str) -> Product:
    return await medusa().store.product.retrieve_by_handle(handle, region_id=region_id, locale=locale)
