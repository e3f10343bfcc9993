"""The stock feed parser, the diff against Medusa's levels, the alert rules and delivery retries."""

from __future__ import annotations

import pytest

from jobs.alert_delivery import PermanentFailure, webhook_payload, with_retries
from jobs.alert_rules import LOW_STOCK, OUT_OF_STOCK, UNKNOWN_SKU, stock_conditions, unknown_sku_conditions
from jobs.alerts import AlertRow
from jobs.inventory.diff import ItemStock, apply_plan, availability, location_lookup, plan_sync
from jobs.inventory.feed import FeedRow, FeedUnreadable, parse_feed, parse_quantity
from jobs.models import utcnow
from jobs.scheduler import planned_jobs
from jobs.settings import JobsSettings


def test_feed_columns_are_matched_loosely_and_bad_lines_are_reported_with_their_number():
    data = (
        "\ufeffVariant SKU;Qty;Warehouse\n"
        "A-1;5;Main\n"
        "A-2;0;\n"
        ";3;Main\n"
        "A-3;-2;Main\n"
        "A-4;two;Main\n"
        "A-1;7;Main\n"
        "A-1;7;Other\n"
        "\n"
        "A-5;1.0;\n"
    ).encode()
    rows, errors = parse_feed(data)
    assert rows == [
        FeedRow(2, "A-1", 5, "Main"),
        FeedRow(3, "A-2", 0, None),
        FeedRow(8, "A-1", 7, "Other"),
        FeedRow(10, "A-5", 1, None),
    ]
    assert [(e.line, e.sku) for e in errors] == [(4, None), (5, "A-3"), (6, "A-4"), (7, "A-1")]
    assert "negative" in errors[1].reason and "not a whole number" in errors[2].reason
    assert "listed twice" in errors[3].reason and "line 2" in errors[3].reason


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"name,price\nx,1\n", "no sku or quantity column"),
        (b"sku,price\nx,1\n", "no quantity column"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8"),
    ],
)
def test_a_feed_without_the_needed_columns_is_unreadable(data, reason):
    with pytest.raises(FeedUnreadable, match=reason):
        parse_feed(data)


def test_quantities_are_whole_non_negative_numbers():
    assert parse_quantity(" 1 200 ") == 1200
    for bad in ("1.5", "", "-1", "1e3"):
        with pytest.raises(ValueError):
            parse_quantity(bad)


def test_the_diff_writes_only_what_changed_and_reports_unknown_skus_and_locations():
    items = {
        "A": ItemStock("iitem_a", {"sloc_main": [5, 0]}),
        "B": ItemStock("iitem_b", {"sloc_main": [2, 1]}),
        "C": ItemStock("iitem_c", {}),
    }
    lookup = location_lookup([("sloc_main", "Main Warehouse"), ("sloc_2", "Back room")])
    rows = [
        FeedRow(2, "A", 5, None),  # unchanged
        FeedRow(3, "B", 9, "main warehouse"),  # update, location by name
        FeedRow(4, "C", 4, "sloc_2"),  # no level there yet: create
        FeedRow(5, "Z", 1, None),  # unknown SKU
        FeedRow(6, "A", 1, "Attic"),  # unknown location
    ]
    plan = plan_sync(rows, items, lookup, "sloc_main")
    assert plan.unchanged == 1
    assert plan.update == [
        {"inventory_item_id": "iitem_b", "location_id": "sloc_main", "stocked_quantity": 9}
    ]
    assert plan.create == [{"inventory_item_id": "iitem_c", "location_id": "sloc_2", "stocked_quantity": 4}]
    assert [r.sku for r in plan.unknown] == ["Z"]
    assert [(e.line, e.reason) for e in plan.errors] == [(6, "unknown stock location 'Attic'")]
    apply_plan(items, plan.create + plan.update)
    assert availability(items) == {"A": 5, "B": 8, "C": 4}

    no_default = plan_sync([FeedRow(2, "A", 1, None)], items, lookup, None)
    assert no_default.errors[0].reason == "no location given and no default stock location"


def test_stock_conditions_use_the_product_threshold_over_the_global_one():
    available = {"OUT": 0, "OVERSOLD": -1, "LOW": 2, "OK": 10, "OWN": 8, "OFF": 1}
    found = {c.subject: c.kind for c in stock_conditions(available, {"OWN": 10, "OFF": 0}, 3)}
    assert found == {"OUT": OUT_OF_STOCK, "OVERSOLD": OUT_OF_STOCK, "LOW": LOW_STOCK, "OWN": LOW_STOCK}
    assert [c.key for c in unknown_sku_conditions(["X", "X", "Y"], "feed.csv")] == [
        (UNKNOWN_SKU, "X"),
        (UNKNOWN_SKU, "Y"),
    ]


def test_retries_back_off_and_stop_at_a_permanent_failure():
    waits: list[float] = []
    calls = {"n": 0}

    def flaky() -> None:
        calls["n"] += 1
        if calls["n"] < 3:
            raise RuntimeError("HTTP 500")

    assert with_retries(flaky, 4, 0.5, waits.append) == (3, None)
    assert waits == [0.5, 1.0]

    waits.clear()
    tries, error = with_retries(lambda: (_ for _ in ()).throw(RuntimeError("down")), 3, 1, waits.append)
    assert (tries, waits) == (3, [1, 2]) and "down" in error

    def gone() -> None:
        raise PermanentFailure("webhook answered HTTP 404")

    assert with_retries(gone, 4, 1, waits.append) == (1, "webhook answered HTTP 404")


def test_the_webhook_payload_is_slack_text_and_lists_at_most_fifty_alerts():
    now = utcnow()
    alerts = [
        AlertRow(
            i, OUT_OF_STOCK, f"SKU-{i}", "a-product", f"SKU-{i} is out of stock", "open", now, now, None, None
        )
        for i in range(60)
    ]
    text = webhook_payload(alerts, "en")["text"]
    assert text.startswith("*The Open Box: 60 new stock alerts*")
    assert "Out of stock: SKU-0 (a-product)" in text and "SKU-50" not in text
    assert "…and 10 more alerts" in text
    assert "Rupture de stock" in webhook_payload(alerts[:1], "fr")["text"]


def test_inventory_sync_is_scheduled_hourly_only_when_a_feed_is_configured(monkeypatch):
    monkeypatch.delenv("INVENTORY_FEED", raising=False)
    assert "inventory-sync" not in planned_jobs(JobsSettings())
    monkeypatch.setenv("INVENTORY_FEED", "/srv/stock.csv")
    plan = planned_jobs(JobsSettings())
    assert "minute='0'" in str(plan["inventory-sync"])
