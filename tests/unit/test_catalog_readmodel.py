from datetime import UTC, datetime
from decimal import Decimal

from catalog.readmodel import category_lineage, fold, listing_row, prices, slug
from medusa import Category, Product, Region

REGION = Region(id="reg_ca", name="Canada", currency_code="cad")
NOW = datetime(2026, 11, 25, tzinfo=UTC)


def _variant(vid, grade, amount, original=None, qty=1):
    return {
        "id": vid,
        "options": [{"option_id": "opt_cond", "value": grade}],
        "calculated_price": {
            "calculated_amount": amount,
            "original_amount": original or amount,
            "currency_code": "cad",
        },
        "inventory_quantity": qty,
        "manage_inventory": True,
    }


def _product(**changes):
    data = {
        "id": "prod_1",
        "handle": "bosch-300",
        "title": "Bosch 300 dishwasher",
        "thumbnail": "http://x/a.png",
        "metadata": {"brand": "Bosch"},
        "options": [
            {
                "id": "opt_cond",
                "title": "Condition",
                "values": [
                    {"id": "v1", "value": "Like new"},
                    {"id": "v2", "value": "Fair"},
                    {"id": "v3", "value": "Good"},
                ],
            }
        ],
        "variants": [_variant("var_1", "Fair", "649.99", qty=0), _variant("var_2", "Like new", "899.00")],
        "categories": [
            {"id": "c3", "name": "Dishwashers", "handle": "dishwashers", "parent_category_id": "c1"}
        ],
        "collection": {"id": "k1", "title": "Staff picks", "handle": "staff"},
        "created_at": "2026-11-01T10:00:00Z",
    }
    data.update(changes)
    return Product.model_validate(data)


FRENCH = Product.model_validate(
    {
        "id": "prod_1",
        "handle": "bosch-300",
        "title": "Lave-vaisselle Bosch 300",
        "description": "Cuve en acier inoxydable",
        "options": [
            {
                "id": "opt_cond",
                "title": "État",
                "values": [
                    {"id": "v1", "value": "Comme neuf"},
                    {"id": "v2", "value": "Passable"},
                    {"id": "v3", "value": "Bon"},
                ],
            }
        ],
    }
)
CATEGORIES = [
    Category(id="c1", name="Kitchen", handle="kitchen"),
    Category(id="c3", name="Dishwashers", handle="dishwashers", parent_category_id="c1"),
]


def test_fold_and_slug_drop_accents_and_case():
    assert fold("Écran Énorme") == "ecran enorme"
    assert slug("Like new") == "like-new" and slug("Comme neuf!") == "comme-neuf"


def test_lineage_lists_ancestors_and_survives_a_cycle():
    lineage = category_lineage(CATEGORIES)
    assert [c.id for c in lineage["c3"]] == ["c3", "c1"]
    looped = category_lineage(
        [
            Category(id="a", name="A", handle="a", parent_category_id="b"),
            Category(id="b", name="B", handle="b", parent_category_id="a"),
        ]
    )
    assert [c.id for c in looped["a"]] == ["a", "b"]


def test_row_has_lowest_price_grades_in_order_both_languages_and_ancestor_categories():
    row = listing_row(
        _product(),
        FRENCH,
        REGION,
        category_lineage(CATEGORIES),
        {"c1": "Cuisine", "c3": "Lave-vaisselle"},
        NOW,
    )
    assert row.price == Decimal("649.99") and row.original_price is None and row.price_varies
    assert row.conditions == ["like-new", "fair"]  # grades the variants have, in display order
    assert row.condition_labels_en == ["Like new", "Fair"]
    assert row.condition_labels_fr == ["Comme neuf", "Passable"]
    # per grade: its own lowest price and stock (the Fair unit is sold out)
    assert row.condition_prices == [Decimal("899.00"), Decimal("649.99")]
    assert row.condition_in_stock == [True, False]
    assert row.category_ids == ["c3", "c1"] and row.category_handles == ["dishwashers", "kitchen"]
    assert row.collection_handle == "staff" and row.in_stock  # one variant in stock is enough
    assert row.title_fr == "Lave-vaisselle Bosch 300" and row.sort_fr == "lave-vaisselle bosch 300"
    assert "Cuisine" in row.body_fr and "Cuve en acier" in row.body_fr and "Bosch" in row.body_en
    assert row.currency_code == "cad" and row.region_id == "reg_ca" and row.synced_at == NOW


def test_a_sale_keeps_the_original_price_of_the_cheapest_variant():
    product = _product(variants=[_variant("v", "Good", "80", original="100"), _variant("w", "Fair", "90")])
    assert prices(product) == (Decimal("80"), Decimal("100"), True)


def test_product_without_prices_or_french_content_still_gets_a_row():
    product = _product(
        variants=[{"id": "v", "options": [], "manage_inventory": True, "inventory_quantity": 0}], options=[]
    )
    row = listing_row(product, None, REGION, {}, {}, NOW)
    assert row.price is None and not row.in_stock and row.conditions == []
    assert row.title_fr == row.title_en
