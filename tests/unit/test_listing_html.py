from catalog.facets import Facets, FacetValue
from catalog.params import ListingParams, parse
from tob_app.components.listing_html import (
    ListingView,
    grid_html,
    header_search_html,
    listing_html,
    pager_html,
)
from tob_app.state.views import ProductCard

CARD = ProductCard(
    handle="bosch-300",
    title='Bosch <300> "Series"',
    thumbnail="http://localhost:9000/static/a.svg",
    price="$1,149.99",
    original_price="",
    in_stock=False,
    conditions="Like new · Good",
)


def test_cards_escape_everything_from_medusa():
    html = grid_html([CARD], "en")
    assert "Bosch &lt;300&gt; &quot;Series&quot;" in html
    assert "<300>" not in html
    assert 'href="/en/products/bosch-300"' in html
    assert "Sold out" in html


def test_first_row_loads_eagerly_and_the_rest_lazily():
    html = grid_html([CARD] * 6, "fr")
    assert html.count('fetchpriority="high"') == 4
    assert html.count('loading="lazy"') == 2
    assert "Épuisé" in html


def test_pager_links_in_each_language():
    assert "Suivant" in pager_html("/fr/store", ListingParams(), 3, "fr")
    assert "Précédent" not in pager_html("/fr/store", ListingParams(), 3, "fr")
    html = pager_html("/en/store", ListingParams(page=2), 3, "en")
    assert 'href="/en/store" rel="prev"' in html
    assert 'href="/en/store?page=3" rel="next"' in html
    assert "Page 2 / 3" in html


def test_pager_keeps_sort_and_filters():
    params = parse({"sort": "price_asc", "condition": "good", "page": "2"})
    html = pager_html("/en/store", params, 3, "en")
    assert 'href="/en/store?sort=price_asc&amp;condition=good" rel="prev"' in html
    assert 'href="/en/store?sort=price_asc&amp;condition=good&amp;page=3" rel="next"' in html


def _view(**changes) -> ListingView:
    values = dict(
        heading="Laundry",
        description="",
        cards=[],
        count_label="0 products",
        pages=1,
        base_path="/en/categories/laundry",
        params=ListingParams(),
        facets=Facets(),
    )
    values.update(changes)
    return ListingView(**values)


def test_empty_listing_says_so():
    html = listing_html(_view(), "en")
    assert "No products here yet." in html
    assert "<h1" in html and "Laundry" in html


def test_empty_filtered_listing_offers_to_clear_the_filters_but_keeps_the_search():
    params = parse({"q": "washer", "condition": "fair", "stock": "1"})
    html = listing_html(_view(params=params, base_path="/en/search", search_box=True), "en")
    assert "No products match these filters." in html
    assert (
        'href="/en/search?q=washer" class="text-sm font-medium underline" data-testid="empty-clear-filters"'
        in html
    )
    assert 'value="washer"' in html  # the search box keeps the words


def test_facets_link_to_toggled_urls_with_counts():
    facets = Facets(
        conditions=[FacetValue("good", "Good", 7, True), FacetValue("fair", "Fair", 3, False)],
        categories=[FacetValue("audio", "Audio", 12, False)],
        in_stock_count=9,
    )
    params = parse({"condition": "good", "sort": "price_desc"})
    html = listing_html(_view(params=params, facets=facets, base_path="/en/store"), "en")
    # unselecting "good" keeps the sort; selecting "fair" adds it
    assert 'href="/en/store?sort=price_desc" class=' in html
    assert 'href="/en/store?sort=price_desc&amp;condition=fair%2Cgood"' in html
    assert 'href="/en/store?sort=price_desc&amp;category=audio&amp;condition=good"' in html
    assert 'aria-current="true"' in html
    assert ">7</span>" in html and ">3</span>" in html and ">9</span>" in html


def test_sort_form_keeps_the_other_parameters_and_selects_the_current_sort():
    params = parse({"q": "tv", "sort": "price_asc", "min": "100", "page": "3"})
    html = listing_html(_view(params=params, base_path="/fr/search"), "fr")
    assert '<input type="hidden" name="q" value="tv">' in html
    assert '<input type="hidden" name="min" value="100">' in html
    assert 'name="page"' not in html  # a new sort starts at page 1
    assert '<option value="price_asc" selected>Prix croissant</option>' in html
    assert "Pertinence" in html  # relevance is offered when searching


def test_ignored_parameters_are_reported():
    html = listing_html(_view(params=parse({"min": "abc"})), "en")
    assert "Ignored min: “abc”" in html


def test_header_search_is_a_plain_get_form_in_each_language():
    assert 'action="/fr/search"' in header_search_html("fr")
    assert "Rechercher des produits" in header_search_html("fr")
    assert 'name="q"' in header_search_html("en")
