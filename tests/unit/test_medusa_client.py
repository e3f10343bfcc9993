"""Unit tests for the `medusa` client package: no network, httpx.MockTransport + JSON fixtures."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from medusa import (
    DEFAULT_PRODUCT_FIELDS,
    AuthenticationError,
    ConflictError,
    InvalidResponseError,
    Medusa,
    MedusaAPIError,
    MedusaUnavailableError,
    Money,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RetryPolicy,
    ServerError,
    UnprocessableEntityError,
    ValidationError,
    Variant,
    _json,
)
from medusa._http import encode_query

pytestmark = pytest.mark.asyncio

FIXTURES = Path(__file__).parent / "fixtures" / "medusa"
BASE = "http://medusa.test"
PK = "pk_test_publishable"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def json_response(status: int, body: Any = None, *, raw: bytes | None = None, **headers: str):
    content = raw if raw is not None else json.dumps(body).encode()
    return httpx.Response(status, content=content, headers={"content-type": "application/json", **headers})


class Recorder:
    """A MockTransport handler that answers from a script and records every request."""

    def __init__(self, *answers: httpx.Response | Exception | Callable[[httpx.Request], Any]):
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []
        self.sleeps: list[float] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        if callable(answer) and not isinstance(answer, httpx.Response):
            return answer(request)
        return answer

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    def client(self, **kwargs: Any) -> Medusa:
        kwargs.setdefault("publishable_key", PK)
        return Medusa(
            BASE,
            transport=httpx.MockTransport(self),
            sleep=self.sleep,
            _rand=lambda: 0.0,  # no jitter: deterministic backoff
            **kwargs,
        )

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]


def query(request: httpx.Request) -> list[tuple[str, str]]:
    return list(request.url.params.multi_items())


# --- products: parsing ---------------------------------------------------------------------


async def test_product_list_parses_exact_prices_stock_and_relations():
    rec = Recorder(json_response(200, raw=fixture_bytes("store_products.json")))
    async with rec.client() as medusa:
        page = await medusa.store.product.list(region_id="reg_01JCANADA", limit=2)

    assert (page.count, page.offset, page.limit, len(page.items)) == (27, 0, 2, 2)
    assert page.has_more and page.next_offset == 2

    bosch, sony = page.items
    grade_a, grade_b = bosch.variants
    assert grade_a.price == Money(amount=Decimal("1234.5"), currency_code="cad")
    assert isinstance(grade_a.price.amount, Decimal)
    assert grade_a.price.amount == Decimal("1234.5")
    assert grade_a.price.currency_code == "cad" and grade_a.price.currency == "CAD"
    assert grade_a.original_price == grade_a.price and not grade_a.on_sale
    # a price without raw_* amounts is still exact: the JSON number never became a float
    assert grade_b.price.amount == Decimal("999.1")
    assert grade_b.original_price.amount == Decimal("1099.2")
    assert grade_b.on_sale and grade_b.calculated_price.price_list_type == "sale"
    assert grade_b.original_price - grade_b.price == Money(amount="100.1", currency_code="cad")

    assert grade_a.inventory_quantity == 3 and grade_a.in_stock
    assert grade_b.inventory_quantity == 0 and not grade_b.in_stock
    assert bosch.in_stock
    assert bosch.lowest_price == Money(amount=Decimal("999.1"), currency_code="cad")

    assert bosch.handle == "bosch-300-dishwasher"
    assert bosch.subtitle == "Open box — display unit"
    assert bosch.images[0].url.endswith("bosch-300-front.jpg")
    assert bosch.options[0].title == "Condition"
    assert [v.value for v in bosch.options[0].values] == ["Grade A", "Grade B"]
    assert grade_a.options[0].option_id == "opt_01JCOND"
    assert grade_a.option_value("opt_01JCOND") == "Grade A"
    assert [(c.id, c.name, c.handle) for c in bosch.categories] == [
        ("pcat_01JDISHWASHERS", "Dishwashers", "dishwashers")
    ]
    assert bosch.collection is not None and bosch.collection.handle == "kitchen"
    assert bosch.metadata["brand"] == "Bosch"
    assert bosch.metadata["msrp"] == Decimal("1499.99")  # floats in metadata are Decimal too
    assert bosch.created_at is not None and bosch.created_at.year == 2025
    assert [t.value for t in bosch.tags] == ["open-box"]
    assert grade_b.metadata == {"cosmetic": "dent on left side"}

    # Sony: null collection/metadata, sold out, raw amount preferred over JS float noise
    assert sony.collection is None and sony.metadata == {} and sony.description is None
    assert not sony.in_stock
    assert sony.lowest_price == Money(amount=Decimal("19.99"), currency_code="cad")


async def test_amounts_add_exactly():
    prices = _json.loads(b'{"a": 0.1, "b": 0.2}')
    a = Money(amount=prices["a"], currency_code="CAD")
    b = Money(amount=prices["b"], currency_code="cad")
    assert (a + b).amount == Decimal("0.3")
    assert a.currency_code == "cad"


async def test_money_refuses_floats_and_mixed_currencies():
    with pytest.raises(Exception, match="float"):
        Money(amount=0.1, currency_code="cad")
    with pytest.raises(ValueError):
        Money(amount="1", currency_code="cad") + Money(amount="1", currency_code="usd")
    with pytest.raises(Exception, match="ISO 4217"):
        Money(amount="1", currency_code="dollars")
    assert Money(amount=12, currency_code="usd").amount == Decimal(12)


async def test_product_without_region_has_no_price():
    body = {
        "products": [
            {
                "id": "prod_1",
                "handle": "p",
                "title": "P",
                "variants": [{"id": "v1", "calculated_price": None, "manage_inventory": False}],
            }
        ],
        "count": 1,
        "offset": 0,
        "limit": 50,
    }
    rec = Recorder(json_response(200, body))
    async with rec.client() as medusa:
        (product,) = (await medusa.store.product.list()).items
    assert product.lowest_price is None and product.variants[0].price is None
    assert product.in_stock  # inventory not managed → always purchasable
    assert "region_id" not in dict(query(rec.last))


async def test_variant_stock_rules():
    assert Variant(id="v", manage_inventory=False, inventory_quantity=0).in_stock
    assert Variant(id="v", manage_inventory=True, allow_backorder=True, inventory_quantity=0).in_stock
    assert Variant(id="v", manage_inventory=True, inventory_quantity=2).in_stock
    assert not Variant(id="v", manage_inventory=True, inventory_quantity=0).in_stock
    assert not Variant(id="v", manage_inventory=True).in_stock  # unknown quantity


# --- products: requests --------------------------------------------------------------------


async def test_product_list_sends_query_params_and_publishable_key():
    rec = Recorder(json_response(200, {"products": [], "count": 0, "offset": 40, "limit": 20}))
    async with rec.client() as medusa:
        page = await medusa.store.product.list(
            region_id="reg_01JCANADA",
            locale="fr-CA",
            limit=20,
            offset=40,
            order="-created_at",
            q="lave-vaisselle",
            category_id=["pcat_a", "pcat_b"],
            collection_id=["pcol_x"],
        )
    assert page.items == [] and not page.has_more and page.next_offset is None

    req = rec.last
    assert req.method == "GET"
    assert req.url.path == "/store/products"
    assert req.headers["x-publishable-api-key"] == PK
    assert req.headers["accept"] == "application/json"
    assert "authorization" not in req.headers
    params = query(req)
    single = dict(params)
    assert single["region_id"] == "reg_01JCANADA"
    assert single["locale"] == "fr-CA"
    assert (single["limit"], single["offset"]) == ("20", "40")
    assert single["order"] == "-created_at"
    assert single["q"] == "lave-vaisselle"
    assert single["fields"] == DEFAULT_PRODUCT_FIELDS
    # Medusa parses the query with qs: arrays as key[]=a&key[]=b
    assert [v for k, v in params if k == "category_id[]"] == ["pcat_a", "pcat_b"]
    assert [v for k, v in params if k == "collection_id[]"] == ["pcol_x"]
    assert "category_id[]=pcat_a&category_id[]=pcat_b" in req.url.query.decode().replace("%5B%5D", "[]")
    for needed in ("*variants.calculated_price", "+variants.inventory_quantity", "*categories"):
        assert needed in single["fields"].split(",")


async def test_product_list_omits_unset_params_and_accepts_custom_fields():
    rec = Recorder(json_response(200, {"products": [], "count": 0, "offset": 0, "limit": 50}))
    async with rec.client() as medusa:
        await medusa.store.product.list(fields=["id", "title"], id="prod_1")
    assert dict(query(rec.last)) == {"fields": "id,title", "id": "prod_1"}


@pytest.mark.parametrize(
    "order",
    [
        "price",
        "-price",
        "variants.calculated_price",
        "-variants.calculated_price.calculated_amount",
    ],
)
async def test_price_order_rejected_before_any_request(order):
    rec = Recorder(json_response(200, {"products": [], "count": 0, "offset": 0, "limit": 50}))
    async with rec.client() as medusa:
        with pytest.raises(ValidationError, match="price") as info:
            await medusa.store.product.list(order=order)
    assert info.value.status is None  # refused locally
    assert rec.requests == []


async def test_other_orders_are_sent_and_medusa_judges_them():
    ok = json_response(200, {"products": [], "count": 0, "offset": 0, "limit": 50})
    bad = json_response(400, {"type": "invalid_data", "message": "Order field popularity is not valid"})
    orders = ("created_at", "-created_at", "title", "-updated_at", "variants.sku", "-id", "handle")
    rec = Recorder(*([ok] * len(orders)), bad)
    async with rec.client() as medusa:
        for order in orders:
            await medusa.store.product.list(order=order)
        with pytest.raises(ValidationError, match="popularity") as info:
            await medusa.store.product.list(order="popularity")
        with pytest.raises(ValidationError, match="one field"):
            await medusa.store.product.list(order="title,-created_at")
    assert info.value.status == 400
    assert [dict(query(r))["order"] for r in rec.requests] == [*orders, "popularity"]


async def test_retrieve_by_handle_found_and_not_found():
    products = json.loads(fixture_bytes("store_products.json"))
    one = {"products": products["products"][:1], "count": 1, "offset": 0, "limit": 1}
    empty = {"products": [], "count": 0, "offset": 0, "limit": 1}
    rec = Recorder(json_response(200, one), json_response(200, empty))
    async with rec.client() as medusa:
        product = await medusa.store.product.retrieve_by_handle(
            "bosch-300-dishwasher", region_id="reg_01JCANADA", locale="fr-CA"
        )
        assert product.id == "prod_01JBOSCH300DW"
        params = dict(query(rec.last))
        assert params["handle"] == "bosch-300-dishwasher" and params["limit"] == "1"
        assert params["locale"] == "fr-CA" and params["region_id"] == "reg_01JCANADA"

        with pytest.raises(NotFoundError) as info:
            await medusa.store.product.retrieve_by_handle("nope")
    assert info.value.status == 404 and "nope" in str(info.value)


async def test_retrieve_product_by_id():
    products = json.loads(fixture_bytes("store_products.json"))
    rec = Recorder(json_response(200, {"product": products["products"][1]}))
    async with rec.client() as medusa:
        product = await medusa.store.product.retrieve("prod_01JSONYXM5", region_id="reg_1")
        assert product.handle == "sony-wh-1000xm5"
        assert rec.last.url.path == "/store/products/prod_01JSONYXM5"
        assert dict(query(rec.last))["region_id"] == "reg_1"
        with pytest.raises(ValidationError):
            await medusa.store.product.retrieve("")  # would otherwise hit the list route
        await medusa.store.product.retrieve("a/../b")
        assert rec.last.url.raw_path.startswith(b"/store/products/a%2F..%2Fb")
    assert len(rec.requests) == 2


async def test_iterate_walks_all_pages():
    def page(ids: list[str], offset: int, count: int) -> httpx.Response:
        items = [{"id": i, "handle": i, "title": i} for i in ids]
        return json_response(200, {"products": items, "count": count, "offset": offset, "limit": 2})

    rec = Recorder(page(["a", "b"], 0, 5), page(["b", "c"], 2, 5), page(["d"], 4, 5))
    async with rec.client() as medusa:
        ids = [p.id async for p in medusa.store.product.iterate(page_size=2, region_id="r")]
    assert ids == ["a", "b", "c", "d"]  # "b" seen twice (overlapping pages) yielded once
    assert [dict(query(r))["offset"] for r in rec.requests] == ["0", "2", "4"]


# --- regions, categories, collections ------------------------------------------------------


async def test_regions_list_and_retrieve():
    regions = json.loads(fixture_bytes("store_regions.json"))
    rec = Recorder(
        json_response(200, raw=fixture_bytes("store_regions.json")),
        json_response(200, {"region": regions["regions"][0]}),
    )
    async with rec.client() as medusa:
        page = await medusa.store.region.list()
        canada = await medusa.store.region.retrieve("reg_01JCANADA")
    assert [(r.id, r.currency_code, r.country_codes) for r in page.items] == [
        ("reg_01JCANADA", "cad", ["ca"]),
        ("reg_01JUSA", "usd", ["us"]),
    ]
    assert canada.name == "Canada" and canada.currency == "CAD"
    assert rec.requests[0].url.path == "/store/regions"
    assert rec.requests[1].url.path == "/store/regions/reg_01JCANADA"
    assert all(r.headers["x-publishable-api-key"] == PK for r in rec.requests)


async def test_categories_and_collections_by_handle():
    rec = Recorder(
        json_response(200, raw=fixture_bytes("store_product_categories.json")),
        json_response(200, raw=fixture_bytes("store_collections.json")),
        json_response(200, {"collections": [], "count": 0, "offset": 0, "limit": 1}),
    )
    async with rec.client() as medusa:
        cat = await medusa.store.category.retrieve_by_handle(
            "appliances", locale="fr-CA", include_descendants_tree=True
        )
        col = await medusa.store.collection.retrieve_by_handle("kitchen")
        with pytest.raises(NotFoundError):
            await medusa.store.collection.retrieve_by_handle("garden")

    assert (cat.id, cat.name, cat.handle, cat.parent_category_id) == (
        "pcat_01JAPPLIANCES",
        "Appliances",
        "appliances",
        None,
    )
    assert cat.description.startswith("Major appliances")
    assert [c.handle for c in cat.category_children] == ["dishwashers"]
    assert (col.id, col.title, col.handle) == ("pcol_01JKITCHEN", "Kitchen", "kitchen")

    cat_req, col_req, _ = rec.requests
    assert cat_req.url.path == "/store/product-categories"
    assert dict(query(cat_req)) == {
        "locale": "fr-CA",
        "limit": "1",
        "handle": "appliances",
        "include_descendants_tree": "true",
    }
    assert col_req.url.path == "/store/collections"
    assert dict(query(col_req))["handle"] == "kitchen"


# --- error mapping -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "body", "error_cls"),
    [
        (
            400,
            {"type": "invalid_data", "message": "Invalid request: Field 'x' is required"},
            ValidationError,
        ),
        (400, {"type": "not_allowed", "message": "Publishable API key required"}, ValidationError),
        (401, {"type": "unauthorized", "message": "Unauthorized"}, AuthenticationError),
        (403, {"type": "forbidden", "message": "Forbidden"}, PermissionDeniedError),
        (404, {"type": "not_found", "message": "Product with id: x was not found"}, NotFoundError),
        (
            409,
            {"type": "conflict", "code": "invalid_state_error", "message": "conflict"},
            ConflictError,
        ),
        (422, {"type": "duplicate_error", "message": "already exists"}, UnprocessableEntityError),
        (
            500,
            {
                "type": "unknown_error",
                "code": "unknown_error",
                "message": "An unknown error occurred.",
            },
            ServerError,
        ),
    ],
)
async def test_error_mapping(status, body, error_cls):
    rec = Recorder(json_response(status, body))
    async with rec.client() as medusa:
        with pytest.raises(error_cls) as info:
            await medusa.store.product.list()
    err = info.value
    assert isinstance(err, MedusaAPIError)
    assert err.status == status
    assert err.type == body["type"]
    assert err.message == body["message"]
    assert err.code == body.get("code")
    assert len(rec.requests) == 1  # none of these is retried


async def test_invalid_data_type_maps_to_validation_error_whatever_the_status():
    rec = Recorder(json_response(418, {"type": "invalid_data", "message": "bad"}))
    async with rec.client() as medusa:
        with pytest.raises(ValidationError):
            await medusa.store.region.list()


async def test_503_maps_to_unavailable_without_retries():
    rec = Recorder(json_response(503, {"message": "down for maintenance"}))
    async with rec.client(max_retries=0) as medusa:
        with pytest.raises(MedusaUnavailableError) as info:
            await medusa.store.product.list()
    assert info.value.status == 503 and "maintenance" in str(info.value)
    assert len(rec.requests) == 1 and rec.sleeps == []


async def test_html_error_body_and_non_json_success_body():
    rec = Recorder(
        httpx.Response(500, text="<html>Internal Server Error</html>"),
        httpx.Response(200, text="<html>captive portal</html>"),
    )
    async with rec.client() as medusa:
        with pytest.raises(ServerError, match="Internal Server Error"):
            await medusa.store.region.list()
        with pytest.raises(InvalidResponseError):
            await medusa.store.region.list()


async def test_unexpected_shape_is_invalid_response():
    rec = Recorder(json_response(200, {"products": [{"id": "p"}], "count": 1}))
    async with rec.client() as medusa:
        with pytest.raises(InvalidResponseError):
            await medusa.store.product.list()


# --- retries, timeouts, outages ------------------------------------------------------------


async def test_get_retries_503_then_succeeds_with_backoff():
    ok = json_response(200, raw=fixture_bytes("store_regions.json"))
    rec = Recorder(json_response(503, {}), json_response(502, {}), ok)
    async with rec.client() as medusa:
        page = await medusa.store.region.list()
    assert len(page.items) == 2
    assert len(rec.requests) == 3
    assert rec.sleeps == [pytest.approx(0.2), pytest.approx(0.4)]  # base 0.2 s, doubling


async def test_get_gives_up_after_max_retries_on_503():
    rec = Recorder(json_response(503, {"type": "unknown_error", "message": "unavailable"}))
    async with rec.client() as medusa:
        with pytest.raises(MedusaUnavailableError) as info:
            await medusa.store.product.list()
    assert info.value.status == 503
    assert len(rec.requests) == 3 and len(rec.sleeps) == 2


async def test_server_error_500_is_not_retried():
    rec = Recorder(json_response(500, {"type": "database_error", "message": "boom"}))
    async with rec.client() as medusa:
        with pytest.raises(ServerError):
            await medusa.store.product.list()
    assert len(rec.requests) == 1


async def test_post_is_not_retried():
    rec = Recorder(json_response(503, {}))
    async with rec.client() as medusa:
        with pytest.raises(MedusaUnavailableError):
            await medusa.admin.auth.login("admin@theopenbox.test", "supersecret")
    assert len(rec.requests) == 1 and rec.sleeps == []

    rec = Recorder(httpx.ConnectError("connection refused"))
    async with rec.client() as medusa:
        with pytest.raises(MedusaUnavailableError):
            await medusa.admin.auth.login("admin@theopenbox.test", "supersecret")
    assert len(rec.requests) == 1 and rec.sleeps == []


async def test_connection_refused_is_unavailable_after_retries():
    rec = Recorder(httpx.ConnectError("[Errno 111] Connection refused"))
    async with rec.client() as medusa:
        with pytest.raises(MedusaUnavailableError, match="cannot reach Medusa") as info:
            await medusa.store.region.list()
    assert info.value.status is None
    assert len(rec.requests) == 3 and len(rec.sleeps) == 2


async def test_real_connection_refused_is_unavailable():
    # a real socket: nothing listens on port 9 of localhost
    slept: list[float] = []

    async def no_sleep(seconds: float) -> None:
        slept.append(seconds)

    async with Medusa("http://127.0.0.1:9", max_retries=1, sleep=no_sleep) as medusa:
        with pytest.raises(MedusaUnavailableError):
            await medusa.store.region.list()
    assert len(slept) == 1


async def test_timeout_is_unavailable_after_retries():
    rec = Recorder(httpx.ReadTimeout("timed out"))
    async with rec.client() as medusa:
        with pytest.raises(MedusaUnavailableError, match="read timeout"):
            await medusa.store.product.list()
    assert len(rec.requests) == 3

    rec = Recorder(httpx.ConnectTimeout("timed out"), json_response(200, {"regions": []}))
    async with rec.client() as medusa:
        assert (await medusa.store.region.list()).items == []
    assert len(rec.requests) == 2


async def test_retry_after_is_honoured_when_small_and_ends_retries_when_large():
    ok = json_response(200, {"regions": [], "count": 0, "offset": 0, "limit": 50})
    rec = Recorder(json_response(429, {"message": "slow down"}, **{"retry-after": "1"}), ok)
    async with rec.client() as medusa:
        await medusa.store.region.list()
    assert rec.sleeps == [1.0]

    rec = Recorder(json_response(429, {"message": "slow down"}, **{"retry-after": "120"}), ok)
    async with rec.client() as medusa:
        with pytest.raises(RateLimitError) as info:
            await medusa.store.region.list()
    assert info.value.retry_after == 120.0
    assert len(rec.requests) == 1 and rec.sleeps == []


async def test_rate_limit_after_retries():
    rec = Recorder(json_response(429, {"message": "Too many requests"}))
    async with rec.client(max_retries=1) as medusa:
        with pytest.raises(RateLimitError):
            await medusa.store.region.list()
    assert len(rec.requests) == 2


async def test_timeouts_are_sent_with_every_request():
    seen: list[dict[str, float]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        return json_response(200, {"regions": []})

    rec = Recorder(handler)
    async with rec.client() as medusa:
        await medusa.store.region.list()
        await medusa.with_options(timeout=2.5).store.region.list()
    assert seen[0] == {"connect": 3.0, "read": 10.0, "write": 10.0, "pool": 10.0}
    assert seen[1] == {"connect": 2.5, "read": 2.5, "write": 2.5, "pool": 2.5}


async def test_backoff_policy_is_capped_and_jittered():
    policy = RetryPolicy(max_retries=5, base_delay=0.2, max_delay=2.0)
    assert [policy.backoff(n, lambda: 0.0) for n in range(6)] == pytest.approx([0.2, 0.4, 0.8, 1.6, 2.0, 2.0])
    assert policy.backoff(1, lambda: 1.0) == pytest.approx(0.3)  # at most 25 % jitter


# --- admin ---------------------------------------------------------------------------------


async def test_admin_login_returns_token():
    rec = Recorder(json_response(200, {"token": "eyJhbGciOiJIUzI1NiJ9.e30.sig"}))
    async with rec.client() as medusa:
        token = await medusa.admin.auth.login("admin@theopenbox.test", "supersecret")
    assert token == "eyJhbGciOiJIUzI1NiJ9.e30.sig"
    req = rec.last
    assert (req.method, req.url.path) == ("POST", "/auth/user/emailpass")
    assert req.headers["content-type"] == "application/json"
    assert json.loads(req.content) == {"email": "admin@theopenbox.test", "password": "supersecret"}
    assert "x-publishable-api-key" not in req.headers


async def test_admin_login_bad_credentials():
    rec = Recorder(json_response(401, {"type": "unauthorized", "message": "Invalid email or password"}))
    async with rec.client() as medusa:
        with pytest.raises(AuthenticationError, match="Invalid email or password"):
            await medusa.admin.auth.login("admin@theopenbox.test", "wrong")
    assert len(rec.requests) == 1


async def test_api_key_list_needs_admin_token_and_sends_it():
    rec = Recorder(json_response(200, raw=fixture_bytes("admin_api_keys.json")))
    async with rec.client() as medusa:
        with pytest.raises(AuthenticationError, match="admin token"):
            await medusa.admin.api_key.list(type="publishable")
        assert rec.requests == []

        admin = medusa.with_admin_token("jwt-123")
        page = await admin.admin.api_key.list(type="publishable")
        await admin.aclose()  # a copy: does not close the shared pool
        assert not medusa.is_closed
        await Medusa(BASE, admin_token="jwt-456", transport=httpx.MockTransport(rec)).admin.api_key.list()
    assert medusa.is_closed

    req = rec.requests[0]
    assert (req.method, req.url.path) == ("GET", "/admin/api-keys")
    assert req.headers["authorization"] == "Bearer jwt-123"
    assert dict(query(req)) == {"type": "publishable"}
    assert rec.requests[1].headers["authorization"] == "Bearer jwt-456"
    webshop, old = page.items
    assert (webshop.id, webshop.title, webshop.type) == ("apk_01JWEBSHOP", "Webshop", "publishable")
    assert webshop.token.startswith("pk_") and not webshop.is_revoked
    assert old.is_revoked
    assert medusa.admin_token is None  # the original client stays anonymous


# --- configuration and helpers -------------------------------------------------------------


async def test_from_env():
    medusa = Medusa.from_env(
        {
            "MEDUSA_BACKEND_URL": "http://medusa.internal:9000/",
            "MEDUSA_PUBLISHABLE_KEY": "pk_env",
            "MEDUSA_TIMEOUT_SECONDS": "4.5",
        }
    )
    assert medusa.base_url == "http://medusa.internal:9000"
    assert medusa.publishable_key == "pk_env"
    assert medusa._http.timeout.read == 4.5 and medusa._http.timeout.connect == 3.0
    await medusa.aclose()

    default = Medusa.from_env({})
    assert default.base_url == "http://localhost:9000" and default.publishable_key is None
    assert default._http.timeout.connect == 3.0 and default._http.timeout.read == 10.0
    assert default._http.retry == RetryPolicy(max_retries=2, base_delay=0.2, max_delay=2.0)
    await default.aclose()

    with pytest.raises(ValueError, match="MEDUSA_TIMEOUT_SECONDS"):
        Medusa.from_env({"MEDUSA_TIMEOUT_SECONDS": "soon"})


async def test_encode_query_and_json_dumps():
    assert encode_query({"a": None, "b": True, "c": 3, "d": ["x", "y"], "e": "z"}) == [
        ("b", "true"),
        ("c", "3"),
        ("d[]", "x"),
        ("d[]", "y"),
        ("e", "z"),
    ]
    assert _json.dumps({"amount": Decimal("1234.50"), "q": [1, "é"]}) == ('{"amount":1234.50,"q":[1,"é"]}')
    with pytest.raises(TypeError, match="float"):
        _json.dumps({"amount": 1.5})
    assert isinstance(_json.loads("1234.5"), Decimal)
