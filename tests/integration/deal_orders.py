"""Checking out one unit with a deal's promotion code, shared by the assistant's integration tests."""

from __future__ import annotations

from medusa import Address, Cart, Medusa, Order

QUEBEC = Address(
    first_name="Ana", last_name="Tremblay", address_1="1 rue Sainte-Catherine", city="Montréal",
    province="qc", postal_code="H2X 1Y4", country_code="ca", phone="5145550100",
)  # fmt: skip


async def order_with_code(
    medusa: Medusa, region_id: str, variant_id: str, code: str, email: str
) -> tuple[Cart, Order]:
    """One unit of the variant with `code`, shipped to Québec and paid by the manual provider:
    the cart once the code is applied, and the order placed from it."""
    cart = await medusa.store.cart.create(region_id=region_id, email=email)
    cart = await medusa.store.cart.create_line_item(cart.id, variant_id=variant_id, quantity=1)
    cart = await medusa.store.cart.update(
        cart.id, promo_codes=[code], shipping_address=QUEBEC, billing_address=QUEBEC
    )
    options = await medusa.store.fulfillment.list_cart_options(cart_id=cart.id)
    shipped = await medusa.store.cart.add_shipping_method(cart.id, option_id=options[0].id)
    await medusa.store.payment.initiate_payment_session(shipped, provider_id="pp_system_default")
    done = await medusa.store.cart.complete(cart.id)
    assert done.type == "order", f"the cart did not become an order: {done}"
    return cart, await medusa.store.order.retrieve(done.order.id)
