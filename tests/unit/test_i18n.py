from decimal import Decimal

import pytest
from babel.messages.pofile import read_po

from translations import TRANSLATIONS_DIR, format_money, gettext, ngettext, normalize_lang

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("amount", "currency", "lang", "expected"),
    [
        ("1234.50", "cad", "en", "$1,234.50"),
        ("1234.50", "cad", "fr", f"1{NBSP}234,50{NBSP}$"),
        ("1234.5", "usd", "en", "US$1,234.50"),
        ("1234.5", "usd", "fr", f"1{NBSP}234,50{NBSP}${NBSP}US"),
        ("0.1", "cad", "en", "$0.10"),
        ("999999.99", "cad", "fr", f"999{NBSP}999,99{NBSP}$"),
    ],
)
def test_money_is_formatted_per_locale(amount, currency, lang, expected):
    assert format_money(Decimal(amount), currency, lang) == expected


def test_money_never_rounds_through_float():
    # 0.1 + 0.2 as floats would be 0.30000000000000004
    assert format_money(Decimal("0.1") + Decimal("0.2"), "cad", "en") == "$0.30"


def test_ui_strings_come_from_the_french_catalog():
    t = gettext("fr")
    assert t("Sold out") == "Épuisé"
    assert t("The Open Box") == "La Boîte Ouverte"
    assert gettext("en")("Sold out") == "Sold out"


def test_plurals_follow_each_language():
    assert ngettext("en", "{n} product", "{n} products", 1) == "1 product"
    assert ngettext("en", "{n} product", "{n} products", 0) == "0 products"
    assert ngettext("fr", "{n} product", "{n} products", 0) == "0 produit"  # French: 0 is singular
    assert ngettext("fr", "{n} product", "{n} products", 1234) == f"1{NBSP}234 produits"


def test_unknown_language_falls_back_to_english():
    assert normalize_lang("de-DE") == "en"
    assert normalize_lang("FR-ca") == "fr"
    assert normalize_lang(None) == "en"


def test_every_french_message_is_translated():
    with (TRANSLATIONS_DIR / "fr" / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalog = read_po(fh)
    missing = [
        m.id
        for m in catalog
        if m.id and (m.fuzzy or not (all(m.string) if isinstance(m.string, tuple) else m.string))
    ]
    assert missing == []
    assert len(catalog) > 20


def test_every_ui_string_in_the_code_has_a_french_translation():
    """Strings added to components without running `make translations` fail here."""
    from translations.extract import messages_in_code

    found = messages_in_code()
    with (TRANSLATIONS_DIR / "fr" / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalog = read_po(fh)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and not m.fuzzy and (all(m.string) if isinstance(m.string, tuple) else m.string)
    }
    assert found, "no UI strings were extracted"
    assert sorted(found - translated) == []
