"""An agreed price becomes a real single-use Medusa promotion that discounts exactly one unit,
created right after the turn that agreed it, and kept at exactly list − agreed when the list moves."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import uuid
from datetime import timedelta
from decimal import Decimal

import httpx
import pytest
from deal_orders import order_with_code

import assistant
import db
from assistant import deals
from assistant.deals import _admin
from assistant.models import NegotiationRow

D = Decimal


@pytest.fixture(scope="module")
def store_api(stack):
    with httpx.Client(
        base_url=os.environ["MEDUSA_BACKEND_URL"],
        headers={"x-publishable-api-key": os.environ["MEDUSA_PUBLISHABLE_KEY"]},
        timeout=30,
    ) as client:
        yield client


def cart_with(store_api, region_id, lines, code):
    cart = store_api.post("/store/carts", json={"region_id": region_id}).json()["cart"]
    for variant_id, quantity in lines:
        r = store_api.post(
            f"/store/carts/{cart['id']}/line-items", json={"variant_id": variant_id, "quantity": quantity}
        )
        assert r.status_code == 200, r.text
    r = store_api.post(
        f"/store/carts/{cart['id']}/promotions",
        json={"promo_codes": [code]},
        params={"fields": "*items,*items.adjustments,*promotions,currency_code"},
    )
    assert r.status_code == 200, r.text
    return r.json()["cart"]


async def agree(medusa_client, region, handle, lines=("$1", "$300", "$330", "$350", "deal"), stock=1):
    product = await medusa_client.store.product.retrieve_by_handle(handle, region_id=region.id)
    # Other tests order units, so stock runs down between runs on one data folder.
    variant = next(v for v in product.variants if (v.inventory_quantity or 0) >= stock)
    first = await assistant.start(variant.id, region.id, "en", medusa=medusa_client)
    turn = first
    for text in lines:
        turn = await assistant.negotiate(first.negotiation_id, text, medusa=medusa_client)
        if turn.status == "agreed":
            break
    assert turn.status == "agreed", turn
    return product, variant, await with_code(turn)


async def with_code(turn):
    """The agreeing turn as the shopper sees it once its promotion exists: the reply itself
    carries no code (the promotion is created right after the turn)."""
    assert turn.deal.promo_code is None
    await asyncio.gather(*list(deals._tasks))
    view = await assistant.get(turn.negotiation_id)
    assert view.deal.promo_code, "the background task created the promotion"
    return dataclasses.replace(turn, deal=view.deal)


async def test_a_deal_creates_a_single_use_promotion_for_that_variant(medusa_client, regions, store_api):
    region = regions["CAD"]
    product, variant, turn = await agree(medusa_client, region, "sony-wh-1000xm5-headphones", stock=2)
    deal = turn.deal
    assert deal.promo_code and deal.promo_code.startswith("DEAL-") and len(deal.promo_code) == 21
    assert deal.price < variant.price.amount

    admin = await _admin(medusa_client)
    promo = (await admin.admin.promotion.list(code=deal.promo_code)).items
    assert len(promo) == 1
    promo = await admin.admin.promotion.retrieve(promo[0].id)
    am = promo.application_method
    assert promo.limit == 1 and promo.status == "active" and not promo.is_automatic
    assert (am.type, am.target_type, am.max_quantity, am.currency_code) == ("fixed", "items", 1, "cad")
    assert am.value == variant.price.amount - deal.price
    assert {r.attribute: r.values for r in am.target_rules} == {
        "items.product.id": [product.id],
        "items.variant_id": [variant.id],
    }
    assert [(r.attribute, r.values) for r in promo.rules] == [("currency_code", ["cad"])]
    assert promo.metadata["negotiation_id"] == turn.negotiation_id
    assert abs(promo.campaign.ends_at - deal.expires_at) < timedelta(seconds=1)

    # Two units of the deal's variant and one other variant: only one unit gets the discount.
    other = next(v for v in product.variants if v.id != variant.id and v.in_stock)
    cart = cart_with(store_api, region.id, [(variant.id, 2), (other.id, 1)], deal.promo_code)
    assert [p["code"] for p in cart["promotions"]] == [deal.promo_code]
    items = {i["variant_id"]: i for i in cart["items"]}
    # The adjustment is the amount off before tax, on one of the two units.
    assert [D(str(a["amount"])) for a in items[variant.id]["adjustments"]] == [
        variant.price.amount - deal.price
    ]
    assert [a["code"] for a in items[variant.id]["adjustments"]] == [deal.promo_code]
    assert items[other.id]["adjustments"] == []

    view = await assistant.get(turn.negotiation_id)
    assert view.deal.promo_code == deal.promo_code


async def test_the_promotion_applies_only_in_the_deals_currency(medusa_client, regions, store_api):
    _, variant, turn = await agree(
        medusa_client, regions["CAD"], "lg-c3-oled-65", ("$1", "$1900", "$2000", "deal")
    )
    cart = store_api.post("/store/carts", json={"region_id": regions["USD"].id}).json()["cart"]
    store_api.post(f"/store/carts/{cart['id']}/line-items", json={"variant_id": variant.id, "quantity": 1})
    r = store_api.post(f"/store/carts/{cart['id']}/promotions", json={"promo_codes": [turn.deal.promo_code]})
    discounted = r.status_code == 200 and D(str(r.json()["cart"].get("discount_total") or 0)) > 0
    assert not discounted


async def test_ensuring_the_promotion_again_never_creates_a_second_one(medusa_client, regions):
    _, _, turn = await agree(medusa_client, regions["CAD"], "breville-barista-express")
    code = turn.deal.promo_code
    assert await assistant.ensure_promotion(turn.negotiation_id, medusa=medusa_client) == code
    # As if the write after Medusa's answer had been lost: the code is found, not created twice.
    with db.session() as s:
        row = s.get(NegotiationRow, uuid.UUID(turn.negotiation_id))
        row.promotion_id = None
        s.add(row)
    assert await assistant.ensure_promotion(turn.negotiation_id, medusa=medusa_client) == code
    admin = await _admin(medusa_client)
    assert (await admin.admin.promotion.list(code=code)).count == 1


async def test_a_deal_at_list_price_needs_no_promotion(medusa_client, regions):
    region = regions["CAD"]
    product = await medusa_client.store.product.retrieve_by_handle(
        "anker-737-power-bank", region_id=region.id
    )
    variant = next(v for v in product.variants if v.in_stock)  # other tests order units
    turn = await assistant.negotiate(
        assistant.New(variant.id, region.id), f"${variant.price.amount}", "en", medusa=medusa_client
    )
    assert turn.status == "agreed" and turn.deal.price == variant.price.amount
    assert turn.deal.promo_code is None


async def test_a_deal_survives_medusa_refusing_the_promotion_and_the_outbox_creates_it_later(
    medusa_client, regions, monkeypatch
):
    monkeypatch.setattr(deals, "_admin_token", None)
    monkeypatch.setattr(deals, "RETRY_DELAYS_SECONDS", (0.0,))  # one quick attempt, then the sweep
    monkeypatch.setenv("MEDUSA_ADMIN_PASSWORD", "wrong password")
    region = regions["CAD"]
    product = await medusa_client.store.product.retrieve_by_handle(
        "dyson-v15-detect-cordless-vacuum", region_id=region.id
    )
    variant = next(v for v in product.variants if v.in_stock)
    turn = await assistant.negotiate(assistant.New(variant.id, region.id), "$1", medusa=medusa_client)
    for text in ("$500", "$600", "deal"):
        turn = await assistant.negotiate(turn.negotiation_id, text, medusa=medusa_client)
        if turn.status == "agreed":
            break
    assert turn.status == "agreed"
    await asyncio.gather(*list(deals._tasks))
    nid = uuid.UUID(turn.negotiation_id)
    with db.session() as s:
        row = s.get(NegotiationRow, nid)
        assert row.promotion_id is None and row.promotion_attempts == 1 and row.promotion_error
        assert row.promotion_retry_at > row.updated_at  # backed off
        code = row.promo_code
    view = await assistant.get(turn.negotiation_id)
    assert view.status == "agreed" and view.deal.price == turn.deal.price and view.deal.promo_code is None

    monkeypatch.delenv("MEDUSA_ADMIN_PASSWORD")
    # Not due yet: the sweep leaves it alone.
    await deals.sweep(medusa=medusa_client)
    with db.session() as s:
        assert s.get(NegotiationRow, nid).promotion_id is None
    # Due (as after a restart, later): the sweep creates it, exactly once.
    with db.session() as s:
        row = s.get(NegotiationRow, nid)
        row.promotion_retry_at = row.updated_at
        s.add(row)
    counts = await deals.sweep(medusa=medusa_client)
    assert counts["discounting"] >= 1 and counts["failed"] == 0
    view = await assistant.get(turn.negotiation_id)
    assert view.deal.promo_code == code
    admin = await _admin(medusa_client)
    promo = (await admin.admin.promotion.list(code=code)).items
    assert len(promo) == 1 and promo[0].application_method.value == variant.price.amount - turn.deal.price
    with db.session() as s:
        row = s.get(NegotiationRow, nid)
        assert (row.promotion_attempts, row.promotion_error, row.promotion_retry_at) == (0, None, None)


async def test_an_expired_admin_token_is_renewed(medusa_client, regions, monkeypatch):
    import assistant.deals as deals

    monkeypatch.setattr(deals, "_admin_token", "not-a-valid-token")
    _, _, turn = await agree(medusa_client, regions["CAD"], "vitamix-ascent-a3500-blender")
    assert turn.deal.promo_code


async def test_checkout_with_the_code_orders_at_the_agreed_price_and_the_code_then_stops_working(
    medusa_client, regions
):
    region = regions["CAD"]
    # The negotiable variant with the most stock (every run of this test orders one unit).
    candidates = [
        v
        async for p in medusa_client.store.product.iterate(region_id=region.id)
        if p.handle != "apple-airpods-pro-2"
        for v in p.variants
        if v.price and v.price.amount > 100
    ]
    variant = max(candidates, key=lambda v: v.inventory_quantity or 0)
    assert (variant.inventory_quantity or 0) >= 1
    turn = await assistant.negotiate(assistant.New(variant.id, region.id), "$1", "en", medusa=medusa_client)
    for text in (f"${variant.price.amount * D('0.8'):.0f}", "deal"):
        turn = await assistant.negotiate(turn.negotiation_id, text, medusa=medusa_client)
    assert turn.status == "agreed"
    # What "Add to cart at <price>" does first: ensure the promotion (created now if still pending).
    code = await assistant.ensure_promotion(turn.negotiation_id, medusa=medusa_client)
    deal = (await assistant.get(turn.negotiation_id)).deal
    assert code and deal.promo_code == code and deal.price < variant.price.amount

    cart, order = await order_with_code(
        medusa_client, region.id, variant.id, deal.promo_code, email="ana@example.test"
    )
    assert cart.promo_codes == [deal.promo_code]
    gst = D("1.05")  # the demo Canada region's tax
    assert abs(cart.item_total - deal.price * gst) <= D("0.01")
    assert abs(order.item_total - deal.price * gst) <= D("0.01")
    assert order.items[0].variant_id == variant.id and order.items[0].quantity == 1

    again = await medusa_client.store.cart.create(region_id=region.id)
    again = await medusa_client.store.cart.create_line_item(again.id, variant_id=variant.id, quantity=1)
    again = await medusa_client.store.cart.update(again.id, promo_codes=[deal.promo_code])
    assert deal.promo_code not in again.promo_codes and again.discount_total == 0


def admin_http(token: str) -> httpx.Client:
    return httpx.Client(
        base_url=os.environ["MEDUSA_BACKEND_URL"], headers={"authorization": f"Bearer {token}"}, timeout=30
    )


def set_list_price(http: httpx.Client, product_id: str, variant_id: str, currency: str, amount: Decimal):
    path = f"/admin/products/{product_id}/variants/{variant_id}"
    prices = http.get(path, params={"fields": "id,*prices"}).json()["variant"]["prices"]
    body = [
        {"id": p["id"], "currency_code": p["currency_code"], "amount": p["amount"]}
        if p["currency_code"] != currency
        else {"id": p["id"], "currency_code": currency, "amount": float(amount)}
        for p in prices
        if not p.get("rules")  # the region-free prices
    ]
    r = http.post(path, json={"prices": body}, params={"fields": "id"})
    assert r.status_code == 200, r.text


async def test_a_list_price_change_reprices_the_deal_so_the_order_is_at_the_agreed_price_never_below(
    medusa_client, regions
):
    region = regions["CAD"]
    product, variant, turn = await agree(
        medusa_client, region, "lg-c3-oled-65", ("$1", "$1900", "$2000", "deal"), stock=1
    )
    list_price, deal = variant.price.amount, turn.deal
    code, nid = deal.promo_code, uuid.UUID(turn.negotiation_id)
    admin = await _admin(medusa_client)

    async def promotion():
        return (await admin.admin.promotion.list(code=code)).items[0]

    assert (await promotion()).application_method.value == list_price - deal.price
    lower = (deal.price + (list_price - deal.price) / 2).quantize(D("0.01"))
    with admin_http(deals._admin_token) as http:
        try:
            # The list drops but stays above the deal: the promotion takes off less.
            set_list_price(http, product.id, variant.id, "cad", lower)
            await deals.on_catalog_change({product.id}, False)  # what Medusa's price event triggers
            promo = await promotion()
            assert promo.status == "active" and promo.application_method.value == lower - deal.price
            with db.session() as s:
                assert s.get(NegotiationRow, nid).promotion_amount == lower - deal.price

            # The list drops below the deal: the promotion is switched off (the shopper pays the list).
            below = deal.price - 10
            set_list_price(http, product.id, variant.id, "cad", below)
            await deals.on_catalog_change({product.id}, False)
            assert (await promotion()).status == "inactive"
            assert await assistant.ensure_promotion(nid, medusa=medusa_client) is None
            assert (await assistant.get(nid)).deal.promo_code is None

            # Back above the deal, and a missed event: the periodic repair (reprice) catches it.
            set_list_price(http, product.id, variant.id, "cad", lower)
            await deals.reprice(medusa=medusa_client)
            promo = await promotion()
            assert promo.status == "active" and promo.application_method.value == lower - deal.price
            assert await assistant.ensure_promotion(nid, medusa=medusa_client) == code

            # Ordered with the code at the new list: exactly the agreed price.
            cart, order = await order_with_code(
                medusa_client, region.id, variant.id, code, email="drop@example.test"
            )
            assert cart.promo_codes == [code]
            gst = D("1.05")
            assert abs(cart.item_total - deal.price * gst) <= D("0.01")
            assert abs(order.item_total - deal.price * gst) <= D("0.01")
        finally:
            set_list_price(http, product.id, variant.id, "cad", list_price)
            await deals.on_catalog_change({product.id}, False)
