"""Cart and checkout rules: addresses, promo-code outcomes, Medusa errors in the shopper's language,
and the cart/order presenters (exact Decimal totals rounded only for display)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medusa import Cart, MedusaAPIError, MedusaUnavailableError, Order, ValidationError
from shop.addresses import address_errors, clean_address, countries, email_error, provinces
from shop.cart import promo_applied
from shop.messages import cart_error
from tob_app.state.cart_views import address_lines, cart_view, order_view

NBSP = "\u00a0"

GOOD = {
    "first_name": "Ana",
    "last_name": "Tremblay",
    "address_1": "1 rue Sainte-Catherine",
    "city": "Montréal",
    "province": "QC",
    "postal_code": "h2x1y4",
    "country_code": "CA",
}


def cart(**extra) -> Cart:
    data = {
        "id": "cart_1",
        "currency_code": "cad",
        "items": [
            {
                "id": "cali_1",
                "title": "Lave-vaisselle",
                "product_title": "Lave-vaisselle Bosch",
                "variant_title": "Comme neuf",
                "product_handle": "bosch",
                "quantity": 2,
                "unit_price": "1149.99",
                "subtotal": "2299.98",
            }
        ],
        "item_subtotal": "2299.98",
        "tax_total": "114.999",
        "total": "2414.979",
    }
    data.update(extra)
    return Cart.model_validate(data)


def test_a_canadian_address_is_cleaned_and_accepted():
    cleaned = clean_address(GOOD)
    assert cleaned["postal_code"] == "H2X 1Y4"
    assert cleaned["province"] == "qc" and cleaned["country_code"] == "ca"
    assert address_errors(cleaned, ["ca"], "en") == {}


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"postal_code": "12345"}, "postal_code", "Enter a Canadian postal code like H2X 1Y4."),
        ({"postal_code": "D2X 1Y4"}, "postal_code", "Enter a Canadian postal code like H2X 1Y4."),
        ({"province": "zz"}, "province", "Choose a province or state from the list."),
        ({"city": "  "}, "city", "Required"),
        (
            {"country_code": "us", "province": "ny", "postal_code": "1000"},
            "postal_code",
            "Enter a ZIP code like 10001.",
        ),
        ({"phone": "call me"}, "phone", "Enter a phone number with digits only, e.g. 514 555 0100."),
    ],
)
def test_address_problems_are_reported_per_field(change, field, message):
    allowed = ["ca", "us"]
    errors = address_errors(clean_address({**GOOD, **change}), allowed, "en")
    assert errors[field] == message


def test_a_country_outside_the_region_is_refused_in_french():
    errors = address_errors(
        clean_address({**GOOD, "country_code": "us", "province": "ny", "postal_code": "10001"}), ["ca"], "fr"
    )
    assert errors == {"country_code": "Nous ne livrons pas dans ce pays depuis votre région."}


def test_zip_plus_four_is_valid():
    address = clean_address({**GOOD, "country_code": "us", "province": "ny", "postal_code": "10001-1234"})
    assert address_errors(address, ["us"], "en") == {}


def test_province_and_country_names_follow_the_language():
    assert [p.name for p in provinces("ca", "fr")][:2] == ["Alberta", "Colombie-Britannique"]
    assert len(provinces("ca", "en")) == 13 and len(provinces("us", "en")) == 51
    assert countries(["us", "xx"], "fr")[0].name == "États-Unis" and len(countries(["us", "xx"], "fr")) == 1


def test_email_checks():
    assert email_error("ana@example.test", "en") == ""
    assert email_error("", "fr") == "Obligatoire"
    assert email_error("ana@", "en") == "Enter an email address like name@example.com."


def test_a_code_is_applied_only_when_the_cart_lists_it_afterwards():
    with_code = cart(promotions=[{"id": "promo_1", "code": "DEAL-AB12"}])
    assert promo_applied(with_code, " deal-ab12 ")
    assert not promo_applied(cart(), "DEAL-AB12")  # Medusa answered 200 but dropped it (used up)


def test_medusa_refusals_become_messages_in_the_shoppers_language():
    stock = MedusaAPIError(
        "Some variant does not have the required inventory",
        status=400,
        type="not_allowed",
        code="insufficient_inventory",
    )
    assert (
        cart_error(stock, "fr")
        == "Désolé, nous n'en avons pas autant en stock. Essayez une quantité plus petite."
    )
    invalid = ValidationError("The promotion code NOPE is invalid", status=400, type="invalid_data")
    assert cart_error(invalid, "en") == "This code is not valid. Check the spelling, or it may have expired."
    down = MedusaUnavailableError("cannot reach Medusa", method="GET", url="http://x")
    assert "Your cart is saved" in cart_error(down, "en")


def test_cart_view_rounds_fractional_cents_only_for_display():
    view = cart_view(cart(), "fr")
    assert view.count == 2
    assert view.lines[0].subtotal == f"2{NBSP}299,98{NBSP}$"
    assert view.totals.tax == f"115,00{NBSP}$"  # 114.999 from Medusa
    assert view.totals.total == f"2{NBSP}414,98{NBSP}$"
    assert view.totals.shipping == "" and view.totals.discount == ""
    assert cart_view(cart(), "en").totals.total == "$2,414.98"


def test_order_view_spells_out_the_address_and_translates_the_shipping_method():
    order = Order.model_validate(
        {
            "id": "order_1",
            "display_id": 42,
            "currency_code": "cad",
            "email": "ana@example.test",
            "items": [],
            "shipping_methods": [{"id": "sm_1", "name": "Express shipping", "amount": "35"}],
            "shipping_subtotal": "35",
            "shipping_address": clean_address(GOOD),
            "total": "36.75",
        }
    )
    view = order_view(order, "fr")
    assert view.number == "42"
    assert view.shipping_method == "Livraison express"
    assert view.shipping_address == [
        "Ana Tremblay",
        "1 rue Sainte-Catherine",
        "Montréal (Québec) H2X 1Y4",
        "Canada",
    ]
    assert view.totals.shipping == f"35,00{NBSP}$"
    assert address_lines(order.shipping_address, "en")[2] == "Montréal, Quebec H2X 1Y4"
    assert Decimal("36.75") == order.total
