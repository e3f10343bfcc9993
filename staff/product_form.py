"""The admin page's single-product form → the import row schema (both languages, one variant).

Pure: required fields and number formats are checked here with messages in the staff's language;
everything else (category exists, image is a real picture…) is checked by the import pipeline,
which reports it per row like any CSV line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from translations import gettext

TEXT_FIELDS = (
    "handle",
    "title",
    "title_fr",
    "description",
    "description_fr",
    "category",
    "collection",
    "condition",
    "sku",
)
MONEY_FIELDS = ("price_cad", "price_usd", "floor_price")
HANDLE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _money(text: str) -> Decimal | None:
    text = text.strip().replace("\u00a0", "").replace(" ", "").replace("$", "")
    if not text:
        return None
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    value = Decimal(text)
    if not value.is_finite():
        raise InvalidOperation
    return value


def product_fields(form: Mapping[str, Any], lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """The row for :func:`jobs.ingest.form.ingest_form`, or errors per field."""
    t = gettext(lang)
    get = lambda key: str(form.get(key, "") or "").strip()  # noqa: E731
    errors: dict[str, str] = {}
    row = {key: get(key) for key in TEXT_FIELDS if get(key)}
    if not HANDLE.match(row.get("handle", "")):
        errors["handle"] = t("Lower-case letters, digits and dashes, e.g. oak-desk-120.")
    for key in ("title", "title_fr", "sku"):
        if not row.get(key):
            errors[key] = t("Required")
    for key in MONEY_FIELDS:
        try:
            value = _money(get(key))
        except InvalidOperation:
            errors[key] = t("Enter an amount.")
            continue
        if value is None:
            continue
        if value < 0:
            errors[key] = t("An amount cannot be negative.")
        elif value != value.quantize(Decimal("0.01")):
            errors[key] = t("Use at most 2 decimals.")
        else:
            row[key] = str(value)
    if "price_cad" not in row and "price_usd" not in row and "price_cad" not in errors:
        errors["price_cad"] = t("Give a price in at least one currency.")
    floor = row.get("floor_price")
    if floor is not None and "price_cad" in row and Decimal(floor) > Decimal(row["price_cad"]):
        errors["floor_price"] = t("The floor is above the list price ({price}).", price=row["price_cad"])
    quantity = get("quantity")
    if quantity:
        if not quantity.isdigit():
            errors["quantity"] = t("Enter a whole number.")
        else:
            row["quantity"] = quantity
    urls = [u.strip() for u in re.split(r"[\s|]+", get("image_urls")) if u.strip()]
    if any(not u.startswith(("https://", "http://")) for u in urls):
        errors["image_urls"] = t("Picture links start with https://.")
    elif urls:
        row["images"] = "|".join(urls)
    return row, errors
