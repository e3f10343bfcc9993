"""Carts, shipping, payment and orders through the typed client against the real Medusa."""

from __future__ import annotations

from decimal import Decimal

import pytest

from medusa import Address, MedusaAPIError, NotFoundError, ValidationError

MONTREAL = Address(
    first_name="Ana",
    last_name="Tremblay",
    address_1="1 rue Sainte-Catherine",
    city="Montréal",
    province="qc",
    postal_code="H2X 1Y4",
    country_code="ca",
    phone="5145550100",
)


async def in_stock_variant(medusa_client, region, at_least: int = 3):
    page = await medusa_client.store.product.list(region_id=region.id, limit=40)
    for product in page.items:
        for variant in product.variants:
            if (variant.inventory_quantity or 0) >= at_least and variant.price:
                return product, variant
    raise AssertionError("the demo catalog has no variant with stock")


async def test_cart_lines_quantities_and_totals(medusa_client, regions):
    region = regions["CAD"]
    _, variant = await in_stock_variant(medusa_client, region)
    cart = await medusa_client.store.cart.create(region_id=region.id, locale="fr-CA")
    assert cart.items == [] and cart.currency_code == "cad"

    cart = await medusa_client.store.cart.create_line_item(cart.id, variant_id=variant.id, quantity=1)
    cart = await medusa_client.store.cart.create_line_item(cart.id, variant_id=variant.id, quantity=1)
    (line,) = cart.items
    assert line.quantity == 2 and cart.item_count == 2
    assert line.unit_price == variant.price.amount
    assert cart.subtotal == variant.price.amount * 2
    assert isinstance(cart.tax_total, Decimal) and cart.tax_total > 0  # 5 % GST in the demo region

    cart = await medusa_client.store.cart.update_line_item(cart.id, line.id, quantity=3)
    assert cart.items[0].quantity == 3
    cart = await medusa_client.store.cart.delete_line_item(cart.id, line.id)
    assert cart.items == [] and cart.total == 0

    with pytest.raises(ValidationError):
        await medusa_client.store.cart.update_line_item(cart.id, line.id, quantity=0)


async def test_more_than_stock_is_refused_with_a_code(medusa_client, regions):
    region = regions["CAD"]
    _, variant = await in_stock_variant(medusa_client, region)
    cart = await medusa_client.store.cart.create(region_id=region.id)
    with pytest.raises(MedusaAPIError) as refused:
        await medusa_client.store.cart.create_line_item(
            cart.id, variant_id=variant.id, quantity=variant.inventory_quantity + 1
        )
    assert refused.value.code == "insufficient_inventory"


async def test_unknown_promo_code_is_a_validation_error(medusa_client, regions):
    cart = await medusa_client.store.cart.create(region_id=regions["USD"].id)
    with pytest.raises(ValidationError) as invalid:
        await medusa_client.store.cart.update(cart.id, promo_codes=["NO-SUCH-CODE"])
    assert "NO-SUCH-CODE" in str(invalid.value)


async def test_guest_checkout_makes_one_order(medusa_client, regions):
    region = regions["CAD"]
    _, variant = await in_stock_variant(medusa_client, region)
    cart = await medusa_client.store.cart.create(region_id=region.id)
    cart = await medusa_client.store.cart.create_line_item(cart.id, variant_id=variant.id, quantity=1)
    cart = await medusa_client.store.cart.update(
        cart.id, email="ana@example.test", shipping_address=MONTREAL, billing_address=MONTREAL
    )
    assert cart.shipping_address.postal_code == "H2X 1Y4"

    options = await medusa_client.store.fulfillment.list_cart_options(cart_id=cart.id)
    assert {o.name for o in options} >= {"Standard shipping", "Express shipping"}
    cheapest = min(options, key=lambda o: o.amount)
    cart = await medusa_client.store.cart.add_shipping_method(cart.id, option_id=cheapest.id)
    assert cart.shipping_methods[0].amount == cheapest.amount
    assert cart.shipping_subtotal == cheapest.amount  # shipping_total adds its tax

    providers = await medusa_client.store.payment.list_payment_providers(region_id=region.id)
    assert "pp_system_default" in {p.id for p in providers.items}
    collection = await medusa_client.store.payment.initiate_payment_session(
        cart, provider_id="pp_system_default"
    )
    assert collection.payment_sessions[0].provider_id == "pp_system_default"

    first = await medusa_client.store.cart.complete(cart.id)
    assert first.type == "order" and first.order.email == "ana@example.test"
    again = await medusa_client.store.cart.complete(cart.id)
    assert again.order.id == first.order.id  # completing twice never makes a second order

    order = await medusa_client.store.order.retrieve(first.order.id)
    assert order.total == cart.total and isinstance(order.total, Decimal)
    assert order.items[0].variant_id == variant.id
    assert order.shipping_address.city == "Montréal"
    assert order.shipping_methods[0].name == cheapest.name


async def test_unknown_cart_and_order_are_not_found(medusa_client):
    with pytest.raises(NotFoundError):
        await medusa_client.store.cart.retrieve("cart_does_not_exist")
    with pytest.raises(NotFoundError):
        await medusa_client.store.order.retrieve("order_does_not_exist")
