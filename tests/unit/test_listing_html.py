from tob_app.components.listing_html import grid_html, listing_html, pager_html
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
    assert "Suivant" in pager_html("/fr/store", 1, 3, "fr")
    assert "Précédent" not in pager_html("/fr/store", 1, 3, "fr")
    html = pager_html("/en/store", 2, 3, "en")
    assert 'href="/en/store" rel="prev"' in html
    assert 'href="/en/store?page=3" rel="next"' in html
    assert "Page 2 / 3" in html


def test_empty_listing_says_so():
    html = listing_html(
        heading="Laundry",
        description="",
        cards=[],
        count_label="0 products",
        page=1,
        pages=1,
        base_path="/en/categories/laundry",
        lang="en",
    )
    assert "No products here yet." in html
    assert "<h1" in html and "Laundry" in html
