"""CSV row mapping and validation (pure functions, no services)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jobs.ingest.columns import map_headers, normalize_header
from jobs.ingest.rows import (
    Floor,
    Reference,
    RowError,
    SourceError,
    VariantRow,
    group_rows,
    map_row,
    normalize_grade,
    parse_amount,
    read_csv,
)

REF = Reference(
    currencies=frozenset({"cad", "usd"}),
    categories={"audio": "pcat_AUDIO", "furniture": "pcat_FURN"},
    collections={"under-200": "pcol_U200"},
)

OURS = [
    "handle",
    "title",
    "title_fr",
    "description",
    "description_fr",
    "category",
    "collection",
    "condition",
    "color",
    "color_fr",
    "sku",
    "price_cad",
    "price_usd",
    "quantity",
    "floor_price",
]
GOOD = {
    "handle": "sony-wh-1000xm5",
    "title": "Sony WH-1000XM5",
    "title_fr": "Casque Sony WH-1000XM5",
    "description": "Noise cancelling.",
    "description_fr": "Réduction du bruit.",
    "category": "audio",
    "collection": "under-200",
    "condition": "Like new",
    "color": "Black",
    "color_fr": "Noir",
    "sku": "SONY-XM5-LN-BLK",
    "price_cad": "199.99",
    "price_usd": "149.99",
    "quantity": "3",
    "floor_price": "160",
}


def row(**changes: str) -> dict[str, str]:
    return {**GOOD, **changes}


def mapped(raw: dict[str, str], headers: list[str] | None = None, line: int = 2):
    return map_row(line, raw, map_headers(headers or list(raw)), REF)


def test_a_good_row_maps_every_field():
    result = mapped(row())
    assert isinstance(result, VariantRow)
    assert result.handle == "sony-wh-1000xm5" and result.sku == "SONY-XM5-LN-BLK"
    assert result.title == "Sony WH-1000XM5" and result.title_fr == "Casque Sony WH-1000XM5"
    assert result.category_ids == ("pcat_AUDIO",) and result.collection_id == "pcol_U200"
    assert result.options == (("Condition", "Like new"), ("Color", "Black"))
    assert result.options_fr == (("Condition", "Comme neuf"), ("Color", "Noir"))
    assert result.variant_title == "Like new / Black" and result.variant_title_fr == "Comme neuf / Noir"
    assert result.prices == (("cad", Decimal("199.99")), ("usd", Decimal("149.99")))
    assert all(isinstance(amount, Decimal) for _, amount in result.prices)
    assert result.quantity == 3
    assert result.floor == Floor(Decimal("160"), "cad")


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"handle": ""}, "missing handle"),
        ({"handle": "Bad Handle!"}, "handle 'bad handle!' may only hold"),
        ({"sku": ""}, "missing SKU"),
        ({"price_cad": "abc", "price_usd": ""}, "bad price in CAD: 'abc' is not an amount"),
        ({"price_cad": "0"}, "bad price in CAD: '0' must be more than zero"),
        ({"price_cad": "-5"}, "bad price in CAD: '-5' is not an amount"),
        ({"price_cad": "12.345"}, "bad price in CAD: '12.345' has more than 2 decimals"),
        ({"price_cad": "", "price_usd": ""}, "no price"),
        ({"category": "kitchen-sinks"}, "unknown category 'kitchen-sinks'"),
        ({"category": "audio|nope"}, "unknown category 'nope'"),
        ({"collection": "summer"}, "unknown collection 'summer'"),
        ({"condition": "Mint"}, "unknown condition grade 'Mint' (Like new, Good or Fair)"),
        ({"condition": ""}, "missing condition grade (Like new, Good or Fair)"),
        ({"quantity": "2.5"}, "bad quantity '2.5'"),
        ({"quantity": "-1"}, "bad quantity '-1'"),
        ({"floor_price": "250"}, "floor price 250 is above the CAD price 199.99"),
        ({"floor_price": "zero"}, "bad floor price: 'zero' is not an amount"),
    ],
)
def test_bad_rows_are_rejected_with_a_reason(changes, reason):
    result = mapped(row(**changes))
    assert isinstance(result, RowError), result
    assert result.line == 2
    assert result.reason.startswith(reason), result.reason


def test_unknown_currency_column_and_currency_cell():
    raw = {**row(), "price_eur": "99"}
    result = mapped(raw)
    assert isinstance(result, RowError)
    assert result.reason == "unknown currency EUR (Medusa sells in CAD, USD)"
    # an empty cell in an unknown currency's column is not an error
    assert isinstance(mapped({**row(), "price_eur": ""}), VariantRow)
    # price + currency columns
    raw = {k: v for k, v in row(floor_price="").items() if not k.startswith("price_")}
    assert mapped({**raw, "price": "10", "currency": "GBP"}).reason.startswith("unknown currency GBP")
    ok = mapped({**raw, "price": "10", "currency": "usd"})
    assert ok.prices == (("usd", Decimal("10")),)


def test_unknown_status_and_floor_currency():
    assert mapped({**row(), "status": "archived"}).reason == "unknown status 'archived' (published or draft)"
    assert mapped({**row(), "status": "Draft"}).status == "draft"
    bad = mapped({**row(), "floor_currency": "EUR"})
    assert bad.reason.startswith("unknown floor currency EUR")
    usd = mapped({**row(), "floor_price": "120", "floor_currency": "usd"})
    assert usd.floor == Floor(Decimal("120"), "usd")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1234.50", Decimal("1234.50")),
        ("1,234.50", Decimal("1234.50")),
        ("1 234,50", Decimal("1234.50")),
        ("1\u00a0234,50", Decimal("1234.50")),
        ("$12", Decimal("12")),
        ("12,5", Decimal("12.5")),
    ],
)
def test_amounts_in_english_and_french_notation(raw, expected):
    assert parse_amount(raw) == expected


@pytest.mark.parametrize(
    ("raw", "grade"),
    [
        ("Like new", "Like new"),
        ("like-new", "Like new"),
        ("LN", "Like new"),
        ("Comme neuf", "Like new"),
        ("good", "Good"),
        ("Bon", "Good"),
        ("FAIR", "Fair"),
        ("Passable", "Fair"),
        ("Mint", None),
    ],
)
def test_condition_grades_follow_the_seed_convention(raw, grade):
    assert normalize_grade(raw) == grade


def test_medusa_import_column_names_are_accepted():
    headers = [
        "Product Handle",
        "Product Title",
        "Product Description",
        "Product Status",
        "Variant SKU",
        "Variant Title",
        "Variant Price CAD",
        "Variant Price USD",
        "Variant Option 1 Name",
        "Variant Option 1 Value",
        "Variant Option 2 Name",
        "Variant Option 2 Value",
        "Variant Inventory Quantity",
        "Product Image 1 Url",
        "Product Subtitle",
    ]
    cols = map_headers(headers)
    assert cols.missing_required() == []
    assert cols.ignored == ["Product Subtitle"]
    raw = dict(
        zip(
            headers,
            [
                "desk-lamp",
                "Desk lamp",
                "A lamp.",
                "published",
                "LAMP-GD",
                "",
                "39.00",
                "29.00",
                "Condition",
                "Good",
                "Colour",
                "White",
                "4",
                "https://x/y.png",
                "",
            ],
            strict=True,
        )
    )
    result = map_row(5, raw, cols, REF)
    assert isinstance(result, VariantRow), result
    assert result.options == (("Condition", "Good"), ("Color", "White"))
    assert result.variant_title == "Good / White"
    assert result.variant_title_fr is None  # no French colour given: no invented translation
    assert result.prices == (("cad", Decimal("39.00")), ("usd", Decimal("29.00")))
    assert result.quantity == 4 and result.status == "published"
    assert result.images == ("https://x/y.png",)


def test_header_normalisation():
    assert normalize_header("\ufeffProduct_Title ") == "product title"
    assert normalize_header("VARIANT-SKU") == "variant sku"
    assert map_headers(["sku", "SKU"]).duplicates == ["SKU"]


def _rows(*raws: dict[str, str]) -> list[VariantRow]:
    cols = map_headers(OURS)
    out = []
    for line, raw in enumerate(raws, start=2):
        result = map_row(line, {**{h: "" for h in OURS}, **raw}, cols, REF)
        assert isinstance(result, VariantRow), result
        out.append(result)
    return out


def test_grouping_collects_variants_and_product_fields_from_any_row():
    rows = _rows(
        {"handle": "chair", "title": "Chair", "sku": "C-LN", "condition": "Like new", "price_cad": "100"},
        {"handle": "chair", "sku": "C-GD", "condition": "Good", "price_cad": "90", "category": "furniture"},
        {"handle": "lamp", "title": "Lamp", "sku": "L-LN", "condition": "Like new", "price_cad": "10"},
    )
    specs, errors = group_rows(rows)
    assert errors == []
    assert [s.handle for s in specs] == ["chair", "lamp"]
    chair = specs[0]
    assert chair.title == "Chair" and chair.category_ids == ("pcat_FURN",)
    assert [v.sku for v in chair.variants] == ["C-LN", "C-GD"] and chair.lines == [2, 3]


def test_grouping_rejects_contradictions_line_by_line():
    rows = _rows(
        {"handle": "chair", "title": "Chair", "sku": "C-LN", "condition": "Like new", "price_cad": "100"},
        {"handle": "chair", "sku": "C-LN", "condition": "Good", "price_cad": "90"},  # duplicate SKU
        {"handle": "chair", "title": "Stool", "sku": "C-GD", "condition": "Good", "price_cad": "90"},
        {"handle": "chair", "sku": "C-FR", "condition": "Fair", "color": "Red", "price_cad": "80"},
        {"handle": "chair", "sku": "C-LN2", "condition": "Like new", "price_cad": "95"},  # same options
        {"handle": "stool", "sku": "S-LN", "condition": "Like new", "price_cad": "50"},  # no title anywhere
        {"handle": "stool", "sku": "S-GD", "condition": "Good", "price_cad": "40"},
        {"handle": "chair", "sku": "C-GD2", "condition": "Good", "price_cad": "85"},  # fine
    )
    specs, errors = group_rows(rows)
    assert [(e.line, e.reason) for e in errors] == [
        (3, "duplicate SKU 'C-LN' (first on line 2)"),
        (4, "title differs from line 2"),
        (5, "options Condition, Color differ from line 2 (Condition)"),
        (6, "same options as line 2 (Like new)"),
        (7, "missing title (give it on one row of the product)"),
        (8, "missing title (give it on one row of the product)"),
    ]
    assert [s.handle for s in specs] == ["chair"]
    assert [v.sku for v in specs[0].variants] == ["C-LN", "C-GD2"]


def test_read_csv_reports_the_files_own_line_numbers():
    data = (
        '\ufeffhandle,title,description,sku\na,A,"two\nlines",A-1\n\nb,B,,B-1\nc,C,,C-1,surplus\n'
    ).encode()
    headers, rows = read_csv(data)
    assert headers == ["handle", "title", "description", "sku"]
    assert [line for line, _ in rows] == [2, 5, 6]
    assert rows[0][1]["description"] == "two\nlines"
    cols = map_headers(headers)
    overflow = map_row(rows[2][0], rows[2][1], cols, REF)
    assert isinstance(overflow, RowError) and overflow.reason.startswith("more cells than columns")


def test_read_csv_semicolons_and_unreadable_files():
    headers, rows = read_csv(b"handle;sku;price_cad\nx;X-1;12,50\n")
    assert headers == ["handle", "sku", "price_cad"] and rows[0][1]["price_cad"] == "12,50"
    with pytest.raises(SourceError, match="not UTF-8"):
        read_csv("handle,title\nx,Caf\xe9\n".encode("latin-1"))
    with pytest.raises(SourceError, match="empty"):
        read_csv(b"  \n")
