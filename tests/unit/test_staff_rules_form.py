from decimal import Decimal

import pytest

from assistant.rules import Level, Rule, Subject
from staff.rules_form import floor_above_list_errors, parse_rule_form, preview_rows

BASE = {"level": "product", "target": "blender", "enabled": "on", "mode": "inherit"}


def test_a_percent_floor_becomes_changes_with_the_rest_inherited():
    parsed, errors = parse_rule_form({**BASE, "floor_kind": "percent", "floor_percent": "85,5"}, "en")
    assert errors == {}
    assert parsed.level == "product" and parsed.target == "blender"
    assert parsed.changes["floor_percent"] == Decimal("85.5")
    assert parsed.changes["floor_amounts"] is None
    assert parsed.changes["enabled"] is True and parsed.changes["mode"] is None
    assert parsed.changes["max_rounds"] is None


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"floor_kind": "percent", "floor_percent": "120"}, "floor_percent"),
        ({"floor_kind": "percent", "floor_percent": "-5"}, "floor_percent"),
        ({"floor_kind": "percent", "floor_percent": "abc"}, "floor_percent"),
        ({"floor_kind": "amount", "floor_cad": "-1"}, "floor_cad"),
        ({"floor_kind": "amount", "floor_cad": "0"}, "floor_cad"),
        ({"floor_kind": "amount", "floor_usd": "1.005"}, "floor_usd"),
        ({"floor_kind": "amount"}, "floor_cad"),
        ({"max_rounds": "0"}, "max_rounds"),
        ({"max_rounds": "two"}, "max_rounds"),
        ({"deal_validity_hours": "10000"}, "deal_validity_hours"),
        ({"mode": "greedy"}, "mode"),
        ({"target": ""}, "target"),
        ({"level": "planet"}, "level"),
    ],
)
def test_bad_values_are_refused_per_field(fields, key):
    parsed, errors = parse_rule_form({**BASE, **fields}, "en")
    assert parsed is None
    assert key in errors


def test_errors_are_in_the_staff_language():
    _, errors = parse_rule_form({**BASE, "floor_kind": "amount", "floor_cad": "-3"}, "fr")
    assert "négati" in errors["floor_cad"]


def test_the_store_rule_has_no_target():
    parsed, errors = parse_rule_form(
        {"level": "store", "target": "ignored", "floor_kind": "percent", "floor_percent": "80"}, "en"
    )
    assert errors == {} and parsed.target == ""


def test_an_amount_floor_above_the_lowest_list_price_is_refused():
    errors = floor_above_list_errors(
        {"cad": Decimal("95.00"), "usd": Decimal("50.00")},
        {"cad": [Decimal("120.00"), Decimal("90.00")], "usd": [Decimal("70.00")]},
        "en",
    )
    assert set(errors) == {"floor_cad"} and "$90.00" in errors["floor_cad"]
    assert floor_above_list_errors({"cad": Decimal("90.00")}, {"cad": [Decimal("90.00")]}, "en") == {}


def test_preview_shows_the_resolved_floor_in_money():
    rules = [
        Rule(Level.store, enabled=True, floor_percent=Decimal("80")),
        Rule(Level.product, "blender", floor_percent=Decimal("90")),
    ]
    items = [
        (Subject("blender", "BL-1"), "Like new", Decimal("200.00"), "cad"),
        (Subject("kettle", "KT-1"), "Good", Decimal("50.00"), "cad"),
    ]
    rows = preview_rows(rules, items, "en")
    assert [(r.variant, r.floor, r.max_discount, r.negotiable) for r in rows] == [
        ("Like new", "$180.00", "$20.00", True),
        ("Good", "$40.00", "$10.00", True),
    ]
    assert rows[0].floor_share == "90.0 %"


def test_preview_says_why_a_price_is_fixed():
    rows = preview_rows([], [(Subject("blender"), "A", Decimal("10.00"), "cad")], "fr")
    assert not rows[0].negotiable and rows[0].floor == ""
    assert rows[0].terms.startswith("Prix fixe")


def test_the_product_form_becomes_one_import_row():
    from staff.product_form import product_fields

    row, errors = product_fields(
        {
            "handle": "oak-desk-120",
            "title": "Oak desk",
            "title_fr": "Bureau en chêne",
            "sku": "OAK-120",
            "price_cad": "249,50",
            "floor_price": "200",
            "quantity": "2",
            "image_urls": "https://img.example/a.jpg\nhttps://img.example/b.jpg",
        },
        "en",
    )
    assert errors == {}
    assert row["price_cad"] == "249.50" and row["floor_price"] == "200" and row["quantity"] == "2"
    assert row["images"] == "https://img.example/a.jpg|https://img.example/b.jpg"


def test_the_product_form_refuses_bad_values_per_field():
    from staff.product_form import product_fields

    _, errors = product_fields(
        {
            "handle": "Oak Desk",
            "price_cad": "-3",
            "floor_price": "x",
            "quantity": "1.5",
            "image_urls": "ftp://a",
        },
        "fr",
    )
    assert set(errors) == {
        "handle",
        "title",
        "title_fr",
        "sku",
        "price_cad",
        "floor_price",
        "quantity",
        "image_urls",
    }
    assert "négatif" in errors["price_cad"]
    _, errors = product_fields(
        {"handle": "a", "title": "A", "title_fr": "A", "sku": "A", "price_cad": "10", "floor_price": "12"},
        "en",
    )
    assert set(errors) == {"floor_price"}
