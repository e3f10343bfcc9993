import pytest

from tob_app.routing import pick_lang
from tob_app.urls import localized, parse_page, preferred_lang, segment_after, switch_lang_path, with_page


def test_localized_paths_start_with_the_language():
    assert localized("fr") == "/fr"
    assert localized("en", "store") == "/en/store"
    assert localized("fr", "/products/", "lave-vaisselle") == "/fr/products/lave-vaisselle"
    assert localized("xx", "store") == "/en/store"


@pytest.mark.parametrize(
    ("path", "lang", "expected"),
    [
        ("/en/products/bosch-dishwasher", "fr", "/fr/products/bosch-dishwasher"),
        ("/fr/store", "en", "/en/store"),
        ("/fr", "en", "/en"),
        ("/", "fr", "/fr"),
        ("/store", "fr", "/fr/store"),
    ],
)
def test_switching_language_keeps_the_page(path, lang, expected):
    assert switch_lang_path(path, lang) == expected


def test_pages():
    assert with_page("/en/store", 1) == "/en/store"
    assert with_page("/en/store", 3) == "/en/store?page=3"
    assert parse_page("4") == 4
    assert parse_page("-2") == 1
    assert parse_page("abc") == 1
    assert parse_page(None) == 1


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("fr-CA,fr;q=0.9,en;q=0.8", "fr"),
        ("en-US,en;q=0.9", "en"),
        ("de-DE,fr;q=0.5,en;q=0.7", "en"),
        ("de-DE,fr;q=0.9,en;q=0.7", "fr"),
        ("", "en"),
        (None, "en"),
        ("fr;q=abc, en", "en"),
    ],
)
def test_browser_language_picks_en_or_fr(header, expected):
    assert preferred_lang(header) == expected


def test_remembered_language_wins_over_the_browser():
    assert preferred_lang("en-US", "fr") == "fr"
    assert pick_lang({"accept-language": "en", "cookie": "tob_lang=fr; other=1"}) == "fr"
    assert pick_lang({"accept-language": "fr-CA", "cookie": "garbage=="}) == "fr"


@pytest.mark.parametrize(
    ("path", "names", "expected"),
    [
        ("/en/products/bosch-300-series-dishwasher", ("products",), "bosch-300-series-dishwasher"),
        ("/fr/products/lave-vaisselle%20bosch/", ("products",), "lave-vaisselle bosch"),
        ("/fr/order/order_01ABC/confirmed", ("order", "orders"), "order_01ABC"),
        ("/en/account/orders/order_01ABC", ("order", "orders"), "order_01ABC"),
        ("/en/products", ("products",), ""),
        ("/en/store", ("products",), ""),
    ],
)
def test_a_pages_dynamic_part_is_read_from_its_path(path, names, expected):
    assert segment_after(path, *names) == expected
