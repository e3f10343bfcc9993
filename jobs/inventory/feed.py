"""The stock feed: a CSV with a header row and the columns ``sku``, ``quantity`` and optionally
``location`` (a Medusa stock location id or name; empty → the default location).

Header names are matched loosely (case, spaces, ``-``/``_``) and a few usual aliases are accepted
("Variant SKU", "qty", "stock", "on_hand", "location_id", "warehouse"). Parsing is a plain function:
rows that cannot be used are reported with their line number; a file without the needed columns
is unreadable as a whole.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

ALIASES = {
    "sku": ("sku", "variant sku", "variant_sku", "item sku", "code"),
    "quantity": ("quantity", "qty", "stock", "on hand", "on_hand", "stocked quantity", "available"),
    "location": ("location", "location id", "location_id", "stock location", "warehouse", "location name"),
}
MAX_QUANTITY = 10_000_000


class FeedUnreadable(Exception):
    """The feed as a whole cannot be used (not CSV, no header, missing sku/quantity column)."""


@dataclass(frozen=True)
class FeedRow:
    line: int
    sku: str
    quantity: int
    location: str | None  # as written in the feed; None → the default location


@dataclass(frozen=True)
class FeedError:
    line: int
    sku: str | None
    reason: str


def _norm(header: str) -> str:
    return re.sub(r"[\s_\-]+", " ", header.strip().lower().lstrip("\ufeff"))


def _columns(headers: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        name = _norm(header)
        for field, aliases in ALIASES.items():
            if field not in found and name in {_norm(a) for a in aliases}:
                found[field] = index
    missing = [f for f in ("sku", "quantity") if f not in found]
    if missing:
        raise FeedUnreadable(
            f"the header has no {' or '.join(missing)} column (found: {', '.join(h.strip() for h in headers) or 'nothing'})"
        )
    return found


def parse_quantity(raw: str) -> int:
    text = raw.strip().replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"[+-]?\d+(\.0+)?", text) is None:
        raise ValueError(f"quantity {raw!r} is not a whole number")
    value = int(float(text)) if "." in text else int(text)
    if value < 0:
        raise ValueError(f"quantity {value} is negative")
    if value > MAX_QUANTITY:
        raise ValueError(f"quantity {value} is too large")
    return value


def parse_feed(data: bytes) -> tuple[list[FeedRow], list[FeedError]]:
    """Rows and per-line errors. A SKU listed twice for one location is an error on the second line
    (which quantity is right cannot be guessed)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FeedUnreadable(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    if "\x00" in text:
        raise FeedUnreadable("binary data, not a CSV file")
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        headers = next(reader)
    except StopIteration:
        raise FeedUnreadable("the file is empty") from None
    except csv.Error as exc:
        raise FeedUnreadable(f"not CSV: {exc}") from exc
    cols = _columns(headers)
    rows: list[FeedRow] = []
    errors: list[FeedError] = []
    seen: dict[tuple[str, str | None], int] = {}
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue

            def cell(field: str, cells: list[str] = cells) -> str:
                index = cols.get(field)
                return cells[index].strip() if index is not None and index < len(cells) else ""

            sku = cell("sku")
            if not sku:
                errors.append(FeedError(line, None, "no SKU"))
                continue
            try:
                quantity = parse_quantity(cell("quantity"))
            except ValueError as exc:
                errors.append(FeedError(line, sku, str(exc)))
                continue
            location = cell("location") or None
            key = (sku, location)
            if key in seen:
                errors.append(
                    FeedError(line, sku, f"{sku} is listed twice for this location (line {seen[key]})")
                )
                continue
            seen[key] = line
            rows.append(FeedRow(line, sku, quantity, location))
    except csv.Error as exc:
        raise FeedUnreadable(f"not CSV at line {reader.line_num}: {exc}") from exc
    return rows, errors
