"""The deal's promotion: code strength, the exact Admin API body, and the client resource."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import httpx
import pytest

from assistant.deals import CODE_PREFIX, new_code, promotion_body
from medusa import Medusa

D = Decimal
NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)


def test_codes_carry_at_least_64_random_bits_and_do_not_repeat():
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    for code in list(codes)[:50]:
        assert code.startswith(CODE_PREFIX)
        body = code.removeprefix(CODE_PREFIX)
        assert re.fullmatch(r"[A-Z2-7]{16}", body)  # base32: 16 × 5 = 80 bits
        assert len(body) * 5 >= 64


def body(**overrides):
    values = dict(
        code="DEAL-X",
        negotiation_id="n-1",
        product_id="prod_1",
        variant_id="variant_1",
        currency_code="cad",
        list_price=D("449.99"),
        deal_price=D("410.00"),
        starts_at=NOW,
        expires_at=NOW + timedelta(hours=24),
    )
    values.update(overrides)
    return promotion_body(**values)


def test_the_promotion_is_single_use_fixed_off_one_unit_of_that_variant_in_that_currency():
    b = body()
    assert b["limit"] == 1 and b["is_automatic"] is False and b["status"] == "active"
    am = b["application_method"]
    assert (am["type"], am["target_type"], am["max_quantity"], am["currency_code"]) == (
        "fixed",
        "items",
        1,
        "cad",
    )
    assert am["value"] == D("39.99")
    assert {r["attribute"]: r["values"] for r in am["target_rules"]} == {
        "items.product.id": ["prod_1"],
        "items.variant_id": ["variant_1"],
    }
    assert b["rules"] == [{"attribute": "currency_code", "operator": "in", "values": ["cad"]}]
    assert b["campaign"]["ends_at"] == NOW + timedelta(hours=24)
    assert b["metadata"]["negotiation_id"] == "n-1"


def test_no_promotion_for_a_deal_at_or_above_list():
    with pytest.raises(ValueError):
        body(deal_price=D("449.99"))


async def test_promotion_resource_posts_once_and_reads_exact_amounts():
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        if request.method == "POST":
            return httpx.Response(503)
        return httpx.Response(
            200,
            content=b'{"promotions": [{"id": "promo_1", "code": "DEAL-X", "limit": 1, '
            b'"application_method": {"type": "fixed", "target_type": "items", "value": 39.99, '
            b'"target_rules": [{"attribute": "items.variant_id", "operator": "in", '
            b'"values": [{"value": "variant_1"}]}]}}], "count": 1, "offset": 0, "limit": 1}',
        )

    async def no_sleep(_):
        return None

    client = Medusa(
        "http://medusa.test", admin_token="t", transport=httpx.MockTransport(handler), sleep=no_sleep
    )
    from medusa import MedusaUnavailableError

    with pytest.raises(MedusaUnavailableError):
        await client.admin.promotion.create(body())
    assert len(calls) == 1  # a create is never retried
    sent = json.loads(calls[0].content)
    assert sent["application_method"]["value"] == 39.99 and b'"value":39.99' in calls[0].content
    page = await client.admin.promotion.list(code="DEAL-X")
    assert ("code", "DEAL-X") in calls[-1].url.params.multi_items()
    promo = page.items[0]
    assert promo.application_method.value == D("39.99")
    assert promo.application_method.target_rules[0].values == ["variant_1"]
    await client.aclose()


# --- the promotion follows the list price (assistant.deals) ----------------------------------


@pytest.mark.parametrize(
    ("list_price", "deal", "off"),
    [
        ("449.99", "400.00", "49.99"),  # as agreed
        ("420.00", "400.00", "20.00"),  # the list fell: less off, the shopper still pays 400
        ("400.00", "400.00", "0"),  # the list fell to the deal: nothing off (pays the list)
        ("350.00", "400.00", "0"),  # below the deal: nothing off, pays 350 (never more than agreed)
        (None, "400.00", "0"),  # no longer sold in the region
    ],
)
def test_the_amount_off_keeps_the_price_at_the_agreed_one_and_never_below(list_price, deal, off):
    from assistant.deals import amount_off

    amount = amount_off(None if list_price is None else D(list_price), D(deal))
    assert amount == D(off)
    if list_price is not None:
        assert D(list_price) - amount == min(D(list_price), D(deal))


def test_the_update_body_sets_the_amount_or_switches_the_promotion_off():
    from assistant.deals import update_body

    assert update_body(D("20.00")) == {"status": "active", "application_method": {"value": D("20.00")}}
    assert update_body(D(0)) == {"status": "inactive"}


def test_failed_promotions_back_off_up_to_an_hour():
    from assistant.deals import retry_at

    delays = [(retry_at(n, NOW) - NOW).total_seconds() for n in range(1, 10)]
    assert delays[:4] == [30, 60, 120, 240]
    assert delays == sorted(delays) and max(delays) == 3600


async def test_promotion_update_posts_the_new_values_and_may_be_retried():
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        if len(calls) == 1:
            return httpx.Response(503)
        return httpx.Response(200, content=b'{"promotion": {"id": "promo_1", "status": "inactive"}}')

    async def no_sleep(_):
        return None

    client = Medusa(
        "http://medusa.test", admin_token="t", transport=httpx.MockTransport(handler), sleep=no_sleep
    )
    promo = await client.admin.promotion.update("promo_1", {"status": "inactive"}, fields="id,status")
    assert promo.status == "inactive" and len(calls) == 2  # setting values twice is harmless
    assert calls[0].method == "POST" and calls[0].url.path == "/admin/promotions/promo_1"
    assert json.loads(calls[-1].content) == {"status": "inactive"}
    await client.aclose()


def test_the_web_apps_assistant_api_listens_to_medusas_price_events(monkeypatch):
    from assistant import api, deals
    from catalog import events

    monkeypatch.setattr(events, "_listeners", [])
    api.create_app()
    assert events._listeners == [deals.on_catalog_change]
