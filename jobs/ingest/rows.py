"""CSV rows → validated product specs. Pure functions: no Medusa, no database.

A row is one variant (one SKU) of a product (one handle). ``map_row`` checks a row on its own
against what Medusa knows (:class:`Reference`); ``group_rows`` checks rows against each other
(duplicate SKUs, conflicting product fields, inconsistent options) and gathers each handle's
rows into a :class:`ProductSpec`. Every problem becomes a :class:`RowError` with the line number
and a reason a person can act on; good rows are never held back by bad ones.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from .columns import Columns

CONDITION = "Condition"
CONDITION_FR = "État"
COLOR = "Color"
COLOR_FR = "Couleur"

# The seed's grades (medusa-backend/src/scripts/seed-data.ts GRADES): English value → French.
GRADES: dict[str, str] = {"Like new": "Comme neuf", "Good": "Bon", "Fair": "Passable"}
_GRADE_SPELLINGS: dict[str, str] = {
    "like new": "Like new",
    "likenew": "Like new",
    "ln": "Like new",
    "comme neuf": "Like new",
    "good": "Good",
    "gd": "Good",
    "bon": "Good",
    "fair": "Fair",
    "fr": "Fair",
    "passable": "Fair",
}
STATUSES = ("published", "draft")
HANDLE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_PRICE = Decimal("10000000")


@dataclass(frozen=True)
class Reference:
    """What Medusa knows, loaded once per run: currencies of its regions (lower-case) and
    category / collection ids by handle (an id is accepted in place of a handle too)."""

    currencies: frozenset[str]
    categories: Mapping[str, str]
    collections: Mapping[str, str]

    def category_id(self, value: str) -> str | None:
        return self.categories.get(value) or (value if value in self.categories.values() else None)

    def collection_id(self, value: str) -> str | None:
        return self.collections.get(value) or (value if value in self.collections.values() else None)


@dataclass(frozen=True)
class Floor:
    amount: Decimal
    currency: str  # lower-case


@dataclass(frozen=True)
class VariantRow:
    line: int
    handle: str
    sku: str
    title: str | None = None
    title_fr: str | None = None
    description: str | None = None
    description_fr: str | None = None
    status: str | None = None
    category_ids: tuple[str, ...] | None = None
    collection_id: str | None = None
    options: tuple[tuple[str, str], ...] = ()  # (option title, value), condition first
    options_fr: tuple[tuple[str, str], ...] = ()  # (option title, French value) where known
    variant_title: str | None = None
    variant_title_fr: str | None = None
    prices: tuple[tuple[str, Decimal], ...] = ()  # (currency lower-case, amount)
    quantity: int | None = None
    weight: int | None = None
    floor: Floor | None = None
    images: tuple[str, ...] | None = None  # URLs or file names beside the CSV, first = thumbnail

    @property
    def option_map(self) -> dict[str, str]:
        return dict(self.options)


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str
    handle: str | None = None
    sku: str | None = None


@dataclass
class ProductSpec:
    """All good rows of one handle, with the product-level fields they agree on."""

    handle: str
    title: str | None = None
    title_fr: str | None = None
    description: str | None = None
    description_fr: str | None = None
    status: str | None = None
    category_ids: tuple[str, ...] | None = None
    collection_id: str | None = None
    option_titles: tuple[str, ...] = ()
    images: tuple[str, ...] | None = None
    variants: list[VariantRow] = field(default_factory=list)

    @property
    def lines(self) -> list[int]:
        return [v.line for v in self.variants]


# --- reading ---------------------------------------------------------------------------------


class SourceError(Exception):
    """The whole source is unusable (not CSV, not UTF-8, required columns missing)."""


def read_csv(data: bytes) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Headers and ``(line number, {header: cell})`` for each non-blank row. Line numbers are the
    file's own (the header is line 1; a quoted cell spanning lines counts them all)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"the file is not UTF-8 text (byte {exc.start}); export it as CSV UTF-8") from exc
    if not text.strip():
        raise SourceError("the file is empty")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        headers = [h.strip() for h in next(reader)]
        rows: list[tuple[int, dict[str, str]]] = []
        line = reader.line_num
        for cells in reader:
            start, line = line + 1, reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(headers) and any(c.strip() for c in cells[len(headers) :]):
                rows.append((start, {"\0overflow": "1"}))
                continue
            rows.append((start, {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(headers)}))
    except csv.Error as exc:
        raise SourceError(f"not a readable CSV file: {exc}") from exc
    return headers, rows


# --- one row -------------------------------------------------------------------------------


def parse_amount(raw: str) -> Decimal:
    """``"1234.50"``, ``"1,234.50"``, ``"1 234,50"``, ``"$12"`` → Decimal; ValueError otherwise."""
    text = raw.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("$", "")
    if "," in text and "." in text:
        text = text.replace(",", "")
    elif re.fullmatch(r"\d+,\d{1,2}", text):
        text = text.replace(",", ".")
    if not re.fullmatch(r"\d+(\.\d+)?", text):
        raise ValueError(f"{raw.strip()!r} is not an amount")
    amount = Decimal(text)
    if amount <= 0:
        raise ValueError(f"{raw.strip()!r} must be more than zero")
    if amount >= MAX_PRICE:
        raise ValueError(f"{raw.strip()!r} is too large")
    if amount != amount.quantize(Decimal("0.01")):
        raise ValueError(f"{raw.strip()!r} has more than 2 decimals")
    return amount


def normalize_grade(raw: str) -> str | None:
    key = re.sub(r"[\s_\-]+", " ", raw.strip().lower())
    return _GRADE_SPELLINGS.get(key) or _GRADE_SPELLINGS.get(key.replace(" ", ""))


def _cell(raw: Mapping[str, str], cols: Columns, name: str) -> str | None:
    header = cols.fields.get(name)
    if header is None:
        return None
    value = (raw.get(header) or "").strip()
    return value or None


def _split_handles(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[|;,]", value) if part.strip()]


def _known(ref: Reference) -> str:
    return ", ".join(sorted(c.upper() for c in ref.currencies))


def map_row(line: int, raw: Mapping[str, str], cols: Columns, ref: Reference) -> VariantRow | RowError:
    """One CSV row → a checked :class:`VariantRow`, or the first reason it cannot be imported."""
    handle = _cell(raw, cols, "handle")
    sku = _cell(raw, cols, "sku")

    def error(reason: str) -> RowError:
        return RowError(line=line, reason=reason, handle=handle, sku=sku)

    if "\0overflow" in raw:
        return error("more cells than columns (a comma inside an unquoted value?)")
    if not handle:
        return error("missing handle")
    handle = handle.lower()
    if not HANDLE.match(handle):
        return error(f"handle {handle!r} may only hold lower-case letters, digits and single dashes")
    if not sku:
        return error("missing SKU")

    status = _cell(raw, cols, "status")
    if status is not None:
        status = status.lower()
        if status not in STATUSES:
            return error(f"unknown status {status!r} (published or draft)")

    category_ids: tuple[str, ...] | None = None
    if (value := _cell(raw, cols, "category")) is not None:
        ids = []
        for wanted in _split_handles(value):
            found = ref.category_id(wanted)
            if found is None:
                return error(f"unknown category {wanted!r}")
            ids.append(found)
        category_ids = tuple(dict.fromkeys(ids))
    collection_id = None
    if (value := _cell(raw, cols, "collection")) is not None:
        collection_id = ref.collection_id(value)
        if collection_id is None:
            return error(f"unknown collection {value!r}")

    # options: the condition grade first, then colour, then Medusa's numbered option columns
    options: dict[str, str] = {}
    options_fr: dict[str, str] = {}
    numbered: list[tuple[str, str]] = []
    for number in sorted(cols.options):
        pair = cols.options[number]
        name = (raw.get(pair.get("name", "")) or "").strip()
        value = (raw.get(pair.get("value", "")) or "").strip()
        if not name and not value:
            continue
        if not name or not value:
            return error(f"option {number} needs both a name and a value")
        numbered.append((name, value))
    grade_raw = _cell(raw, cols, "condition")
    for name, value in numbered:
        if name.strip().lower() in ("condition", "grade", "état", "etat"):
            grade_raw = grade_raw or value
    if grade_raw is None:
        return error("missing condition grade (Like new, Good or Fair)")
    grade = normalize_grade(grade_raw)
    if grade is None:
        return error(f"unknown condition grade {grade_raw!r} (Like new, Good or Fair)")
    options[CONDITION] = grade
    options_fr[CONDITION] = GRADES[grade]
    if (color := _cell(raw, cols, "color")) is not None:
        options[COLOR] = color
        if (color_fr := _cell(raw, cols, "color_fr")) is not None:
            options_fr[COLOR] = color_fr
    for name, value in numbered:
        if name.strip().lower() in ("condition", "grade", "état", "etat"):
            continue
        title = COLOR if name.strip().lower() in ("color", "colour") else name
        if title in options and options[title] != value:
            return error(f"two values for option {title!r}")
        options[title] = value

    prices: dict[str, Decimal] = {}
    price_cells = list(cols.prices.items())
    if (value := _cell(raw, cols, "price")) is not None:
        currency = (_cell(raw, cols, "currency") or "").lower()
        if not currency:
            if len(ref.currencies) != 1:
                return error("price without a currency column")
            currency = next(iter(ref.currencies))
        price_cells.append((currency, cols.fields["price"]))
    for currency, header in price_cells:
        value = (raw.get(header) or "").strip()
        if not value:
            continue
        if currency not in ref.currencies:
            return error(f"unknown currency {currency.upper()} (Medusa sells in {_known(ref)})")
        try:
            amount = parse_amount(value)
        except ValueError as exc:
            return error(f"bad price in {currency.upper()}: {exc}")
        if currency in prices and prices[currency] != amount:
            return error(f"two prices in {currency.upper()}")
        prices[currency] = amount
    if not prices:
        return error("no price")

    quantity = None
    if (value := _cell(raw, cols, "quantity")) is not None:
        if not re.fullmatch(r"\d{1,9}", value):
            return error(f"bad quantity {value!r} (a whole number, 0 or more)")
        quantity = int(value)
    weight = None
    if (value := _cell(raw, cols, "weight")) is not None:
        if not re.fullmatch(r"\d{1,9}", value):
            return error(f"bad weight {value!r} (whole grams)")
        weight = int(value)

    floor = None
    if (value := _cell(raw, cols, "floor_price")) is not None:
        currency = (_cell(raw, cols, "floor_currency") or "").lower()
        if not currency:
            currency = "cad" if "cad" in prices or len(prices) != 1 else next(iter(prices))
        if currency not in ref.currencies:
            return error(f"unknown floor currency {currency.upper()} (Medusa sells in {_known(ref)})")
        try:
            amount = parse_amount(value)
        except ValueError as exc:
            return error(f"bad floor price: {exc}")
        if currency in prices and amount > prices[currency]:
            return error(f"floor price {amount} is above the {currency.upper()} price {prices[currency]}")
        floor = Floor(amount=amount, currency=currency)

    refs = re.split(r"[|\s]+", _cell(raw, cols, "images") or "")
    refs += [(raw.get(cols.images[n]) or "").strip() for n in sorted(cols.images)]
    images = tuple(dict.fromkeys(r for r in refs if r))
    for ref in images:
        if not ref.startswith(("http://", "https://")) and (
            ref.startswith(("/", "\\")) or ".." in ref.replace("\\", "/").split("/") or "://" in ref
        ):
            return error(f"bad image {ref!r} (an http(s) URL, or a file name beside the CSV file)")

    variant_title = _cell(raw, cols, "variant_title") or " / ".join(options.values())
    variant_title_fr = _cell(raw, cols, "variant_title_fr")
    if (
        variant_title_fr is None
        and _cell(raw, cols, "variant_title") is None
        and len(options_fr) == len(options)
    ):
        variant_title_fr = " / ".join(options_fr[k] for k in options)

    return VariantRow(
        line=line,
        handle=handle,
        sku=sku,
        title=_cell(raw, cols, "title"),
        title_fr=_cell(raw, cols, "title_fr"),
        description=_cell(raw, cols, "description"),
        description_fr=_cell(raw, cols, "description_fr"),
        status=status,
        category_ids=category_ids,
        collection_id=collection_id,
        options=tuple(options.items()),
        options_fr=tuple(options_fr.items()),
        variant_title=variant_title,
        variant_title_fr=variant_title_fr,
        prices=tuple(sorted(prices.items())),
        quantity=quantity,
        weight=weight,
        floor=floor,
        images=images or None,
    )


# --- rows against each other ---------------------------------------------------------------

_PRODUCT_FIELDS = (
    "title",
    "title_fr",
    "description",
    "description_fr",
    "status",
    "category_ids",
    "collection_id",
    "images",
)


def group_rows(rows: Iterable[VariantRow]) -> tuple[list[ProductSpec], list[RowError]]:
    """Gather rows by handle (in file order) and reject rows that contradict earlier ones.

    A product's fields may be given on any of its rows (usually the first); a later row that
    gives a different value is an error, as are a SKU seen before, options that differ from the
    product's first row, and two variants with the same options. A product without a title on
    any row is rejected whole.
    """
    specs: dict[str, ProductSpec] = {}
    errors: list[RowError] = []
    sku_lines: dict[str, int] = {}
    field_lines: dict[tuple[str, str], int] = {}
    combos: dict[tuple[str, tuple[tuple[str, str], ...]], int] = {}

    for row in rows:

        def error(reason: str, row: VariantRow = row) -> None:
            errors.append(RowError(line=row.line, reason=reason, handle=row.handle, sku=row.sku))

        if row.sku in sku_lines:
            error(f"duplicate SKU {row.sku!r} (first on line {sku_lines[row.sku]})")
            continue
        spec = specs.get(row.handle) or ProductSpec(handle=row.handle)
        conflict = None
        for name in _PRODUCT_FIELDS:
            value = getattr(row, name)
            if value is not None and getattr(spec, name) not in (None, value):
                conflict = f"{name} differs from line {field_lines[(row.handle, name)]}"
                break
        if conflict:
            error(conflict)
            continue
        titles = tuple(title for title, _ in row.options)
        if spec.variants and titles != spec.option_titles:
            error(
                f"options {', '.join(titles)} differ from line {spec.variants[0].line} "
                f"({', '.join(spec.option_titles)})"
            )
            continue
        combo_key = (row.handle, row.options)
        if combo_key in combos:
            error(f"same options as line {combos[combo_key]} ({' / '.join(v for _, v in row.options)})")
            continue

        sku_lines[row.sku] = row.line
        combos[combo_key] = row.line
        for name in _PRODUCT_FIELDS:
            value = getattr(row, name)
            if value is not None and getattr(spec, name) is None:
                setattr(spec, name, value)
                field_lines[(row.handle, name)] = row.line
        spec.option_titles = titles
        spec.variants.append(row)
        specs[row.handle] = spec

    good: list[ProductSpec] = []
    for spec in specs.values():
        if spec.title is None:
            errors.extend(
                RowError(
                    line=v.line,
                    reason="missing title (give it on one row of the product)",
                    handle=v.handle,
                    sku=v.sku,
                )
                for v in spec.variants
            )
        else:
            good.append(spec)
    errors.sort(key=lambda e: e.line)
    return good, errors
