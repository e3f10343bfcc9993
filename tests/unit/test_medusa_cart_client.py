"""The client's cart, checkout and order calls against a fake transport."""

from __future__ import annotations

import json

import httpx
import pytest

from medusa import Address, MedusaUnavailableError, ValidationError

from .test_medusa_client import Recorder, json_response

CART = {"id": "cart_1", "currency_code": "cad", "items": [], "total": "0", "region_id": "reg_1"}


async def test_add_line_sends_variant_and_quantity_and_is_not_retried():
    rec = Recorder(json_response(503, {}))
    async with rec.client() as medusa:
        with pytest.raises(MedusaUnavailableError):
            await medusa.store.cart.create_line_item("cart_1", variant_id="variant_1", quantity=2)
    assert len(rec.requests) == 1  # adding twice would double the line
    assert json.loads(rec.last.content) == {"variant_id": "variant_1", "quantity": 2}
    assert rec.last.url.path == "/store/carts/cart_1/line-items"
    assert rec.last.headers["x-publishable-api-key"] == "pk_test_publishable"


@pytest.mark.parametrize("quantity", [0, -1, True, 1.5])
async def test_bad_quantities_are_refused_before_any_request(quantity):
    rec = Recorder(json_response(200, {"cart": CART}))
    async with rec.client() as medusa:
        with pytest.raises(ValidationError):
            await medusa.store.cart.create_line_item("cart_1", variant_id="variant_1", quantity=quantity)
    assert rec.requests == []


async def test_update_sends_only_given_fields_and_addresses_without_ids():
    rec = Recorder(json_response(200, {"cart": CART}))
    async with rec.client() as medusa:
        await medusa.store.cart.update(
            "cart_1", email="a@b.test", shipping_address=Address(id="addr_1", city="Laval", country_code="ca")
        )
    assert json.loads(rec.last.content) == {
        "email": "a@b.test",
        "shipping_address": {"city": "Laval", "country_code": "ca"},
    }


async def test_delete_line_returns_the_parent_cart():
    rec = Recorder(
        json_response(200, {"id": "cali_1", "object": "line-item", "deleted": True, "parent": CART})
    )
    async with rec.client() as medusa:
        cart = await medusa.store.cart.delete_line_item("cart_1", "cali_1")
    assert cart.id == "cart_1" and rec.last.method == "DELETE"


async def test_completion_is_retried_because_medusa_answers_the_same_order_again():
    order = {"id": "order_1", "currency_code": "cad", "total": "10.5"}
    rec = Recorder(httpx.ConnectError("reset"), json_response(200, {"type": "order", "order": order}))
    async with rec.client() as medusa:
        result = await medusa.store.cart.complete("cart_1")
    assert len(rec.requests) == 2 and result.order.id == "order_1"


async def test_failed_completion_returns_the_cart_and_the_reason():
    rec = Recorder(
        json_response(200, {"type": "cart", "cart": CART, "error": {"message": "Payment not authorized"}})
    )
    async with rec.client() as medusa:
        result = await medusa.store.cart.complete("cart_1")
    assert result.order is None and result.error_message == "Payment not authorized"


async def test_customer_token_goes_with_the_publishable_key():
    rec = Recorder(json_response(200, {"cart": CART}))
    async with rec.client() as medusa:
        await medusa.store.cart.transfer_cart("cart_1", customer_token="cus_jwt")
    assert rec.last.headers["authorization"] == "Bearer cus_jwt"
    assert rec.last.headers["x-publishable-api-key"] == "pk_test_publishable"


async def test_payment_session_creates_the_collection_when_the_cart_has_none():
    collection = {"id": "paycol_1", "currency_code": "cad", "payment_sessions": []}
    with_session = {
        **collection,
        "payment_sessions": [{"id": "ps_1", "provider_id": "pp_system_default", "status": "pending"}],
    }
    rec = Recorder(
        json_response(200, {"payment_collection": collection}),
        json_response(200, {"payment_collection": with_session}),
    )
    async with rec.client() as medusa:
        from medusa import Cart

        result = await medusa.store.payment.initiate_payment_session(
            Cart.model_validate(CART), provider_id="pp_system_default"
        )
    assert [r.url.path for r in rec.requests] == [
        "/store/payment-collections",
        "/store/payment-collections/paycol_1/payment-sessions",
    ]
    assert result.payment_sessions[0].provider_id == "pp_system_default"
