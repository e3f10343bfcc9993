"""Shopper accounts against the real Medusa and our session table in the real Postgres."""

from __future__ import annotations

import uuid

import pytest

from medusa import AuthenticationError
from shop import accounts, sessions

PASSWORD = "correct horse battery"


def new_email() -> str:
    return f"shopper-{uuid.uuid4().hex[:10]}@example.test"


@pytest.fixture
async def shop_client(stack):
    """`shop` uses the storefront's shared client; point it at the test stack."""
    from catalog import source

    source.reset()
    yield
    await source.medusa().aclose()
    source.reset()


async def test_register_sign_in_profile_and_address_book(shop_client):
    email = new_email()
    session_id, customer = await accounts.register(email, PASSWORD, first_name="Ana", last_name="Tremblay")
    assert customer.email == email and customer.first_name == "Ana"
    assert await sessions.token(session_id)  # the Medusa token is kept server-side

    with pytest.raises(AuthenticationError):
        await accounts.register(email, PASSWORD, first_name="Ana", last_name="Again")
    with pytest.raises(AuthenticationError):
        await accounts.sign_in(email, "wrong password")

    again, _ = await accounts.sign_in(email, PASSWORD)
    assert again != session_id

    updated = await accounts.update_profile(
        again, first_name="Anne", last_name="Tremblay", phone="5145550100"
    )
    assert (updated.first_name, updated.phone) == ("Anne", "5145550100")

    address = {
        "first_name": "Anne",
        "last_name": "Tremblay",
        "address_1": "2 rue Peel",
        "city": "Montréal",
        "province": "qc",
        "postal_code": "H3A 1T1",
        "country_code": "ca",
    }
    with_address = await accounts.save_address(again, address)
    (saved,) = with_address.addresses
    moved = await accounts.save_address(
        again, {**address, "city": "Laval", "postal_code": "H7N 1A1"}, saved.id
    )
    assert [a.city for a in moved.addresses] == ["Laval"]
    emptied = await accounts.delete_address(again, saved.id)
    assert emptied.addresses == []

    await accounts.sign_out(again)
    with pytest.raises(accounts.NotSignedIn):
        await accounts.customer(again)


async def test_signing_in_attaches_the_cart_and_orders_show_in_history(shop_client, medusa_client, regions):
    from shop import cart as carts
    from shop import checkout

    region = regions["CAD"]
    email = new_email()
    session_id, customer = await accounts.register(email, PASSWORD, first_name="Léa", last_name="Roy")
    page = await medusa_client.store.product.list(region_id=region.id, limit=40)
    variant = next(v for p in page.items for v in p.variants if (v.inventory_quantity or 0) >= 2)

    guest_cart = await carts.add("", region_id=region.id, locale="fr-CA", variant_id=variant.id, quantity=1)
    assert guest_cart.customer_id is None
    attached = await accounts.attach_cart(session_id, guest_cart.id)
    assert attached.customer_id == customer.id

    address = {
        "first_name": "Léa",
        "last_name": "Roy",
        "address_1": "3 rue King",
        "city": "Sherbrooke",
        "province": "qc",
        "postal_code": "J1H 1R4",
        "country_code": "ca",
    }
    await checkout.save_contact(attached.id, email=email, shipping=address)
    options = await checkout.shipping_options(attached.id)
    await checkout.choose_shipping(attached.id, options[0].id)
    order = await checkout.place_order(attached.id, "pp_system_default")

    history = await accounts.orders(session_id)
    assert [o.id for o in history.items] == [order.id]
    detail = await accounts.order(session_id, order.id)
    assert detail.items[0].variant_id == variant.id


async def test_expired_and_unknown_sessions_are_signed_out(stack):
    assert await sessions.token("") is None
    assert await sessions.token("not-a-session") is None
    session_id = await sessions.create("cus_test", "header.eyJleHAiOjEwMDAwMDAwMDB9.signature")  # exp in 2001
    assert await sessions.token(session_id) is None
