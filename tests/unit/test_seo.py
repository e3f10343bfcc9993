"""Search-engine markup: canonical and hreflang links, schema.org Product data, titles in the head."""

from __future__ import annotations

import json

from medusa import Product
from tob_app.routing import inject_head
from tob_app.seo import alternates, product_json_ld, robots_txt


def test_every_page_links_its_twin_in_the_other_language(monkeypatch):
    monkeypatch.setenv("TOB_PUBLIC_URL", "https://shop.example")
    links = alternates("/fr/categories/audio", "page=2")
    assert '<link rel="canonical" href="https://shop.example/fr/categories/audio?page=2"/>' in links
    assert 'hreflang="en-CA" href="https://shop.example/en/categories/audio?page=2"' in links
    assert 'hreflang="x-default" href="https://shop.example/en/categories/audio?page=2"' in links


def test_product_data_lists_each_priced_unit_with_its_stock():
    product = Product.model_validate(
        {
            "id": "prod_1",
            "handle": "bosch",
            "title": "Bosch </script> dishwasher",
            "description": "Quiet.",
            "thumbnail": "https://img/1.svg",
            "variants": [
                {
                    "id": "v1",
                    "sku": "B-LN",
                    "inventory_quantity": 2,
                    "manage_inventory": True,
                    "calculated_price": {"calculated_amount": "1149.99", "currency_code": "cad"},
                },
                {
                    "id": "v2",
                    "inventory_quantity": 0,
                    "manage_inventory": True,
                    "calculated_price": {"calculated_amount": "899.5", "currency_code": "cad"},
                },
            ],
        }
    )
    data = product_json_ld(product, "fr", "https://shop.example/fr/products/bosch")
    assert [(o["price"], o["availability"]) for o in data["offers"]] == [
        ("1149.99", "https://schema.org/InStock"),
        ("899.50", "https://schema.org/OutOfStock"),
    ]
    assert {o["priceCurrency"] for o in data["offers"]} == {"CAD"}
    assert json.loads(json.dumps(data))["name"] == "Bosch </script> dishwasher"


def test_title_replacement_escapes_and_tags_go_at_the_end_of_head():
    html = b"<html><head><title>The Open Box</title></head><body></body></html>"
    out = inject_head(html, "A & B", '<meta name="description" content="d"/>')
    assert (
        out
        == b'<html><head><title>A &amp; B</title><meta name="description" content="d"/></head><body></body></html>'
    )


def test_robots_keeps_private_pages_out():
    text = robots_txt()
    assert "Disallow: /en/account" in text and "Disallow: /fr/checkout" in text
    # The cart page carries no shopper data in its HTML, so crawlers may read it.
    assert "/cart" not in text


def test_product_preview_shows_the_default_unit_as_the_page_will():
    from tob_app.components.product_html import product_preview_html
    from tob_app.state.views import product_detail

    product = Product.model_validate(
        {
            "id": "prod_1",
            "handle": "bosch",
            "title": "Bosch <b>dishwasher</b>",
            "thumbnail": "https://img/ln.svg",
            "categories": [{"id": "c1", "handle": "kitchen", "name": "Cuisine"}],
            "options": [
                {
                    "id": "o1",
                    "title": "État",
                    "values": [{"id": "ov1", "value": "Comme neuf"}, {"id": "ov2", "value": "Bon"}],
                }
            ],
            "variants": [
                {
                    "id": "v1",
                    "inventory_quantity": 0,
                    "manage_inventory": True,
                    "thumbnail": "https://img/ln.svg",
                    "options": [{"option_id": "o1", "value": "Comme neuf"}],
                    "calculated_price": {"calculated_amount": "1149.99", "currency_code": "cad"},
                },
                {
                    "id": "v2",
                    "inventory_quantity": 3,
                    "manage_inventory": True,
                    "thumbnail": "https://img/good.svg",
                    "options": [{"option_id": "o1", "value": "Bon"}],
                    "calculated_price": {"calculated_amount": "899.5", "currency_code": "cad"},
                },
            ],
        }
    )
    html = product_preview_html(product_detail(product, "fr"), "fr")
    # The page preselects the first unit in stock: its price, stock line and picture first.
    assert '<span class="font-semibold">899,50\xa0$</span>' in html
    assert '<p class="text-sm text-green-700" data-testid="stock">En stock</p>' in html
    assert html.index('src="https://img/good.svg"') < html.index('src="https://img/ln.svg"')
    assert 'aria-label="Afficher l&#x27;image 2" aria-pressed="false"' in html
    assert (
        '<h1 class="text-2xl font-semibold" data-testid="product-title">Bosch &lt;b&gt;dishwasher&lt;/b&gt;</h1>'
        in html
    )
    assert 'href="/fr/categories/kitchen">Cuisine</a>' in html
