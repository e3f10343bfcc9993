"""No admin data leaves the server without a staff session: a hand-made websocket client sending
every admin event (as a stranger, and as a signed-in shopper), the admin HTTP routes without a
session, and the built frontend searched for secrets."""

from __future__ import annotations

import asyncio
import inspect
import json
import uuid
from pathlib import Path

import httpx
import pytest
from reflex_socket import ReflexSocket
from sqlalchemy import text

import db

ROOT = Path(__file__).resolve().parents[2]

# A plausible argument for each handler parameter: what a staff browser would send.
ARGUMENTS = {
    "lang": "en",
    "view": "negotiations",
    "form": {
        "level": "store",
        "target": "",
        "enabled": "on",
        "floor_kind": "percent",
        "floor_percent": "1",
        "sheet_url": "https://docs.google.com/spreadsheets/d/abc/edit",
        "schedule_url": "https://docs.google.com/spreadsheets/d/1IntruderSheetabcdefghij/edit",
        "handle": "sony-wh-1000xm5-headphones",
        "email": "someone@example.com",
        "password": "wrong-password",
        "product": "",
        "outcome": "",
        "kind": "",
        "status": "",
        "query": "headphones",
        "query_lang": "en",
    },
    "run_id": 1,
    "negotiation_id": "00000000-0000-0000-0000-000000000000",
    "level": "store",
    "target": "",
    "name": "floor_percent",
    "value": "1",
    "job": "catalog-refresh",
    "files": [],
    "alert_id": 0,  # set to a real open alert by the `open_alert` fixture
    "sheet_id": 0,  # set to a real scheduled sheet by the `scheduled_sheet` fixture
    "is_open": False,
}

# Text that appears in staff views once they load: none of it may reach a non-staff client.
STAFF_ONLY_MARKERS = (
    "sony-wh-1000xm5-headphones",
    "ge-profile-induction-cooktop",
    "TOB-SHE53C85N",
    "ingest-folder",
    "catalog-refresh",
    "admin@theopenbox.test",
    "1,549",
    "1549",
    "INTRUDER",
    "1StaffOnlySheet",
)


def admin_events() -> list[tuple[str, dict]]:
    """Every event handler of the admin states, with arguments."""
    from tob_app.state import admin

    events = []
    for cls in (admin.AdminState, *admin.VIEW_STATES):
        for name, handler in cls.event_handlers.items():
            if name == "setvar" or handler.fn.__qualname__.split(".")[0] != cls.__name__:
                continue
            params = [p for p in inspect.signature(handler.fn).parameters if p != "self"]
            events.append((f"{cls.get_full_name()}.{name}", {p: ARGUMENTS[p] for p in params}))
    return events


def snapshot() -> dict:
    """What an admin event could change, read straight from the database."""
    queries = {
        "rules": "SELECT count(*), coalesce(max(updated_at)::text, '') FROM assistant.rule",
        "rule_changes": "SELECT count(*) FROM assistant.rule_change",
        "runs": "SELECT count(*), coalesce(max(id), 0) FROM jobs.job_runs",
        "batches": "SELECT count(*) FROM jobs.ingestion_batches",
        "sessions": "SELECT count(*) FROM staff.staff_session",
        "alerts": "SELECT count(*), coalesce(string_agg(status || coalesce(acknowledged_by, ''), ',' ORDER BY id), '')"
        " FROM jobs.alerts",
        "schedules": "SELECT coalesce(string_agg(id || ':' || coalesce(next_run_time::text, 'paused'), ','), '')"
        " FROM jobs.apscheduler_jobs",
        "sheets": "SELECT count(*), coalesce(string_agg(id || ':' || coalesce(removed_by, ''), ',' ORDER BY id), '')"
        " FROM jobs.scheduled_sheets",
    }
    with db.engine().connect() as conn:
        conn.execute(text("CREATE SCHEMA IF NOT EXISTS jobs"))
        conn.execute(
            text(
                "CREATE TABLE IF NOT EXISTS jobs.apscheduler_jobs (id varchar(191) PRIMARY KEY,"
                " next_run_time double precision, job_state bytea NOT NULL)"
            )
        )
        conn.commit()
        return {k: tuple(conn.execute(text(q)).one()) for k, q in queries.items()}


def run_as_intruder(web: str, cookie: str = "") -> tuple[list[dict], int]:
    client = ReflexSocket(web, cookie=cookie)
    try:
        events = admin_events()
        for name, payload in events:
            client.emit(name, payload)
        updates = client.collect(8.0)
    finally:
        client.close()
    return updates, len(events)


def assert_nothing_read(updates: list[dict]) -> None:
    dumped = json.dumps(updates)
    for marker in STAFF_ONLY_MARKERS:
        assert marker not in dumped, f"{marker!r} reached a non-staff client"
    for update in updates:
        for state, values in (update.get("delta") or {}).items():
            if "admin" not in state:
                continue
            assert values.get("signed_in", False) is False
            for key in (
                "runs",
                "rows",
                "rules",
                "negotiations",
                "schedules",
                "chart",
                "transcript",
                "preview",
                "sheets",
                "sheets_note",
                "confirm_open",
                "confirm_text",
            ):
                assert not values.get(key), (state, key, values.get(key))


@pytest.fixture
def open_alert(stack):
    """An open alert, so acknowledge / resolve events have something real to aim at."""
    from jobs.alert_models import Alert

    with db.session() as s:
        alert = Alert(
            kind="unknown_sku", subject=f"sku:INTRUDER-{uuid.uuid4().hex[:6]}", sku="INTRUDER",
            message="SKU INTRUDER is in the feed but not in Medusa", status="open", active=False,
        )  # fmt: skip
        s.add(alert)
        s.flush()
        ARGUMENTS["alert_id"] = alert.id
    yield alert
    with db.session() as s:
        s.delete(s.get(Alert, ARGUMENTS["alert_id"]))


@pytest.fixture
def scheduled_sheet(stack):
    """A sheet on the schedule, so the remove event has something real to aim at and the list has
    something to leak."""
    from jobs.ingest.sheet_schedule import ScheduledSheet, add_sheet

    with db.session() as s:
        entry, _ = add_sheet(
            s,
            f"https://docs.google.com/spreadsheets/d/1StaffOnlySheet{uuid.uuid4().hex[:10]}/edit",
            by="staff@x",
        )
        ARGUMENTS["sheet_id"] = entry.id
    yield entry
    with db.session() as s:
        s.delete(s.get(ScheduledSheet, entry.id))


def test_a_stranger_sending_every_admin_event_changes_and_reads_nothing(web, open_alert, scheduled_sheet):
    names = {name.rsplit(".", 1)[1] for name, _ in admin_events()}
    assert {
        "refresh",
        "schedule_sheet",
        "unschedule_sheet",
        "ask_delete_rule",
        "confirm_delete_rule",
    } <= names
    before = snapshot()
    updates, sent = run_as_intruder(web)
    assert sent >= 20  # every handler of every view was tried
    assert updates, "the server answered nothing at all: the client did not really talk to it"
    assert_nothing_read(updates)
    assert snapshot() == before


@pytest.fixture
async def shopper_cookie(stack):
    from shop import accounts

    email = f"shopper-{uuid.uuid4().hex[:8]}@example.com"
    session_id, _ = await accounts.register(email, "correct-horse-1", first_name="Ana", last_name="T")
    return email, session_id


def test_a_signed_in_shopper_gets_no_admin_access(web, shopper_cookie, open_alert, scheduled_sheet):
    email, session_id = shopper_cookie
    before = snapshot()
    # The shopper's own session cookie, and a forged admin cookie holding it.
    updates, _ = run_as_intruder(web, cookie=f"tob_session={session_id}; tob_admin={session_id}")
    assert_nothing_read(updates)
    assert snapshot() == before
    # Signing in with shopper credentials through the admin form fails: not a staff account.
    client = ReflexSocket(web)
    try:
        from tob_app.state.admin import AdminState

        client.emit(
            f"{AdminState.get_full_name()}.sign_in", {"form": {"email": email, "password": "correct-horse-1"}}
        )
        replies = json.dumps(client.collect(5.0))
    finally:
        client.close()
    assert "not a staff account" in replies
    assert snapshot() == before


def test_the_upload_endpoint_runs_no_import_without_a_session(web):
    from tob_app.state.admin import IngestState

    before = snapshot()
    client = ReflexSocket(web)
    try:
        response = httpx.post(
            f"{web}/_upload",
            headers={
                "reflex-client-token": client.token,
                "reflex-event-handler": f"{IngestState.get_full_name()}.upload_csv",
            },
            files={"files": ("intruder.csv", b"handle,title,sku,price_cad\nx,X,X-1,1\n", "text/csv")},
            timeout=30,
        )
        client.collect(3.0)
    finally:
        client.close()
    assert response.status_code < 500
    assert snapshot() == before


async def test_admin_routes_refuse_requests_without_a_valid_session(web):
    async with httpx.AsyncClient(base_url=web) as client:
        assert (await client.get("/api/admin/runs/1/rows.csv")).status_code == 401
        forged = await client.get("/api/admin/runs/1/rows.csv", cookies={"tob_admin": "forged-session-id"})
        assert forged.status_code == 401
        cross_site = await client.get(
            "/api/admin/runs/1/rows.csv",
            headers={"origin": "https://evil.example", "sec-fetch-site": "cross-site"},
        )
        assert cross_site.status_code == 403
        robots = (await client.get("/robots.txt")).text
        assert "Disallow: /en/admin" in robots and "Disallow: /fr/admin" in robots
        sitemap = (await client.get("/sitemap.xml")).text
        assert "/en/admin<" not in sitemap and "/fr/admin<" not in sitemap
        page = await client.get("/en/admin")
    assert page.status_code == 200
    for marker in STAFF_ONLY_MARKERS:
        assert marker not in page.text
    assert 'name="robots" content="noindex' in page.text


async def test_the_built_frontend_holds_no_secret(web):
    from stack.settings import Settings
    from staff import sessions

    settings = Settings()
    # A live staff token exists while we search.
    session_id, _ = await sessions.sign_in(settings.admin_email, settings.admin_password)
    with db.engine().connect() as conn:
        tokens = [r[0] for r in conn.execute(text("SELECT medusa_token FROM staff.staff_session"))]
    secrets = [settings.admin_password, settings.events_secret, "tob-dev-assistant-secret", *tokens]
    built = [p for p in (settings.web_dir / "build" / "client").rglob("*") if p.is_file()]
    assert len(built) > 20
    for path in built:
        data = path.read_bytes()
        for secret in secrets:
            assert secret.encode() not in data, f"a secret is in {path}"
    # Nor in what the server sends for the admin page.
    async with httpx.AsyncClient(base_url=web) as client:
        html = (await client.get("/en/admin")).text
    assert not any(secret in html for secret in secrets)
    await sessions.sign_out(session_id)
    await asyncio.sleep(0)
