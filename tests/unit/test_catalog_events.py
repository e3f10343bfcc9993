import asyncio
import json

import pytest

from catalog.events import (
    MAX_SKEW_SECONDS,
    CatalogEvent,
    EventRejected,
    RefreshQueue,
    ReplayGuard,
    parse,
    sign,
    verify,
)

KEY = "s3cret"
NOW = 1_800_000_000
BODY = json.dumps({"event": "product.updated", "product_ids": ["prod_1"], "full_refresh": False}).encode()


@pytest.fixture(autouse=True)
def no_listeners(monkeypatch):
    """The queue tells every registered listener; the app's own (the assistant's repricing, which
    reads Postgres) may be registered when e2e tests ran first in this process."""
    monkeypatch.setattr("catalog.events._listeners", [])


def _headers(body=BODY, timestamp=NOW, key=KEY):
    return {"x-tob-timestamp": str(timestamp), "x-tob-signature": sign(key, str(timestamp), body)}


def test_signature_matches_the_subscribers_format():
    # what medusa-backend/src/lib/catalog-events.ts computes: "sha256=" + hex HMAC of "<ts>.<body>"
    import hashlib
    import hmac

    assert sign("k", "1", b"{}") == "sha256=" + hmac.new(b"k", b"1.{}", hashlib.sha256).hexdigest()


def test_a_good_event_passes():
    verify(KEY, _headers(), BODY, NOW + 10)


@pytest.mark.parametrize(
    "headers, body, message",
    [
        ({}, BODY, "missing"),
        (_headers(key="other"), BODY, "bad signature"),
        (_headers(), BODY + b" ", "bad signature"),  # body changed after signing
        (_headers(timestamp=NOW - MAX_SKEW_SECONDS - 1), BODY, "window"),
        ({"x-tob-timestamp": "soon", "x-tob-signature": "sha256=00"}, BODY, "number"),
    ],
)
def test_bad_events_are_refused(headers, body, message):
    with pytest.raises(EventRejected, match=message) as info:
        verify(KEY, headers, body, NOW)
    assert info.value.status == 401


def test_the_same_signed_request_twice_is_a_replay():
    guard = ReplayGuard()
    verify(KEY, _headers(), BODY, NOW, guard)
    with pytest.raises(EventRejected, match="replay") as info:
        verify(KEY, _headers(), BODY, NOW + 1, guard)
    assert info.value.status == 409
    verify(KEY, _headers(timestamp=NOW + 1), BODY, NOW + 1, guard)  # a new timestamp is a new event


def test_parse_validates_the_payload():
    assert parse(BODY) == CatalogEvent("product.updated", ("prod_1",), False)
    assert parse(b'{"product_ids": ["a", "a", "b"]}').product_ids == ("a", "b")
    for bad in (b"[", b"[]", b'{"product_ids": "a"}', b'{"product_ids": [1]}', b'{"full_refresh": "yes"}'):
        with pytest.raises(EventRejected) as info:
            parse(bad)
        assert info.value.status == 400


async def test_queue_batches_the_events_of_a_bulk_edit_into_one_refresh():
    calls: list[set[str]] = []
    rebuilds: list[int] = []

    async def refresh(ids):
        calls.append(set(ids))

    async def rebuild():
        rebuilds.append(1)

    queue = RefreshQueue(refresh=refresh, rebuild=rebuild, delay=0.05)
    for i in range(50):
        queue.add(CatalogEvent("product.updated", (f"prod_{i % 10}",), False))
    await asyncio.wait_for(queue.idle.wait(), 2)
    assert calls == [{f"prod_{i}" for i in range(10)}]
    queue.add(CatalogEvent("product-category.deleted", (), True))
    await asyncio.sleep(0)
    await asyncio.wait_for(queue.idle.wait(), 2)
    assert rebuilds == [1] and len(calls) == 1


async def test_queue_retries_a_failed_refresh(monkeypatch):
    monkeypatch.setattr("catalog.events.RETRY_DELAYS_SECONDS", (0.01, 0.01))
    attempts: list[int] = []

    async def flaky(ids):
        attempts.append(1)
        if len(attempts) < 3:
            raise ConnectionError("Medusa restarting")

    queue = RefreshQueue(refresh=flaky, delay=0.01)
    queue.add(CatalogEvent("product.updated", ("p",), False))
    await asyncio.sleep(0)
    await asyncio.wait_for(queue.idle.wait(), 2)
    assert len(attempts) == 3


async def test_listeners_hear_each_applied_batch_even_when_the_refresh_failed(monkeypatch):
    """The assistant reprices negotiated deals on price changes through this hook; a read-model
    refresh that failed must not hide the change from it."""
    from catalog import events

    monkeypatch.setattr("catalog.events.RETRY_DELAYS_SECONDS", ())
    heard: list[tuple[set[str], bool]] = []

    async def listener(ids, full):
        heard.append((set(ids), full))

    async def broken(ids):
        raise ConnectionError("Medusa restarting")

    events.on_change(listener)
    events.on_change(listener)  # registering twice still notifies once
    queue = RefreshQueue(refresh=broken, delay=0.01)
    queue.add(CatalogEvent("pricing.price.updated", ("prod_1", "prod_2"), False))
    await asyncio.sleep(0)
    await asyncio.wait_for(queue.idle.wait(), 2)
    assert heard == [({"prod_1", "prod_2"}, False)]
