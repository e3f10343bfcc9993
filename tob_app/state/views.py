"""Plain view models sent to the browser, built from Medusa models by pure functions.

Only what the page shows crosses the websocket: formatted prices (Babel, per language),
never raw costs or anything staff-only.
"""

from __future__ import annotations

import dataclasses

from catalog.queries import Row
from medusa import Product, Variant
from medusa.money import Money
from translations import format_money, gettext


@dataclasses.dataclass
class ProductCard:
    handle: str = ""
    title: str = ""
    thumbnail: str = ""
    price: str = ""
    original_price: str = ""
    in_stock: bool = True
    conditions: str = ""


@dataclasses.dataclass
class NavLink:
    handle: str = ""
    title: str = ""


@dataclasses.dataclass
class OptionValue:
    value: str = ""
    available: bool = True


@dataclasses.dataclass
class ProductOption:
    id: str = ""
    title: str = ""
    choices: list[OptionValue] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class VariantView:
    id: str = ""
    options: dict[str, str] = dataclasses.field(default_factory=dict)
    price: str = ""
    original_price: str = ""
    in_stock: bool = True
    quantity: int = 0
    images: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class ProductDetail:
    id: str = ""
    handle: str = ""
    title: str = ""
    description: str = ""
    images: list[str] = dataclasses.field(default_factory=list)
    options: list[ProductOption] = dataclasses.field(default_factory=list)
    variants: list[VariantView] = dataclasses.field(default_factory=list)
    category: NavLink = dataclasses.field(default_factory=NavLink)


def money(value: Money | None, lang: str) -> str:
    return format_money(value.amount, value.currency_code, lang) if value else ""


def _discounted(variant: Variant, lang: str) -> str:
    """The struck-through list price, shown only when Medusa reports a real reduction."""
    price, original = variant.price, variant.original_price
    if price and original and original.amount > price.amount:
        return money(original, lang)
    return ""


def condition_values(product: Product) -> list[str]:
    for option in product.options:
        if option.title.lower() in ("condition", "état"):
            return [value.value for value in option.values]
    return []


def product_card(product: Product, lang: str) -> ProductCard:
    cheapest = min(
        (v for v in product.variants if v.price is not None),
        key=lambda v: v.price.amount,  # type: ignore[union-attr]
        default=None,
    )
    thumbnail = product.thumbnail or (product.images[0].url if product.images else "")
    price = money(cheapest.price if cheapest else None, lang)
    if len({v.price.amount for v in product.variants if v.price}) > 1:
        t = gettext(lang)
        price = t("From {price}", price=price)
    return ProductCard(
        handle=product.handle,
        title=product.title,
        thumbnail=thumbnail,
        price=price,
        original_price=_discounted(cheapest, lang) if cheapest else "",
        in_stock=product.in_stock,
        conditions=" · ".join(condition_values(product)),
    )


def listing_card(row: Row, lang: str) -> ProductCard:
    """A product card from a read-model row (listing, category, collection and search pages)."""
    price = format_money(row.price, row.currency_code, lang) if row.price is not None else ""
    if price and row.price_varies:
        price = gettext(lang)("From {price}", price=price)
    original = (
        format_money(row.original_price, row.currency_code, lang)
        if row.original_price is not None and row.price is not None and row.original_price > row.price
        else ""
    )
    return ProductCard(
        handle=row.handle,
        title=row.title,
        thumbnail=row.thumbnail,
        price=price,
        original_price=original,
        in_stock=row.in_stock,
        conditions=" · ".join(row.conditions),
    )


def nav_link(handle: str, title: str) -> NavLink:
    return NavLink(handle=handle, title=title)


def product_detail(product: Product, lang: str) -> ProductDetail:
    option_titles = {option.id: option.title for option in product.options}
    product_images = [image.url for image in product.images] or (
        [product.thumbnail] if product.thumbnail else []
    )
    variants = [
        VariantView(
            id=variant.id,
            options={opt.option_id: opt.value for opt in variant.options if opt.option_id in option_titles},
            price=money(variant.price, lang),
            original_price=_discounted(variant, lang),
            in_stock=variant.in_stock,
            quantity=max(0, variant.inventory_quantity or 0),
            # The variant's own picture (its condition) first, then the product's others.
            images=[variant.thumbnail, *(u for u in product_images if u != variant.thumbnail)]
            if variant.thumbnail
            else [],
        )
        for variant in product.variants
    ]
    options = [
        ProductOption(
            id=option.id,
            title=option.title,
            choices=[
                OptionValue(
                    value=value.value,
                    available=any(v.in_stock and v.options.get(option.id) == value.value for v in variants),
                )
                for value in option.values
            ],
        )
        for option in product.options
    ]
    category = product.categories[0] if product.categories else None
    return ProductDetail(
        id=product.id,
        handle=product.handle,
        title=product.title,
        description=product.description or "",
        images=product_images,
        options=options,
        variants=variants,
        category=nav_link(category.handle, category.name) if category else NavLink(),
    )


def default_selection(detail: ProductDetail) -> dict[str, str]:
    """Preselect the first in-stock variant (or the first one) so a price always shows."""
    if not detail.variants:
        return {}
    in_stock = [v for v in detail.variants if v.in_stock] or detail.variants
    return dict(in_stock[0].options)


def select_variant(detail: ProductDetail, selection: dict[str, str]) -> VariantView | None:
    for variant in detail.variants:
        if all(variant.options.get(key) == value for key, value in selection.items()):
            return variant
    return None


def images_shown(detail: ProductDetail, variant: VariantView | None) -> list[str]:
    """The images shown for the chosen variant: its own, or else the product's."""
    return (variant.images if variant else []) or detail.images
