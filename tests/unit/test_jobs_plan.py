"""Diffing product specs against Medusa's products (pure functions, no services)."""

from __future__ import annotations

import json
from decimal import Decimal

from jobs.ingest.columns import map_headers
from jobs.ingest.plan import (
    CREATED,
    UNCHANGED,
    UPDATED,
    Placement,
    diff_stock,
    diff_translations,
    plan_product,
    wanted_translations,
)
from jobs.ingest.rows import Reference, VariantRow, group_rows, map_row
from medusa import _json
from medusa.admin.models import AdminProduct, Translation

REF = Reference(frozenset({"cad", "usd"}), {"audio": "pcat_AUDIO"}, {})
PLACE = Placement(sales_channel_id="sc_1", shipping_profile_id="sp_1")
HEADERS = [
    "handle",
    "title",
    "title_fr",
    "category",
    "condition",
    "sku",
    "price_cad",
    "price_usd",
    "quantity",
    "floor_price",
]


def spec_of(*rows: dict[str, str]):
    cols = map_headers(HEADERS)
    mapped = []
    for line, raw in enumerate(rows, start=2):
        result = map_row(line, {h: raw.get(h, "") for h in HEADERS}, cols, REF)
        assert isinstance(result, VariantRow), result
        mapped.append(result)
    specs, errors = group_rows(mapped)
    assert not errors
    return specs[0]


SPEC_ROWS = (
    {
        "handle": "xm5",
        "title": "XM5",
        "title_fr": "Casque XM5",
        "category": "audio",
        "condition": "Like new",
        "sku": "XM5-LN",
        "price_cad": "199.99",
        "price_usd": "149.99",
        "quantity": "3",
        "floor_price": "150",
    },
    {"handle": "xm5", "condition": "Good", "sku": "XM5-GD", "price_cad": "179.99", "quantity": "1"},
)


def existing_product(**overrides) -> AdminProduct:
    data = {
        "id": "prod_1",
        "handle": "xm5",
        "title": "XM5",
        "status": "published",
        "categories": [{"id": "pcat_AUDIO", "name": "Audio", "handle": "audio"}],
        "options": [
            {
                "id": "opt_c",
                "title": "Condition",
                "values": [{"id": "ov_ln", "value": "Like new"}, {"id": "ov_gd", "value": "Good"}],
            }
        ],
        "variants": [
            {
                "id": "v_ln",
                "sku": "XM5-LN",
                "title": "Like new",
                "prices": [
                    {"id": "p1", "amount": 199.99, "currency_code": "cad"},
                    {"id": "p2", "amount": 149.99, "currency_code": "usd"},
                ],
                "options": [{"id": "ov_ln", "option_id": "opt_c", "value": "Like new"}],
            },
            {
                "id": "v_gd",
                "sku": "XM5-GD",
                "title": "Good",
                "prices": [
                    {"id": "p3", "amount": 179.99, "currency_code": "cad"},
                    {"id": "p4", "amount": 130, "currency_code": "usd"},
                ],
                "options": [{"id": "ov_gd", "option_id": "opt_c", "value": "Good"}],
            },
        ],
    }
    data.update(overrides)
    return AdminProduct.model_validate(_json.loads(json.dumps(data)))


def test_a_new_product_is_created_whole_and_its_floor_never_reaches_medusa():
    plan = plan_product(spec_of(*SPEC_ROWS), None, {}, PLACE)
    body = plan.create
    assert body["handle"] == "xm5" and body["title"] == "XM5" and body["status"] == "published"
    assert body["categories"] == [{"id": "pcat_AUDIO"}]
    assert body["options"] == [{"title": "Condition", "values": ["Like new", "Good"]}]
    assert body["sales_channels"] == [{"id": "sc_1"}] and body["shipping_profile_id"] == "sp_1"
    first = body["variants"][0]
    assert first["sku"] == "XM5-LN" and first["options"] == {"Condition": "Like new"}
    assert first["prices"] == [
        {"currency_code": "cad", "amount": Decimal("199.99")},
        {"currency_code": "usd", "amount": Decimal("149.99")},
    ]
    assert first["manage_inventory"] is True
    encoded = _json.dumps(body)
    assert "150" not in encoded and "floor" not in encoded.lower()
    assert plan.status == {2: CREATED, 3: CREATED}


def test_a_product_that_matches_makes_no_calls():
    plan = plan_product(
        spec_of(*SPEC_ROWS), existing_product(), {"XM5-LN": "prod_1", "XM5-GD": "prod_1"}, PLACE
    )
    assert not plan.has_product_calls
    assert plan.status == {2: UNCHANGED, 3: UNCHANGED}


def test_a_changed_price_updates_that_variant_and_keeps_its_other_currency():
    rows = (dict(SPEC_ROWS[0]), {**SPEC_ROWS[1], "price_cad": "169.99"})
    plan = plan_product(spec_of(*rows), existing_product(), {}, PLACE)
    assert plan.update is None and plan.variant_create == []
    assert plan.variant_update == [
        {
            "id": "v_gd",
            "prices": [
                {"id": "p3", "currency_code": "cad", "amount": Decimal("169.99")},
                {"id": "p4", "currency_code": "usd", "amount": Decimal("130")},
            ],
        }
    ]
    assert plan.status == {2: UNCHANGED, 3: UPDATED}


def test_a_new_grade_adds_the_option_value_then_the_variant():
    rows = (*SPEC_ROWS, {"handle": "xm5", "condition": "Fair", "sku": "XM5-FR", "price_cad": "150"})
    plan = plan_product(spec_of(*rows), existing_product(), {}, PLACE)
    assert plan.option_update == [{"product_option_id": "opt_c", "add": [{"value": "Fair"}]}]
    assert [v["sku"] for v in plan.variant_create] == ["XM5-FR"]
    assert plan.status[4] == CREATED


def test_product_fields_are_updated_only_when_given_and_different():
    rows = ({**SPEC_ROWS[0], "title": "Sony XM5"}, SPEC_ROWS[1])
    plan = plan_product(spec_of(*rows), existing_product(), {}, PLACE)
    assert plan.update == {"id": "prod_1", "title": "Sony XM5"}
    assert plan.status == {2: UPDATED, 3: UPDATED}


def test_a_sku_of_another_product_is_an_error_for_its_row_only():
    plan = plan_product(spec_of(*SPEC_ROWS), None, {"XM5-GD": "prod_other"}, PLACE)
    assert [(e.line, e.reason) for e in plan.errors] == [
        (3, "SKU 'XM5-GD' already belongs to another product (prod_other)")
    ]
    assert [v["sku"] for v in plan.create["variants"]] == ["XM5-LN"]


def test_options_that_do_not_match_the_product_are_refused():
    product = existing_product(
        options=[
            {"id": "opt_c", "title": "Condition", "values": []},
            {"id": "opt_x", "title": "Color", "values": []},
        ]
    )
    plan = plan_product(spec_of(*SPEC_ROWS), product, {}, PLACE)
    assert plan.rows == [] and not plan.has_product_calls
    assert plan.errors[0].reason == "options Condition do not match the product's (Condition, Color)"


def test_translations_are_created_once_and_updated_when_different():
    spec = spec_of(*SPEC_ROWS)
    product = existing_product()
    wanted = wanted_translations(spec, spec.variants, product)
    refs = {(w.reference, w.reference_id): dict(w.fields) for w in wanted}
    assert refs[("product", "prod_1")] == {"title": "Casque XM5"}
    assert refs[("product_option", "opt_c")] == {"title": "État"}
    assert refs[("product_option_value", "ov_ln")] == {"value": "Comme neuf"}
    assert refs[("product_option_value", "ov_gd")] == {"value": "Bon"}
    assert refs[("product_variant", "v_ln")] == {"title": "Comme neuf"}

    create, update, changed = diff_translations(wanted, [])
    assert len(create) == len(wanted) and update == [] and len(changed) == len(wanted)
    assert create[0]["locale_code"] == "fr-CA"

    existing = [
        Translation(
            id=f"t{i}",
            reference=c["reference"],
            reference_id=c["reference_id"],
            locale_code="fr-CA",
            translations=c["translations"],
        )
        for i, c in enumerate(create)
    ]
    assert diff_translations(wanted, existing) == ([], [], [])

    existing[0] = Translation(
        id="t0",
        reference="product",
        reference_id="prod_1",
        locale_code="fr-CA",
        translations={"title": "Ancien", "description": "Garde"},
    )
    create, update, _ = diff_translations(wanted, existing)
    assert create == [] and update == [
        {"id": "t0", "translations": {"title": "Casque XM5", "description": "Garde"}}
    ]


def test_stock_is_set_only_where_it_differs():
    spec = spec_of(*SPEC_ROWS)
    create, update, changed, errors = diff_stock(
        spec.variants, {"XM5-LN": ("ii_1", None), "XM5-GD": ("ii_2", 1)}, "sloc_1"
    )
    assert create == [{"inventory_item_id": "ii_1", "location_id": "sloc_1", "stocked_quantity": 3}]
    assert update == [] and changed == [2] and errors == []
    _, _, _, errors = diff_stock(spec.variants, {"XM5-LN": ("ii_1", 3)}, "sloc_1")
    assert [(e.line, e.reason) for e in errors] == [(3, "Medusa has no inventory item for this SKU")]


def test_images_are_attached_on_create_and_replaced_only_when_different():
    urls = ("https://cdn.test/products/a.png", "https://cdn.test/products/b.png")
    created = plan_product(spec_of(*SPEC_ROWS), None, {}, PLACE, urls)
    assert created.create["images"] == [{"url": urls[0]}, {"url": urls[1]}]
    assert created.create["thumbnail"] == urls[0]

    same = existing_product(
        thumbnail=urls[0],
        images=[{"id": "i1", "url": urls[0], "rank": 0}, {"id": "i2", "url": urls[1], "rank": 1}],
    )
    assert not plan_product(spec_of(*SPEC_ROWS), same, {}, PLACE, urls).has_product_calls
    reordered = plan_product(spec_of(*SPEC_ROWS), same, {}, PLACE, urls[::-1])
    assert reordered.update == {
        "id": "prod_1",
        "images": [{"url": urls[1]}, {"url": urls[0]}],
        "thumbnail": urls[1],
    }
