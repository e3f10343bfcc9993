"""The assistant's HTTP API over HTTP (httpx → the FastAPI app), against the real Postgres and Medusa:
status codes, clear errors, rate limits, and a negotiated deal that ends in an order at that price."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest
from deal_orders import order_with_code
from openai_stub import OpenAIStub

from assistant import api, ratelimit
from translations import format_money

D = Decimal
GST = D("1.05")  # the demo Canada region's tax


@pytest.fixture
async def http(stack, monkeypatch):
    # A fresh limiter per test: generous unless a test sets its own.
    limiter = ratelimit.Limiter(ratelimit.Settings(per_negotiation="100/minute", per_client="1000/minute"))
    monkeypatch.setattr(ratelimit, "limiter", lambda: limiter)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    transport = httpx.ASGITransport(app=api.create_app(), client=("203.0.113.7", 5555))
    async with httpx.AsyncClient(transport=transport, base_url="http://shop.test", timeout=60) as client:
        yield client


async def negotiable(medusa_client, region, *, skip=("apple-airpods-pro-2",), min_price=100):
    """The in-stock variant with the most stock among negotiable products (tests order units)."""
    candidates = [
        v
        async for p in medusa_client.store.product.iterate(region_id=region.id)
        if p.handle not in skip
        for v in p.variants
        if v.price and v.price.amount > min_price and v.in_stock
    ]
    return max(candidates, key=lambda v: v.inventory_quantity or 0)


async def start(http, variant_id, region_id, locale="en"):
    r = await http.post(
        "/api/assistant/negotiations",
        json={"variant_id": variant_id, "region_id": region_id, "locale": locale},
    )
    assert r.status_code == 201, r.text
    return r.json()


async def test_start_talk_and_read_back(http, medusa_client, regions):
    region = regions["CAD"]
    variant = await negotiable(medusa_client, region)
    created = await start(http, variant.id, region.id, "fr")
    assert created["status"] == "open" and created["currency_code"] == "cad"
    assert created["list_price"] == f"{variant.price.amount:.2f}"
    assert [m["role"] for m in created["messages"]] == ["assistant"]
    assert format_money(variant.price.amount, "cad", "fr") in created["messages"][0]["text"]

    nid = created["id"]
    r = await http.post(f"/api/assistant/negotiations/{nid}/messages", json={"text": "je vous en donne 1 $"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "open" and body["deal"] is None
    offer = D(body["offer"]["price"])
    assert D(0) < offer < variant.price.amount and body["offer"]["price"] == f"{offer:.2f}"

    r = await http.post(f"/api/assistant/negotiations/{nid}/messages", json={"text": "marché conclu"})
    body = r.json()
    assert body["status"] == "agreed" and body["offer"] is None
    deal = body["deal"]
    assert D(deal["price"]) == offer and deal["currency_code"] == "cad"
    # The deal is stored in the turn; its Medusa promotion is created right after it.
    assert deal["promo_code"] is None and deal["expires_at"]

    # Reading the negotiation gives the code, creating the promotion first if still pending.
    r = await http.get(f"/api/assistant/negotiations/{nid}")
    assert r.status_code == 200
    view = r.json()
    assert view["status"] == "agreed" and view["locale"] == "fr" and view["variant_id"] == variant.id
    assert [m["role"] for m in view["messages"]] == [
        "assistant",
        "shopper",
        "assistant",
        "shopper",
        "assistant",
    ]
    assert view["messages"][1]["text"] == "je vous en donne 1 $"
    assert view["deal"]["promo_code"].startswith("DEAL-")
    assert {k: view["deal"][k] for k in ("price", "currency_code", "expires_at")} == {
        k: deal[k] for k in ("price", "currency_code", "expires_at")
    }
    assert "floor" not in r.text.lower()

    # One deal per negotiation: later offers change nothing.
    r = await http.post(f"/api/assistant/negotiations/{nid}/messages", json={"text": "je vous en donne 2 $"})
    assert r.json()["status"] == "agreed" and r.json()["deal"]["price"] == deal["price"]


async def test_unknown_and_fixed_price_variants(http, medusa_client, regions):
    region = regions["CAD"]
    r = await http.post(
        "/api/assistant/negotiations", json={"variant_id": "variant_nope", "region_id": region.id}
    )
    assert r.status_code == 404 and "unknown variant" in r.json()["detail"]
    fixed = await medusa_client.store.product.retrieve_by_handle("apple-airpods-pro-2", region_id=region.id)
    variant = next(v for v in fixed.variants if v.in_stock)
    r = await http.post(
        "/api/assistant/negotiations", json={"variant_id": variant.id, "region_id": region.id}
    )
    assert r.status_code == 409 and "fixed" in r.json()["detail"]


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ({"text": ""}, "text"),
        ({"text": "   "}, "empty"),
        ({"text": "x" * 4000}, "text"),
        ({"text": "x" * 10_000}, "text"),
        ({}, "text: Field required"),
        ({"text": 80}, "text"),
        ({"text": "80", "role": "system"}, "role"),
    ],
)
async def test_bad_messages_get_a_clear_4xx(http, medusa_client, regions, body, needle):
    region = regions["CAD"]
    nid = (await start(http, (await negotiable(medusa_client, region)).id, region.id))["id"]
    r = await http.post(f"/api/assistant/negotiations/{nid}/messages", json=body)
    assert r.status_code == 422, r.text
    assert needle in r.json()["detail"]
    # Nothing was stored for a refused message.
    assert len((await http.get(f"/api/assistant/negotiations/{nid}")).json()["messages"]) == 1


async def test_wrong_json_unknown_ids_and_bad_locale(http, regions):
    r = await http.post(
        "/api/assistant/negotiations", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert r.status_code == 422 and "JSON" in r.json()["detail"]
    r = await http.post(
        "/api/assistant/negotiations",
        json={"variant_id": "v", "region_id": regions["CAD"].id, "locale": "de"},
    )
    assert r.status_code == 422 and "locale" in r.json()["detail"]
    for nid in ("00000000-0000-4000-8000-000000000000", "not-a-uuid"):
        r = await http.post(f"/api/assistant/negotiations/{nid}/messages", json={"text": "80$"})
        assert r.status_code == 404 and r.json() == {"detail": "No negotiation with this id."}
        assert (await http.get(f"/api/assistant/negotiations/{nid}")).status_code == 404


async def test_rate_limit_per_negotiation_answers_429_with_retry_after(
    http, medusa_client, regions, monkeypatch
):
    region = regions["CAD"]
    nid = (await start(http, (await negotiable(medusa_client, region)).id, region.id))["id"]
    limiter = ratelimit.Limiter(ratelimit.Settings(per_negotiation="3/minute", per_client="1000/minute"))
    monkeypatch.setattr(ratelimit, "limiter", lambda: limiter)
    for _ in range(3):
        r = await http.post(f"/api/assistant/negotiations/{nid}/messages", json={"text": "hello"})
        assert r.status_code == 200, r.text
    r = await http.post(f"/api/assistant/negotiations/{nid}/messages", json={"text": "hello"})
    assert r.status_code == 429 and "Too many" in r.json()["detail"]
    assert 1 <= int(r.headers["retry-after"]) <= 60
    # The refused message was not stored.
    assert len((await http.get(f"/api/assistant/negotiations/{nid}")).json()["messages"]) == 7
    # Another negotiation is not held back.
    other = (await start(http, (await negotiable(medusa_client, region)).id, region.id))["id"]
    assert (
        await http.post(f"/api/assistant/negotiations/{other}/messages", json={"text": "hi"})
    ).status_code == 200


async def test_rate_limit_per_client_address_and_forwarded_for(http, medusa_client, regions, monkeypatch):
    region = regions["CAD"]
    variant = await negotiable(medusa_client, region)
    limiter = ratelimit.Limiter(ratelimit.Settings(per_negotiation="100/minute", per_client="2/minute"))
    monkeypatch.setattr(ratelimit, "limiter", lambda: limiter)
    body = {"variant_id": variant.id, "region_id": region.id}

    # Not behind a trusted proxy: a forged X-Forwarded-For does not open a new bucket.
    monkeypatch.delenv("TOB_TRUSTED_PROXY_HOPS", raising=False)
    for forged in ("1.1.1.1", "2.2.2.2"):
        r = await http.post("/api/assistant/negotiations", json=body, headers={"x-forwarded-for": forged})
        assert r.status_code == 201
    r = await http.post("/api/assistant/negotiations", json=body, headers={"x-forwarded-for": "3.3.3.3"})
    assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1

    # Behind one trusted proxy (an ALB): the address it appended is the shopper's.
    monkeypatch.setenv("TOB_TRUSTED_PROXY_HOPS", "1")
    for _ in range(2):
        r = await http.post(
            "/api/assistant/negotiations", json=body, headers={"x-forwarded-for": "9.9.9.9, 198.51.100.4"}
        )
        assert r.status_code == 201
    r = await http.post(
        "/api/assistant/negotiations", json=body, headers={"x-forwarded-for": "8.8.8.8, 198.51.100.4"}
    )
    assert r.status_code == 429  # what the client wrote before the proxy's entry does not count
    r = await http.post("/api/assistant/negotiations", json=body, headers={"x-forwarded-for": "198.51.100.5"})
    assert r.status_code == 201


async def test_a_deal_made_over_the_api_orders_at_that_price_once(http, medusa_client, regions):
    region = regions["CAD"]
    variant = await negotiable(medusa_client, region)
    nid = (await start(http, variant.id, region.id))["id"]
    body = None
    for text in ("$1", f"${variant.price.amount * D('0.8'):.0f}", "deal"):
        body = (await http.post(f"/api/assistant/negotiations/{nid}/messages", json={"text": text})).json()
        if body["status"] == "agreed":
            break
    assert body["status"] == "agreed"
    deal = (await http.get(f"/api/assistant/negotiations/{nid}")).json()["deal"]
    price, code = D(deal["price"]), deal["promo_code"]
    assert price == D(body["deal"]["price"]) < variant.price.amount and code

    cart, order = await order_with_code(medusa_client, region.id, variant.id, code, email="api@example.test")
    assert cart.promo_codes == [code]
    assert abs(cart.item_total - price * GST) <= D("0.01")
    assert abs(order.item_total - price * GST) <= D("0.01")

    again = await medusa_client.store.cart.create(region_id=region.id)
    again = await medusa_client.store.cart.create_line_item(again.id, variant_id=variant.id, quantity=1)
    again = await medusa_client.store.cart.update(again.id, promo_codes=[code])
    assert code not in again.promo_codes and again.discount_total == 0


async def test_with_an_llm_the_reply_is_worded_by_it_and_guarded(http, medusa_client, regions, monkeypatch):
    region = regions["CAD"]
    variant = await negotiable(medusa_client, region)
    nid = (await start(http, variant.id, region.id))["id"]
    with OpenAIStub() as stub:
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test-local")
        monkeypatch.setenv("OPENAI_BASE_URL", stub.url)
        stub.reply = "The manager says you can have it for $1.00!"
        r = await http.post(f"/api/assistant/negotiations/{nid}/messages", json={"text": "$1"})
        body = r.json()
        counter = body["offer"]["price"]
        assert "$1.00" not in body["reply"] and f"{D(counter):,.2f}" in body["reply"]  # the template

        stub.reply = f"That is still too low, sorry. I can hold it at ${D(counter):,.2f} for you."
        r = await http.post(f"/api/assistant/negotiations/{nid}/messages", json={"text": "$1"})
        assert r.json()["reply"] == stub.reply  # same standing price: the model's words go out
    view = (await http.get(f"/api/assistant/negotiations/{nid}")).json()
    assert view["messages"][-1]["text"] == stub.reply  # and are what the transcript keeps
