"""The Admin API resources the jobs use, against a fake transport (no network)."""

from __future__ import annotations

import base64
import json
import time
from decimal import Decimal
from typing import Any

import httpx
import pytest

from jobs.medusa_admin import admin_medusa, token_expiry
from medusa import AuthenticationError, Medusa, MedusaUnavailableError, ValidationError

pytestmark = pytest.mark.asyncio

BASE = "http://medusa.test"


class Fake:
    """Answers each request with the next scripted response and records the requests."""

    def __init__(self, *answers: httpx.Response) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]

    def client(self) -> Medusa:
        async def no_sleep(_: float) -> None:
            return None

        return Medusa(BASE, admin_token="jwt", transport=httpx.MockTransport(self), sleep=no_sleep)


def answer(status: int, body: Any) -> httpx.Response:
    return httpx.Response(status, json=body)


PRODUCT = {
    "id": "prod_1",
    "handle": "xm5",
    "title": "XM5",
    "status": "published",
    "options": [{"id": "opt_c", "title": "Condition", "values": [{"id": "ov_1", "value": "Good"}]}],
    "variants": [
        {
            "id": "v_1",
            "sku": "XM5-GD",
            "prices": [{"id": "p1", "amount": 179.99, "currency_code": "CAD"}],
            "options": [{"id": "ov_1", "option_id": "opt_c", "value": "Good"}],
        }
    ],
}


async def test_product_list_filters_by_handles_and_parses_exact_prices():
    fake = Fake(answer(200, {"products": [PRODUCT], "count": 1, "offset": 0, "limit": 2}))
    async with fake.client() as medusa:
        page = await medusa.admin.product.list(handle=["xm5", "other"], limit=2)
    req = fake.requests[0]
    assert (req.method, req.url.path) == ("GET", "/admin/products")
    assert req.url.params.get_list("handle[]") == ["xm5", "other"]
    assert "variants.prices.amount" in req.url.params["fields"]
    assert req.headers["authorization"] == "Bearer jwt"
    price = page.items[0].variants[0].prices[0]
    assert price.amount == Decimal("179.99") and isinstance(price.amount, Decimal)
    assert price.currency_code == "cad"


async def test_batch_asks_for_ids_only_and_is_never_retried():
    fake = Fake(answer(503, {"message": "busy"}))
    async with fake.client() as medusa:
        with pytest.raises(MedusaUnavailableError):
            await medusa.admin.product.batch(create=[{"title": "X", "amount": Decimal("1.50")}])
    assert len(fake.requests) == 1  # a retried create could duplicate products
    req = fake.requests[0]
    assert (req.method, req.url.path, req.url.params["fields"]) == (
        "POST",
        "/admin/products/batch",
        "id,handle",
    )
    assert json.loads(req.content) == {"create": [{"title": "X", "amount": 1.5}], "update": [], "delete": []}
    assert b'"amount":1.50' in req.content  # the Decimal is sent exactly


async def test_reads_are_retried_on_503():
    ok = answer(200, {"regions": [], "count": 0, "offset": 0, "limit": 50})
    fake = Fake(answer(503, {}), ok)
    async with fake.client() as medusa:
        page = await medusa.admin.region.list()
    assert page.items == [] and len(fake.requests) == 2


async def test_variant_batch_option_values_and_translation_batch_bodies():
    fake = Fake(
        answer(200, {"created": [{"id": "v_2"}], "updated": [], "deleted": {"ids": []}}),
        answer(200, {"product": {"id": "prod_1", "handle": "xm5"}}),
        answer(200, {"created": [{"id": "t_1"}], "updated": [], "deleted": {}}),
    )
    async with fake.client() as medusa:
        result = await medusa.admin.product.batch_variants("prod_1", create=[{"sku": "XM5-FR"}])
        product = await medusa.admin.product.batch_options(
            "prod_1", update=[{"product_option_id": "opt_c", "add": [{"value": "Fair"}]}]
        )
        translations = await medusa.admin.translation.batch(
            create=[
                {
                    "reference": "product",
                    "reference_id": "prod_1",
                    "locale_code": "fr-CA",
                    "translations": {"title": "Casque"},
                }
            ]
        )
    assert result.created == [{"id": "v_2"}] and product.id == "prod_1"
    assert translations["created"] == [{"id": "t_1"}]
    paths = [r.url.path for r in fake.requests]
    assert paths == [
        "/admin/products/prod_1/variants/batch",
        "/admin/products/prod_1/options/batch",
        "/admin/translations/batch",
    ]
    assert json.loads(fake.requests[1].content) == {
        "update": [{"product_option_id": "opt_c", "add": [{"value": "Fair"}]}]
    }


async def test_empty_ids_are_refused_before_sending():
    fake = Fake(answer(200, {}))
    async with fake.client() as medusa:
        with pytest.raises(ValidationError):
            await medusa.admin.product.batch_variants(" ", create=[])
    assert fake.requests == []


async def test_inventory_levels_lookup_and_batch():
    items = {
        "inventory_items": [
            {
                "id": "ii_1",
                "sku": "XM5-GD",
                "location_levels": [
                    {
                        "id": "il_1",
                        "inventory_item_id": "ii_1",
                        "location_id": "sloc_1",
                        "stocked_quantity": 4,
                    }
                ],
            }
        ],
        "count": 1,
        "offset": 0,
        "limit": 20,
    }
    fake = Fake(answer(200, items), answer(200, {"created": [], "updated": [], "deleted": []}))
    async with fake.client() as medusa:
        page = await medusa.admin.inventory_item.list(sku=["XM5-GD"])
        await medusa.admin.inventory_item.batch_inventory_items_location_levels(
            update=[{"inventory_item_id": "ii_1", "location_id": "sloc_1", "stocked_quantity": 5}]
        )
    assert page.items[0].location_levels[0].stocked_quantity == 4
    assert fake.requests[0].url.params.get_list("sku[]") == ["XM5-GD"]
    assert fake.requests[1].url.path == "/admin/inventory-items/location-levels/batch"


async def test_stock_levels_query_and_batch_bodies_and_answers():
    levels = {
        "inventory_items": [
            {
                "id": "ii_1",
                "sku": "XM5-GD",
                "location_levels": [
                    {
                        "inventory_item_id": "ii_1",
                        "location_id": "sloc_1",
                        "stocked_quantity": 4,
                        "reserved_quantity": 1,
                    }
                ],
            },
            {"id": "ii_2", "sku": "XM5-FR", "location_levels": []},
        ],
        "count": 2,
    }
    fake = Fake(answer(200, levels), answer(200, levels), answer(200, {"created": 1, "updated": 2}))
    row = {"inventory_item_id": "ii_1", "location_id": "sloc_1", "stocked_quantity": 5}
    async with fake.client() as medusa:
        everything = await medusa.admin.stock_level.query()
        await medusa.admin.stock_level.query(skus=["XM5-GD", "XM5-FR"])
        written = await medusa.admin.stock_level.batch(create=[row], update=[row, row])
    assert [
        (i.id, [(lv.location_id, lv.stocked_quantity, lv.reserved_quantity) for lv in i.location_levels])
        for i in everything
    ] == [("ii_1", [("sloc_1", 4, 1)]), ("ii_2", [])]
    assert [(r.method, r.url.path, json.loads(r.content)) for r in fake.requests] == [
        ("POST", "/admin/stock-levels/query", {}),
        ("POST", "/admin/stock-levels/query", {"skus": ["XM5-GD", "XM5-FR"]}),
        ("POST", "/admin/stock-levels/batch", {"create": [row], "update": [row, row]}),
    ]
    assert (written.created, written.updated) == (1, 2)


async def test_a_stock_levels_batch_is_never_retried():
    fake = Fake(answer(503, {"message": "busy"}))
    async with fake.client() as medusa:
        with pytest.raises(MedusaUnavailableError):
            await medusa.admin.stock_level.batch(update=[{"inventory_item_id": "ii_1"}])
    assert len(fake.requests) == 1


def _answer_every_client_with(monkeypatch, handler) -> None:
    """Every Medusa client the code under test opens talks to `handler`."""
    real_init = Medusa.__init__

    def init(self, *args, **kwargs):
        kwargs["transport"] = httpx.MockTransport(handler)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(Medusa, "__init__", init)


async def test_admin_session_logs_in_with_the_staff_login_from_env(monkeypatch):
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/auth/user/emailpass":
            body = json.loads(request.content)
            if body == {"email": "staff@example.test", "password": "pw"}:
                return answer(200, {"token": "tok"})
            return answer(401, {"type": "unauthorized", "message": "Invalid email or password"})
        return answer(200, {"regions": [], "count": 0, "offset": 0, "limit": 50})

    _answer_every_client_with(monkeypatch, handler)
    env = {
        "MEDUSA_BACKEND_URL": BASE,
        "MEDUSA_ADMIN_EMAIL": "staff@example.test",
        "MEDUSA_ADMIN_PASSWORD": "pw",
    }
    async with admin_medusa(env) as medusa:
        await medusa.admin.region.list()
    assert seen[-1].headers["authorization"] == "Bearer tok"
    with pytest.raises(AuthenticationError):
        async with admin_medusa({**env, "MEDUSA_ADMIN_PASSWORD": "wrong"}):
            pass


def _jwt(exp: float, jti: int) -> str:
    def part(data: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'HS256'})}.{part({'actor_id': 'user_1', 'exp': int(exp), 'jti': jti})}.signature"


async def test_the_staff_token_is_kept_for_the_next_job_while_medusa_accepts_it_and_it_has_time_left(
    monkeypatch,
):
    logins: list[str] = []
    tokens = iter([_jwt(time.time() + 86_400, 1), _jwt(time.time() + 60, 2), _jwt(time.time() + 86_400, 3)])
    refused: set[str] = set()

    def handler(request: httpx.Request) -> httpx.Response:
        bearer = request.headers.get("authorization", "").removeprefix("Bearer ")
        if request.url.path == "/auth/user/emailpass":
            logins.append(token := next(tokens))
            return answer(200, {"token": token})
        if bearer in refused:
            return answer(401, {"type": "unauthorized", "message": "Unauthorized"})
        if request.url.path == "/admin/users/me":
            return answer(200, {"user": {"id": "user_1", "email": "keep@example.test"}})
        return answer(200, {"regions": [], "count": 0, "offset": 0, "limit": 50})

    _answer_every_client_with(monkeypatch, handler)
    env = {
        "MEDUSA_BACKEND_URL": BASE,
        "MEDUSA_ADMIN_EMAIL": "keep@example.test",
        "MEDUSA_ADMIN_PASSWORD": "pw",
    }

    async def job() -> str:
        async with admin_medusa(env) as medusa:
            await medusa.admin.region.list()
            return medusa.admin_token

    first = await job()
    assert await job() == first and len(logins) == 1  # kept: checked, not logged in again
    refused.add(first)  # Medusa no longer accepts it (e.g. its JWT secret changed)
    second = await job()
    assert second != first and len(logins) == 2
    # the new token expires within the margin: the next job logs in rather than risk it mid-run
    third = await job()
    assert third not in (first, second) and len(logins) == 3
    assert token_expiry(third) and token_expiry("not-a-jwt") is None
