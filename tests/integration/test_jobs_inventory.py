"""Inventory sync and stock alerts against the real Medusa, Postgres and SMTP catcher of the test
session, with a real local HTTP server standing in for the Slack webhook.

Every test makes its own products (random suffix) through the ingestion job, and syncs a feed
that names only them: levels of the rest of the catalog are not touched by a feed that does not
list them (their alerts are raised by a baseline sync before the test's own, with delivery off).
"""

from __future__ import annotations

import asyncio
import http.server
import json
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import col, select

import db
from jobs import execute
from jobs.alert_models import Alert, AlertDelivery
from jobs.alerts import acknowledge, list_alerts, resolve, set_threshold
from jobs.locks import try_lock
from jobs.medusa_admin import admin_medusa
from stack.mailcatcher import messages

HEADER = "handle,title,title_fr,category,condition,sku,price_cad,quantity\n"


class Webhook:
    """A local HTTP server that records JSON posts and answers the statuses it is told to, in order."""

    def __init__(self, statuses: list[int]):
        self.statuses = list(statuses)
        self.bodies: list[dict] = []
        self.answers: list[int] = []
        hook = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                hook.bodies.append(json.loads(self.rfile.read(length)))
                status = hook.statuses.pop(0) if hook.statuses else 200
                hook.answers.append(status)
                self.send_response(status)
                self.end_headers()
                self.wfile.write(b"ok" if status == 200 else b"oops")

            def log_message(self, *args) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/stock"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def webhook() -> Iterator[Webhook]:
    hook = Webhook([])
    yield hook
    hook.close()


@pytest.fixture
def products(stack, tmp_path) -> Iterator[dict]:
    """Two products of this test: stock-<s> (SKUs A, B, C at 10 each) and spare-<s> (SKU D at 10)."""
    s = uuid.uuid4().hex[:8]
    sku = {k: f"INV-{s}-{k}" for k in "ABCD"}
    handles = [f"stock-{s}", f"spare-{s}"]
    csv = tmp_path / "products.csv"
    csv.write_text(
        HEADER
        + f"stock-{s},Kettle,Bouilloire,small-appliances,Like new,{sku['A']},50,10\n"
        + f"stock-{s},,,,Good,{sku['B']},40,10\n"
        + f"stock-{s},,,,Fair,{sku['C']},30,10\n"
        + f"spare-{s},Toaster,Grille-pain,small-appliances,Good,{sku['D']},25,10\n",
        encoding="utf-8",
    )
    made = execute("ingest", source=str(csv))
    assert made.status == "succeeded", made
    yield {"s": s, "sku": sku, "handles": handles}

    async def delete() -> None:
        async with admin_medusa() as medusa:
            page = await medusa.admin.product.list(handle=handles, limit=10, fields="id,handle")
            if page.items:
                await medusa.admin.product.batch(delete=[p.id for p in page.items])

    asyncio.run(delete())


def feed(tmp_path: Path, lines: dict[str, int], name: str = "stock.csv") -> str:
    path = tmp_path / name
    path.write_text("sku,quantity\n" + "".join(f"{k},{v}\n" for k, v in lines.items()), encoding="utf-8")
    return str(path)


def stocked(skus: list[str]) -> dict[str, int]:
    async def go() -> dict[str, int]:
        async with admin_medusa() as medusa:
            page = await medusa.admin.inventory_item.list(sku=skus, limit=50)
            return {i.sku: sum(lv.stocked_quantity for lv in i.location_levels) for i in page.items}

    return asyncio.run(go())


def alerts_for(skus: list[str]) -> list[Alert]:
    with db.session() as session:
        found = session.exec(select(Alert).where(col(Alert.sku).in_(skus)).order_by(col(Alert.id))).all()
        for a in found:
            session.expunge(a)
        return list(found)


def kinds(alerts: list[Alert], **where) -> set[tuple[str, str | None]]:
    return {(a.kind, a.sku) for a in alerts if all(getattr(a, k) == v for k, v in where.items())}


def mail_to(folder: Path, to: str) -> list:
    return [m for m in messages(folder) if m["To"] == to]


def baseline(tmp_path: Path, lines: dict[str, int], monkeypatch) -> None:
    """Raise whatever the rest of the test catalog alerts about, with delivery off."""
    monkeypatch.delenv("ALERT_EMAIL_TO", raising=False)
    monkeypatch.delenv("ALERT_WEBHOOK_URL", raising=False)
    assert execute("inventory-sync", feed=feed(tmp_path, lines, "baseline.csv")).status == "succeeded"


def test_sync_updates_only_what_changed_and_alerts_each_condition_once(
    stack, products, tmp_path, monkeypatch, webhook
):
    sku, s = products["sku"], products["s"]
    unknown = f"INV-{s}-NOPE"
    baseline(tmp_path, {sku[k]: 10 for k in "ABCD"}, monkeypatch)
    with db.session() as session:
        set_threshold(session, f"spare-{s}", 9, by="test")
    staff = f"stock-{s}@example.test"
    monkeypatch.setenv("ALERT_EMAIL_TO", staff)
    monkeypatch.setenv("ALERT_WEBHOOK_URL", webhook.url)
    monkeypatch.setenv("ALERT_DELIVERY_BACKOFF_SECONDS", "0.05")
    monkeypatch.setenv("INVENTORY_LOW_STOCK_THRESHOLD", "3")
    webhook.statuses = [500]  # the first post fails, the retry goes through
    lines = {sku["A"]: 10, sku["B"]: 2, sku["C"]: 0, sku["D"]: 8, unknown: 5}

    first = execute("inventory-sync", feed=feed(tmp_path, lines))

    assert first.status == "succeeded", first
    assert first.counts | {"deliveries": None} == {
        "feed_rows": 5,
        "updated": 3,
        "levels_created": 0,
        "unchanged": 1,
        "unknown": 1,
        "invalid": 0,
        "alerts_raised": 4,
        "alerts_resolved": 0,
        "deliveries": None,
    }
    assert first.counts["deliveries"] == {"email": "sent", "webhook": "sent"}
    assert stocked(list(sku.values())) == {sku["A"]: 10, sku["B"]: 2, sku["C"]: 0, sku["D"]: 8}
    raised = alerts_for([*sku.values(), unknown])
    assert kinds(raised) == {
        ("low_stock", sku["B"]),
        ("out_of_stock", sku["C"]),
        ("low_stock", sku["D"]),  # the product's own threshold (9), not the global 3
        ("unknown_sku", unknown),
    }
    by_kind = {(a.kind, a.sku): a for a in raised}
    assert by_kind[("out_of_stock", sku["C"])].product_handle == f"stock-{s}"
    assert by_kind[("low_stock", sku["D"])].product_handle == f"spare-{s}"
    assert by_kind[("low_stock", sku["D"])].details == {"available": 8, "threshold": 9}
    # the mail reached the SMTP catcher, listing each alert
    (message,) = mail_to(stack.settings.mail_dir, staff)
    assert message["Subject"] == "The Open Box: 4 new stock alerts"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert f"Out of stock: {sku['C']} (stock-{s})" in body
    assert f"Low stock: {sku['D']} (spare-{s}), 8 left (threshold 9)" in body
    assert f"Unknown SKU in the stock feed: {unknown}" in body
    # the webhook got a 500, then the same payload again, and it went through
    assert webhook.answers == [500, 200]
    assert webhook.bodies[0] == webhook.bodies[1]
    assert webhook.bodies[1]["text"].startswith("*The Open Box: 4 new stock alerts*")
    with db.session() as session:
        deliveries = session.exec(select(AlertDelivery).order_by(col(AlertDelivery.id).desc()).limit(2)).all()
    assert {(d.channel, d.status, d.attempts) for d in deliveries} == {
        ("email", "sent", 1),
        ("webhook", "sent", 2),
    }
    assert all(set(d.alert_ids) == {a.id for a in raised} for d in deliveries)

    # staff acknowledge one alert and resolve another; the conditions persist
    with db.session() as session:
        acked = acknowledge(session, by_kind[("out_of_stock", sku["C"])].id, by="lea@theopenbox.test")
        done = resolve(session, by_kind[("low_stock", sku["D"])].id, by="lea@theopenbox.test")
    assert (acked.status, acked.acknowledged_by) == ("acknowledged", "lea@theopenbox.test")
    assert (done.status, done.resolved_by) == ("resolved", "lea@theopenbox.test")

    second = execute("inventory-sync", feed=feed(tmp_path, lines))

    assert (second.counts["updated"], second.counts["unchanged"], second.counts["unknown"]) == (0, 4, 1)
    assert second.counts["alerts_raised"] == 0 and "deliveries" not in second.counts
    assert len(alerts_for([*sku.values(), unknown])) == 4
    assert len(mail_to(stack.settings.mail_dir, staff)) == 1
    assert len(webhook.bodies) == 2

    restocked = {sku["A"]: 10, sku["B"]: 10, sku["C"]: 5, sku["D"]: 8}
    third = execute("inventory-sync", feed=feed(tmp_path, restocked))

    assert third.counts["updated"] == 2 and third.counts["alerts_raised"] == 1
    now = alerts_for([*sku.values(), unknown])
    assert kinds(now, status="open") == {("back_in_stock", sku["C"])}
    back = next(a for a in now if a.kind == "back_in_stock")
    assert (back.product_handle, back.details, back.active) == (f"stock-{s}", {"available": 5}, False)
    assert kinds(now, active=True) == {("low_stock", sku["D"])}  # resolved by staff, still low
    assert kinds(now, resolved_by="system") == {
        ("low_stock", sku["B"]),
        ("out_of_stock", sku["C"]),
        ("unknown_sku", unknown),
    }
    (_, restock_mail) = mail_to(stack.settings.mail_dir, staff)
    assert f"Back in stock: {sku['C']} (stock-{s}), 5 available" in restock_mail.get_body().get_content()
    assert "Back in stock" in webhook.bodies[-1]["text"]
    listed = list_alerts_for(sku["C"])
    assert [a.kind for a in listed] == ["back_in_stock", "out_of_stock"]
    assert listed[1].status == "resolved" and listed[1].acknowledged_by == "lea@theopenbox.test"


def list_alerts_for(sku: str):
    with db.session() as session:
        return [a for a in list_alerts(session, limit=1000) if a.sku == sku]


def test_an_unreadable_feed_fails_the_run_alerts_once_and_a_failed_webhook_is_tried_again(
    stack, tmp_path, monkeypatch, webhook
):
    s = uuid.uuid4().hex[:8]
    missing = str(tmp_path / f"missing-{s}.csv")
    garbage = tmp_path / f"garbage-{s}.csv"
    garbage.write_text("name,price\nkettle,12\n", encoding="utf-8")
    monkeypatch.delenv("ALERT_EMAIL_TO", raising=False)
    monkeypatch.setenv("ALERT_WEBHOOK_URL", webhook.url)
    monkeypatch.setenv("ALERT_DELIVERY_ATTEMPTS", "3")
    monkeypatch.setenv("ALERT_DELIVERY_BACKOFF_SECONDS", "0.05")
    webhook.statuses = [500, 503, 500]  # every try of the first delivery fails

    first = execute("inventory-sync", feed=missing)

    assert first.status == "failed"
    assert f"the stock feed {missing} cannot be read: no such file" in first.error
    assert first.counts == {"alerts_raised": 1, "deliveries": {"webhook": "failed"}}
    with db.session() as session:
        (alert,) = session.exec(select(Alert).where(Alert.subject == missing)).all()
        delivery = session.exec(select(AlertDelivery).order_by(col(AlertDelivery.id).desc())).first()
    assert (alert.kind, alert.status, alert.active) == ("feed_unreadable", "open", True)
    assert (delivery.channel, delivery.status, delivery.attempts) == ("webhook", "failed", 3)
    assert delivery.alert_ids == [alert.id] and "HTTP 500" in delivery.last_error
    assert webhook.answers == [500, 503, 500]

    # the same feed still missing: no second alert; the failed delivery goes through this time
    again = execute("inventory-sync", feed=missing)

    assert again.status == "failed" and again.counts["alerts_raised"] == 0
    assert webhook.answers == [500, 503, 500, 200]
    assert f"The stock feed cannot be read: {missing}" in webhook.bodies[-1]["text"]
    with db.session() as session:
        retried = session.get(AlertDelivery, delivery.id)
        assert (retried.status, retried.attempts, retried.last_error) == ("sent", 4, None)

    # a file without sku/quantity columns is unreadable too
    bad = execute("inventory-sync", feed=str(garbage))
    assert bad.status == "failed" and "no sku or quantity column" in bad.error

    # a readable feed clears both
    good = execute("inventory-sync", feed=feed(tmp_path, {f"INV-{s}-NONE": 1}))
    assert good.status == "succeeded"
    with db.session() as session:
        cleared = session.exec(select(Alert).where(col(Alert.subject).in_([missing, str(garbage)]))).all()
    assert {(a.status, a.active, a.resolved_by) for a in cleared} == {("resolved", False, "system")}


def test_medusa_unreachable_raises_sync_failed_once_and_the_next_good_sync_clears_it(
    stack, tmp_path, monkeypatch
):
    monkeypatch.delenv("ALERT_EMAIL_TO", raising=False)
    monkeypatch.delenv("ALERT_WEBHOOK_URL", raising=False)
    lines = feed(tmp_path, {f"INV-{uuid.uuid4().hex[:8]}-X": 1})
    with monkeypatch.context() as m:
        m.setenv("MEDUSA_BACKEND_URL", "http://127.0.0.1:9")  # nothing listens there
        first = execute("inventory-sync", feed=lines)
        second = execute("inventory-sync", feed=lines)
    assert first.status == second.status == "failed"
    assert "ConnectError" in first.error or "connect" in first.error.lower()
    assert (first.counts["alerts_raised"], second.counts["alerts_raised"]) == (1, 0)
    with db.session() as session:
        (active,) = session.exec(select(Alert).where(Alert.kind == "sync_failed", col(Alert.active))).all()
    assert active.subject == "inventory-sync" and active.status == "open"

    assert execute("inventory-sync", feed=lines).status == "succeeded"
    with db.session() as session:
        done = session.get(Alert, active.id)
    assert (done.active, done.status, done.resolved_by) == (False, "resolved", "system")


def test_a_second_runner_does_not_sync_while_one_is_running(stack, tmp_path):
    with try_lock("jobs:inventory") as got:
        assert got
        outcome = execute("inventory-sync", feed=feed(tmp_path, {"ANY": 1}))
    assert outcome.status == "skipped" and "another inventory job is running" in outcome.error


def test_levels_are_written_in_batches_two_at_a_time_and_a_no_change_sync_writes_nothing(
    stack, products, tmp_path, monkeypatch
):
    sku = products["sku"]
    monkeypatch.delenv("ALERT_EMAIL_TO", raising=False)
    monkeypatch.delenv("ALERT_WEBHOOK_URL", raising=False)
    monkeypatch.setenv("INVENTORY_SYNC_BATCH_SIZE", "1")  # four calls, two in flight at once
    monkeypatch.setenv("INVENTORY_SYNC_CONCURRENCY", "2")
    seen: list[tuple[int, int]] = []
    lines = {sku["A"]: 7, sku["B"]: 6, sku["C"]: 5, sku["D"]: 4}

    first = execute(
        "inventory-sync", feed=feed(tmp_path, lines), progress=lambda done, total: seen.append((done, total))
    )

    assert first.status == "succeeded", first
    assert (first.counts["updated"], first.counts["unchanged"]) == (4, 0)
    assert stocked(list(sku.values())) == lines
    assert seen[0] == (0, 4) and seen[-1] == (4, 4) and len(seen) == 5

    again = execute("inventory-sync", feed=feed(tmp_path, lines, "again.csv"))
    assert (again.counts["updated"], again.counts["unchanged"]) == (0, 4)
