"""Product specs + what Medusa has → the calls that make Medusa match. Pure functions.

Only what the file gives is compared and sent: an empty cell leaves Medusa's value alone. A
product or variant that already matches produces no call at all, which is what makes a re-run of
the same file report every row as unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from medusa.admin.models import AdminProduct, AdminVariant, Translation

from .rows import COLOR, COLOR_FR, CONDITION, CONDITION_FR, ProductSpec, RowError, VariantRow

FR_LOCALE = "fr-CA"
OPTION_TITLES_FR = {CONDITION: CONDITION_FR, COLOR: COLOR_FR}

CREATED, UPDATED, UNCHANGED, ERROR = "created", "updated", "unchanged", "error"


@dataclass(frozen=True)
class Placement:
    """Where new products go: the store's default sales channel and shipping profile."""

    sales_channel_id: str | None
    shipping_profile_id: str | None


@dataclass
class ProductPlan:
    spec: ProductSpec
    product_id: str | None = None
    create: dict[str, Any] | None = None
    update: dict[str, Any] | None = None
    option_update: list[dict[str, Any]] = field(default_factory=list)  # values to add to options
    variant_create: list[dict[str, Any]] = field(default_factory=list)
    variant_update: list[dict[str, Any]] = field(default_factory=list)
    rows: list[VariantRow] = field(default_factory=list)  # the rows that survived
    status: dict[int, str] = field(default_factory=dict)  # line → created / updated / unchanged
    errors: list[RowError] = field(default_factory=list)

    def mark(self, line: int, status: str) -> None:
        """Raise a line's status: unchanged < updated (created stays created)."""
        if self.status.get(line) in (None, UNCHANGED):
            self.status[line] = status

    @property
    def has_product_calls(self) -> bool:
        return bool(
            self.create or self.update or self.option_update or self.variant_create or self.variant_update
        )


def _prices(row: VariantRow) -> list[dict[str, Any]]:
    return [{"currency_code": c, "amount": a} for c, a in row.prices]


def _variant_body(row: VariantRow) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": row.variant_title,
        "sku": row.sku,
        "manage_inventory": True,
        "allow_backorder": False,
        "options": dict(row.options),
        "prices": _prices(row),
    }
    if row.weight is not None:
        body["weight"] = row.weight
    return body


def _option_values(spec: ProductSpec, rows: list[VariantRow]) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {title: [] for title in spec.option_titles}
    for row in rows:
        for title, value in row.options:
            if value not in values[title]:
                values[title].append(value)
    return values


def plan_product(
    spec: ProductSpec,
    existing: AdminProduct | None,
    sku_owner: Mapping[str, str],
    placement: Placement,
    image_urls: tuple[str, ...] | None = None,
) -> ProductPlan:
    """Decide the product-level and variant-level calls for one handle.

    ``sku_owner`` maps SKUs already in Medusa to the id of the product that has them; a SKU that
    belongs to another product is an error for its row (SKUs are unique in Medusa).
    ``image_urls``: the stored URLs of the spec's images (the first is the thumbnail).
    """
    plan = ProductPlan(spec=spec, product_id=existing.id if existing else None)
    mine = existing.id if existing else None
    for row in spec.variants:
        owner = sku_owner.get(row.sku)
        if owner is not None and owner != mine:
            plan.errors.append(
                RowError(
                    row.line,
                    f"SKU {row.sku!r} already belongs to another product ({owner})",
                    row.handle,
                    row.sku,
                )
            )
        else:
            plan.rows.append(row)
    if not plan.rows:
        return plan

    if existing is None:
        body: dict[str, Any] = {
            "title": spec.title,
            "handle": spec.handle,
            "status": spec.status or "published",
            "options": [{"title": t, "values": v} for t, v in _option_values(spec, plan.rows).items()],
            "variants": [_variant_body(row) for row in plan.rows],
        }
        if spec.description is not None:
            body["description"] = spec.description
        if spec.category_ids is not None:
            body["categories"] = [{"id": c} for c in spec.category_ids]
        if spec.collection_id is not None:
            body["collection_id"] = spec.collection_id
        if image_urls:
            body["images"] = [{"url": u} for u in image_urls]
            body["thumbnail"] = image_urls[0]
        if placement.shipping_profile_id:
            body["shipping_profile_id"] = placement.shipping_profile_id
        if placement.sales_channel_id:
            body["sales_channels"] = [{"id": placement.sales_channel_id}]
        plan.create = body
        for row in plan.rows:
            plan.status[row.line] = CREATED
        return plan

    _plan_existing(plan, existing, image_urls)
    return plan


def _plan_existing(plan: ProductPlan, existing: AdminProduct, image_urls: tuple[str, ...] | None) -> None:
    spec = plan.spec
    update: dict[str, Any] = {}
    if image_urls and (
        [i.url for i in sorted(existing.images, key=lambda i: i.rank or 0)] != list(image_urls)
        or existing.thumbnail != image_urls[0]
    ):
        update["images"] = [{"url": u} for u in image_urls]
        update["thumbnail"] = image_urls[0]
    if spec.title is not None and spec.title != existing.title:
        update["title"] = spec.title
    if spec.description is not None and spec.description != (existing.description or None):
        update["description"] = spec.description
    if spec.status is not None and spec.status != existing.status:
        update["status"] = spec.status
    if spec.category_ids is not None and set(spec.category_ids) != {c.id for c in existing.categories}:
        update["categories"] = [{"id": c} for c in spec.category_ids]
    if spec.collection_id is not None and spec.collection_id != existing.collection_id:
        update["collection_id"] = spec.collection_id

    # options: the file's option titles must be the product's; new values are added to them
    # (Medusa ≥ 2.16 has no `options` in a product update: values go through options/batch)
    have = {o.title: o for o in existing.options}
    if set(spec.option_titles) != set(have):
        for row in plan.rows:
            plan.errors.append(
                RowError(
                    row.line,
                    f"options {', '.join(spec.option_titles)} do not match the product's "
                    f"({', '.join(have) or 'none'})",
                    row.handle,
                    row.sku,
                )
            )
        plan.rows = []
        return
    wanted = _option_values(spec, plan.rows)
    for title, values in wanted.items():
        known = {v.value for v in have[title].values}
        new = [v for v in values if v not in known]
        if new:
            plan.option_update.append(
                {"product_option_id": have[title].id, "add": [{"value": v} for v in new]}
            )
    if update:
        plan.update = {"id": existing.id, **update}

    by_sku: dict[str, AdminVariant] = {v.sku: v for v in existing.variants if v.sku}
    option_title = {o.id: o.title for o in existing.options}
    for row in plan.rows:
        variant = by_sku.get(row.sku)
        if variant is None:
            plan.variant_create.append(_variant_body(row))
            plan.status[row.line] = CREATED
            continue
        change = _variant_change(row, variant, option_title)
        if change:
            plan.variant_update.append({"id": variant.id, **change})
        plan.status[row.line] = UPDATED if (change or update or plan.option_update) else UNCHANGED


def _variant_change(
    row: VariantRow, variant: AdminVariant, option_title: Mapping[str, str]
) -> dict[str, Any]:
    change: dict[str, Any] = {}
    if row.variant_title is not None and row.variant_title != variant.title:
        change["title"] = row.variant_title
    if row.weight is not None and row.weight != variant.weight:
        change["weight"] = row.weight
    current = {option_title.get(o.option_id or "", ""): o.value for o in variant.options}
    if dict(row.options) != {t: current.get(t) for t in dict(row.options)}:
        change["options"] = dict(row.options)
    have: dict[str, tuple[str | None, Decimal]] = {p.currency_code: (p.id, p.amount) for p in variant.prices}
    if any(have.get(c, (None, None))[1] != a for c, a in row.prices):
        wanted = dict(row.prices)
        merged = [
            {"id": pid, "currency_code": c, "amount": wanted.get(c, amount)}
            for c, (pid, amount) in have.items()
        ]
        merged += [{"currency_code": c, "amount": a} for c, a in row.prices if c not in have]
        change["prices"] = merged
    return change


# --- after the products exist: translations and stock ------------------------------------------


@dataclass(frozen=True)
class WantedTranslation:
    reference: str
    reference_id: str
    fields: tuple[tuple[str, str], ...]
    lines: tuple[int, ...]


def wanted_translations(
    spec: ProductSpec, rows: list[VariantRow], product: AdminProduct
) -> list[WantedTranslation]:
    """The French rows a product should have: its title/description, its option titles and
    values, its variant titles (option values are per product, so each gets its own row)."""
    lines = tuple(r.line for r in rows)
    out: list[WantedTranslation] = []
    fields = tuple(
        (k, v) for k, v in (("title", spec.title_fr), ("description", spec.description_fr)) if v is not None
    )
    if fields:
        out.append(WantedTranslation("product", product.id, fields, lines))
    value_fr: dict[tuple[str, str], tuple[str, list[int]]] = {}
    for row in rows:
        for title, fr in row.options_fr:
            english = dict(row.options)[title]
            entry = value_fr.setdefault((title, english), (fr, []))
            entry[1].append(row.line)
    for option in product.options:
        if option.title in OPTION_TITLES_FR and any(t == option.title for t, _ in value_fr):
            out.append(
                WantedTranslation(
                    "product_option", option.id, (("title", OPTION_TITLES_FR[option.title]),), lines
                )
            )
        for value in option.values:
            if (option.title, value.value) in value_fr:
                fr, value_lines = value_fr[(option.title, value.value)]
                out.append(
                    WantedTranslation("product_option_value", value.id, (("value", fr),), tuple(value_lines))
                )
    by_sku = {v.sku: v for v in product.variants}
    for row in rows:
        variant = by_sku.get(row.sku)
        if variant is not None and row.variant_title_fr is not None:
            out.append(
                WantedTranslation(
                    "product_variant", variant.id, (("title", row.variant_title_fr),), (row.line,)
                )
            )
    return out


def diff_translations(
    wanted: list[WantedTranslation], existing: list[Translation], locale: str = FR_LOCALE
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[WantedTranslation]]:
    """(create rows, update rows, the wanted entries that changed)."""
    have = {t.reference_id: t for t in existing if t.locale_code == locale}
    create: list[dict[str, Any]] = []
    update: list[dict[str, Any]] = []
    changed: list[WantedTranslation] = []
    for want in wanted:
        fields = dict(want.fields)
        current = have.get(want.reference_id)
        if current is None:
            create.append(
                {
                    "reference": want.reference,
                    "reference_id": want.reference_id,
                    "locale_code": locale,
                    "translations": fields,
                }
            )
            changed.append(want)
        elif any(current.translations.get(k) != v for k, v in fields.items()):
            update.append({"id": current.id, "translations": {**current.translations, **fields}})
            changed.append(want)
    return create, update, changed


def diff_stock(
    rows: list[VariantRow], levels: Mapping[str, tuple[str, int | None]], location_id: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[int], list[RowError]]:
    """Stock to set at ``location_id``. ``levels`` maps SKU → (inventory item id, stocked quantity
    at that location or None when the item has no level there). Returns (create, update, changed
    lines, errors)."""
    create: list[dict[str, Any]] = []
    update: list[dict[str, Any]] = []
    changed: list[int] = []
    errors: list[RowError] = []
    for row in rows:
        if row.quantity is None:
            continue
        if row.sku not in levels:
            errors.append(
                RowError(row.line, "Medusa has no inventory item for this SKU", row.handle, row.sku)
            )
            continue
        item_id, stocked = levels[row.sku]
        body = {"inventory_item_id": item_id, "location_id": location_id, "stocked_quantity": row.quantity}
        if stocked is None:
            create.append(body)
            changed.append(row.line)
        elif stocked != row.quantity:
            update.append(body)
            changed.append(row.line)
    return create, update, changed, errors
