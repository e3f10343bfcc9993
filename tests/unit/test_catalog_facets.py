from decimal import Decimal

from catalog.facets import FacetValue, assemble, category_choices
from catalog.params import parse
from catalog.queries import FacetCount, PriceBounds
from medusa import Category, Collection

KITCHEN = Category(id="c1", name="Kitchen", handle="kitchen", rank=0)
LAUNDRY = Category(id="c2", name="Laundry", handle="laundry", rank=1)
DISHWASHERS = Category(id="c3", name="Dishwashers", handle="dishwashers", parent_category_id="c1", rank=0)
CATEGORIES = [LAUNDRY, DISHWASHERS, KITCHEN]
COLLECTIONS = [
    Collection(id="k2", title="Under $200", handle="under-200"),
    Collection(id="k1", title="Staff", handle="staff"),
]


def test_store_page_offers_top_level_categories_and_a_chosen_ones_children():
    assert category_choices(CATEGORIES, None, None) == [KITCHEN, LAUNDRY]
    assert category_choices(CATEGORIES, None, KITCHEN) == [KITCHEN, DISHWASHERS, LAUNDRY]
    # on /categories/kitchen the filters are its subcategories
    assert category_choices(CATEGORIES, KITCHEN, None) == [DISHWASHERS]


def test_assemble_labels_counts_selection_and_hides_empty_values():
    counts = [
        FacetCount("category", "c1", "", 10),
        FacetCount("category", "c3", "", 4),
        FacetCount("collection", "k1", "", 2),
        FacetCount("condition", "fair", "Passable", 3),
        FacetCount("condition", "like-new", "Comme neuf", 5),
        FacetCount("stock", "in_stock", "", 8),
    ]
    params = parse({"category": "kitchen", "condition": "good"})
    facets = assemble(
        counts,
        PriceBounds(Decimal("9.99"), Decimal("2000")),
        params,
        CATEGORIES,
        COLLECTIONS,
        selected_category=KITCHEN,
    )
    assert facets.categories == [
        FacetValue("kitchen", "Kitchen", 10, True),
        FacetValue("dishwashers", "Dishwashers", 4, False),
    ]  # Laundry has no match: hidden
    assert facets.collections == [FacetValue("staff", "Staff", 2, False)]
    # grade order, French labels from the read model; the selected "good" stays although empty
    assert facets.conditions == [
        FacetValue("like-new", "Comme neuf", 5, False),
        FacetValue("good", "Good", 0, True),
        FacetValue("fair", "Passable", 3, False),
    ]
    assert facets.in_stock_count == 8
    assert (facets.price_low, facets.price_high) == (Decimal("9.99"), Decimal("2000"))


def test_collection_pages_show_no_collection_facet():
    facets = assemble(
        [FacetCount("collection", "k1", "", 2)],
        PriceBounds(None, None),
        parse({}),
        [],
        COLLECTIONS,
        show_collections=False,
    )
    assert facets.collections == []
