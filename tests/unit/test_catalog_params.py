from decimal import Decimal

from catalog.params import (
    ListingParams,
    ParamError,
    cleared,
    parse,
    to_query,
    toggled_condition,
    url,
    with_category,
)


def test_defaults_and_sort_depends_on_search():
    assert parse({}) == ListingParams()
    assert parse({}).effective_sort == "newest"
    assert parse({"q": "tv"}).effective_sort == "relevance"
    assert parse({"q": "tv", "sort": "price_desc"}).effective_sort == "price_desc"


def test_full_query_round_trips_to_one_canonical_url():
    params = parse(
        {
            "page": "2",
            "stock": "1",
            "max": "500",
            "min": "99.50",
            "condition": "Good,fair,good",
            "collection": "under-200",
            "category": "Audio",
            "sort": "price_asc",
            "q": "  casque   sans fil ",
        }
    )
    assert params.q == "casque sans fil"
    assert params.conditions == ("fair", "good")
    assert params.min_price == Decimal("99.50") and params.max_price == Decimal("500")
    assert params.category == "audio" and params.in_stock and params.page == 2
    assert params.errors == ()
    assert url("/fr/store", params) == (
        "/fr/store?q=casque+sans+fil&sort=price_asc&category=audio&collection=under-200"
        "&condition=fair%2Cgood&min=99.5&max=500&stock=1&page=2"
    )
    assert parse(to_query(params)) == params


def test_bad_values_are_dropped_and_reported_the_rest_still_applies():
    params = parse(
        {"sort": "price", "min": "abc", "max": "-5", "page": "0", "condition": "good,<x>", "category": "a b"}
    )
    assert params.sort == "" and params.min_price is None and params.max_price is None and params.page == 1
    assert params.conditions == ("good",)
    assert set(params.errors) == {
        ParamError("sort", "price"),
        ParamError("min", "abc"),
        ParamError("max", "-5"),
        ParamError("page", "0"),
        ParamError("condition", "<x>"),
        ParamError("category", "a b"),
    }


def test_relevance_is_only_valid_with_a_search():
    assert parse({"sort": "relevance"}).errors == (ParamError("sort", "relevance"),)
    assert parse({"sort": "relevance", "q": "tv"}).sort == "relevance"


def test_prices_accept_french_decimals_and_swap_when_reversed():
    params = parse({"min": "1 000,50", "max": "20"})
    assert params.min_price == Decimal("20") and params.max_price == Decimal("1000.50")
    assert parse({"min": "NaN"}).errors == (ParamError("min", "NaN"),)


def test_repeated_keys_count_like_a_comma_list():
    assert parse({"condition": ["good", "fair"]}).conditions == ("fair", "good")


def test_changing_a_filter_returns_to_page_one_and_clearing_keeps_the_search():
    params = parse({"q": "tv", "sort": "title", "condition": "good", "page": "4", "stock": "1"})
    assert toggled_condition(params, "fair").page == 1
    assert toggled_condition(params, "good").conditions == ()
    assert with_category(with_category(params, "audio"), "audio").category == ""
    assert cleared(params) == ListingParams(q="tv", sort="title")
    assert not cleared(ListingParams(category="audio")).filtered
