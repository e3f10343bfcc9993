"""The staff admin page in Chromium: sign-in, CSV import with row results, a floor edit that a
negotiation then respects, run a job now, sign out and lose access; in both languages."""

from __future__ import annotations

import re
import uuid
from decimal import Decimal

import httpx
import pytest
from admin_steps import open_view, sign_in, staff_login
from playwright.async_api import expect


async def test_staff_sign_in_shows_the_dashboard_and_sign_out_loses_access(page, context, web):
    await sign_in(page)
    await expect(page.get_by_test_id("orders-today")).to_have_text(re.compile(r"^\d+$"))
    await expect(page.get_by_test_id("negotiations-started")).to_have_text(re.compile(r"^\d+$"))
    await expect(page.locator(".recharts-wrapper").first).to_be_visible()
    cookie = next(c for c in await context.cookies() if c["name"] == "tob_admin")
    async with httpx.AsyncClient(base_url=web, cookies={"tob_admin": cookie["value"]}) as client:
        assert (await client.get("/api/admin/runs/1/rows.csv")).status_code == 200

    await page.get_by_test_id("admin-sign-out").click()
    await expect(page.get_by_test_id("admin-sign-in-form")).to_be_visible()
    await expect(page.get_by_test_id("staff-email")).to_have_count(0)
    # The old session id is dead on the server, whoever presents it.
    async with httpx.AsyncClient(base_url=web, cookies={"tob_admin": cookie["value"]}) as client:
        assert (await client.get("/api/admin/runs/1/rows.csv")).status_code == 401
    await context.add_cookies([{**cookie}])
    await page.goto("/en/admin")
    await expect(page.get_by_test_id("admin-sign-in-form")).to_be_visible()
    await expect(page.get_by_test_id("staff-email")).to_have_count(0)


async def test_wrong_password_is_refused_in_french(page):
    email, _ = staff_login()
    await page.goto("/fr/admin")
    await expect(page.get_by_role("heading", name="Connexion du personnel")).to_be_visible()
    await page.locator("#admin-email").fill(email)
    await page.locator("#admin-password").fill("not-the-password")
    await page.get_by_test_id("admin-sign-in").click()
    await expect(page.get_by_role("alert")).to_contain_text("Courriel ou mot de passe incorrect")
    await expect(page.get_by_test_id("staff-email")).to_have_count(0)


async def test_admin_without_language_follows_the_browser(web):
    async with httpx.AsyncClient(base_url=web) as client:
        fr = await client.get("/admin", headers={"accept-language": "fr-CA,fr;q=0.9"})
        other = await client.get("/admin", headers={"accept-language": "de"})
    assert (fr.status_code, fr.headers["location"]) == (302, "/fr/admin")
    assert (other.status_code, other.headers["location"]) == (302, "/en/admin")


@pytest.fixture
async def imported(stack):
    """Handles a test imports into Medusa; deleted afterwards whatever happens (other tests count
    the catalog's products)."""
    handles: list[str] = []
    yield handles
    await _delete_products(handles)


async def test_upload_a_csv_and_see_its_row_results(page, tmp_path, imported):
    s = uuid.uuid4().hex[:8]
    csv_text = (
        "handle,title,title_fr,category,condition,sku,price_cad,price_usd,quantity\n"
        f"admin-tray-{s},Serving tray,Plateau de service,furniture,Good,ADM-{s}-1,25.00,19.00,2\n"
        f"admin-lamp-{s},,,furniture,Good,ADM-{s}-2,19.00,15.00,1\n"  # no title
        f"admin-desk-{s},Desk,Bureau,furniture,Fair,ADM-{s}-3,12.3.4,9.00,1\n"  # bad price
    )
    imported += [f"admin-tray-{s}", f"admin-lamp-{s}", f"admin-desk-{s}"]
    path = tmp_path / f"admin-{s}.csv"
    path.write_text(csv_text)
    await sign_in(page)
    await open_view(page, "ingestion")
    await page.locator("[data-testid=csv-dropzone] input[type=file]").set_input_files(str(path))
    await page.get_by_test_id("csv-import").click()
    results = page.get_by_test_id("result-row")
    await expect(results).to_have_count(3, timeout=90_000)
    await expect(results.nth(0)).to_contain_text(f"admin-tray-{s}")
    await expect(results.nth(0).locator("[data-status]")).to_have_attribute("data-status", "created")
    await expect(results.nth(1).locator("[data-status]")).to_have_attribute("data-status", "error")
    await expect(results.nth(1)).to_contain_text("3")  # the file's line number
    await expect(results.nth(2).locator("[data-status]")).to_have_attribute("data-status", "error")
    await expect(page.get_by_test_id("runs-table")).to_contain_text(f"admin-{s}.csv")


async def _delete_products(handles: list[str]) -> None:
    from jobs.medusa_admin import admin_medusa

    async with admin_medusa() as medusa:
        if not handles:
            return
        found = await medusa.admin.product.list(handle=handles, limit=len(handles), fields="id,handle")
        if found.items:
            await medusa.admin.product.batch(delete=[p.id for p in found.items])


@pytest.fixture
def restore_rules(stack):
    """Put the rules back as they were: the test stack's data outlives the session."""
    from sqlmodel import select

    import db
    from assistant.models import RuleRow

    with db.session() as s:
        before = [r.model_dump() for r in s.exec(select(RuleRow)).all()]
    yield
    with db.session() as s:
        for row in s.exec(select(RuleRow)).all():
            s.delete(row)
        s.flush()
        for values in before:
            s.add(RuleRow(**values))


async def test_a_floor_edited_by_staff_is_respected_by_the_next_negotiation(
    page, medusa_client, regions, restore_rules
):
    from sqlmodel import col, select

    import db
    from assistant import service
    from assistant.models import RuleChangeRow

    handle = "sony-wh-1000xm5-headphones"
    product = await medusa_client.store.product.retrieve_by_handle(handle, region_id=regions["CAD"].id)
    variant = next(v for v in product.variants if v.in_stock and v.price is not None)
    list_price = variant.price.amount

    await sign_in(page)
    await open_view(page, "negotiations")
    await page.get_by_test_id(f"edit-rule-product-{handle}").click()
    form = page.get_by_test_id("rule-form")
    await form.locator("#rule-floor_kind").select_option("percent")
    await form.locator("#rule-floor_percent").fill("150")
    await page.get_by_test_id("save-rule").click()
    await expect(form).to_contain_text("between 0 and 100")  # refused, nothing stored
    await form.locator("#rule-floor_percent").fill("97")
    await page.get_by_test_id("save-rule").click()
    await expect(page.get_by_test_id("rules-table")).to_contain_text("97 %")
    # The money preview shows the new floor for this product.
    await expect(page.get_by_test_id("preview-floor").first).to_contain_text(
        f"{(list_price * Decimal('0.97')).quantize(Decimal('0.01'), rounding='ROUND_CEILING'):,}"
    )
    email, _ = staff_login()
    with db.session() as s:
        change = s.exec(select(RuleChangeRow).order_by(col(RuleChangeRow.id).desc())).first()
    assert (change.target, change.changed_by, change.after["floor_percent"]) == (handle, email, "97")

    # A shopper now offers 94 % of list: under the old 88 % floor a margin ladder could come
    # down that far; under 97 % nothing at or below 94 % is ever agreed or countered.
    turn = await service.start(variant.id, regions["CAD"].id, "en")
    offer = (list_price * Decimal("0.94")).quantize(Decimal("1"))
    for _ in range(6):
        turn = await service.negotiate(turn.negotiation_id, f"would you take {offer}?")
        assert turn.deal is None
        if turn.offer_price is not None:
            assert turn.offer_price >= list_price * Decimal("0.97")
        if turn.status != "open":
            break
    await open_view(page, "ingestion")
    await open_view(page, "negotiations")
    await expect(page.get_by_test_id("negotiations-table")).to_contain_text(handle)


async def test_run_a_job_now_and_see_its_run_recorded(page):
    import asyncio

    from jobs import runs

    before = {r.id for r in runs.recent_runs(100, job="catalog-refresh")}
    await sign_in(page, "fr")
    await open_view(page, "jobs")
    await page.get_by_test_id("run-now-catalog-refresh").click()
    new = []
    for _ in range(180):
        new = [r for r in runs.recent_runs(100, job="catalog-refresh") if r.id not in before]
        if new and new[0].status != "running":
            break
        await asyncio.sleep(0.5)
    assert [(r.trigger, r.status) for r in new] == [("admin", "succeeded")]
    row = page.get_by_test_id("run-row").filter(has_text=f"#{new[0].id}")
    await expect(row).to_contain_text("catalog-refresh")
    await expect(row.locator("[data-status]")).to_have_attribute("data-status", "succeeded")


@pytest.fixture
def stored_schedules(stack):
    """The schedules as a scheduler process stores them (the test session runs none)."""
    from jobs.scheduler import build_scheduler, planned_jobs, sync_jobs
    from jobs.settings import JobsSettings

    settings = JobsSettings()
    scheduler = build_scheduler(settings)
    scheduler.start(paused=True)
    sync_jobs(scheduler, planned_jobs(settings))
    scheduler.shutdown(wait=False)


async def test_pause_and_resume_a_schedule(page, stored_schedules):
    from jobs import schedules

    await sign_in(page)
    await open_view(page, "jobs")
    await page.get_by_test_id("pause-catalog-refresh").click()
    await expect(page.get_by_test_id("resume-catalog-refresh")).to_be_visible()
    assert next(s for s in schedules.list_schedules() if s.job == "catalog-refresh").paused
    await page.get_by_test_id("resume-catalog-refresh").click()
    await expect(page.get_by_test_id("pause-catalog-refresh")).to_be_visible()
    assert next(s for s in schedules.list_schedules() if s.job == "catalog-refresh").next_run is not None


async def test_acknowledge_and_resolve_an_alert(page):
    import db
    from jobs.alert_models import Alert

    s = uuid.uuid4().hex[:8]
    with db.session() as session:
        alert = Alert(
            kind="unknown_sku", subject=f"sku:E2E-{s}", sku=f"E2E-{s}",
            message=f"SKU E2E-{s} is in the stock feed but not in Medusa", status="open", active=False,
        )  # fmt: skip
        session.add(alert)
        session.flush()
        alert_id = alert.id
    try:
        await sign_in(page)
        await open_view(page, "inventory")
        await page.locator("#alert-kind").select_option("unknown_sku")
        await page.get_by_test_id("alert-filter").click()
        row = page.get_by_test_id("alert-row").filter(has_text=f"E2E-{s}")
        await expect(row).to_have_count(1)
        await row.get_by_test_id("acknowledge-alert").click()
        await expect(page.get_by_test_id("alert-row").filter(has_text=f"E2E-{s}")).to_have_count(
            0
        )  # left "open"
        await page.locator("#alert-status").select_option("acknowledged")
        await page.get_by_test_id("alert-filter").click()
        row = page.get_by_test_id("alert-row").filter(has_text=f"E2E-{s}")
        email, _ = staff_login()
        await expect(row).to_contain_text(email)
        await row.get_by_test_id("resolve-alert").click()
        await expect(page.get_by_test_id("alert-row").filter(has_text=f"E2E-{s}")).to_have_count(0)
        with db.session() as session:
            stored = session.get(Alert, alert_id)
            assert (stored.status, stored.acknowledged_by, stored.resolved_by) == ("resolved", email, email)
    finally:
        with db.session() as session:
            session.delete(session.get(Alert, alert_id))


async def test_add_one_product_with_the_form(page, imported):
    s = uuid.uuid4().hex[:8]
    imported.append(f"admin-stool-{s}")
    await sign_in(page, "fr")
    await open_view(page, "ingestion")
    form = page.get_by_test_id("product-form")
    await form.locator("#product-handle").fill(f"admin-stool-{s}")
    await form.locator("#product-sku").fill(f"ADM-STL-{s}")
    await form.locator("#product-condition").fill("Good")
    await form.locator("#product-title").fill("Oak stool")
    await form.locator("#product-title_fr").fill("Tabouret en chêne")
    await form.locator("#product-category").fill("furniture")
    await form.locator("#product-price_cad").fill("-5")
    await page.get_by_test_id("product-submit").click()
    await expect(form.locator("#product-price_cad-error")).to_contain_text("négatif")
    await form.locator("#product-price_cad").fill("59,00")
    await form.locator("#product-price_usd").fill("43")
    await page.get_by_test_id("product-submit").click()
    results = page.get_by_test_id("result-row")
    await expect(results).to_have_count(1, timeout=90_000)
    await expect(results.first.locator("[data-status]")).to_have_attribute("data-status", "created")
    await expect(results.first).to_contain_text(f"admin-stool-{s}")


async def test_the_index_view_shows_the_index_and_answers_a_test_query(page):
    from assistant import knowledge

    status = knowledge.index_status()
    await sign_in(page)
    await open_view(page, "index")
    await expect(page.get_by_test_id("index-embedder")).to_contain_text(status.embedder)
    counts = [str(n) for _, n in sorted(status.documents.items())]
    await expect(page.get_by_test_id("index-documents")).to_have_text(counts)
    await page.locator("#index-query").fill("headphones")
    await page.get_by_role("button", name="Search").click()
    expected = knowledge.search("headphones", "en", 5)
    if expected:
        await expect(page.get_by_test_id("index-hit")).to_have_count(len(expected))
        await expect(page.get_by_test_id("index-hit").first).to_contain_text(expected[0].handle)
    else:
        await expect(page.get_by_text("No match.")).to_be_visible()


@pytest.fixture
def scheduled_sheets_cleanup(stack):
    """Scheduled sheet rows a test made are deleted afterwards (the ingest-sheets job of later
    tests must not import them again)."""
    from sqlmodel import col, select

    import db
    from jobs.ingest.sheet_schedule import ScheduledSheet

    with db.session() as s:
        before = set(s.exec(select(ScheduledSheet.id)).all())
    yield
    with db.session() as s:
        for row in s.exec(select(ScheduledSheet).where(col(ScheduledSheet.id).not_in(before or {0}))).all():
            s.delete(row)


async def _wait_for_run(job: str, before: set[int]):
    import asyncio

    from jobs import runs

    new = []
    for _ in range(240):
        new = [r for r in runs.recent_runs(100, job=job) if r.id not in before]
        if new and new[0].status != "running":
            return new
        await asyncio.sleep(0.5)
    raise AssertionError(f"no finished {job} run: {new}")


async def test_schedule_a_google_sheet_then_run_the_job_and_remove_it(
    page, sheets_server, imported, scheduled_sheets_cleanup
):
    from sqlmodel import select

    import db
    from jobs import runs
    from jobs.ingest.sheet_schedule import ScheduledSheet
    from jobs.models import IngestionBatch

    s = uuid.uuid4().hex[:8]
    handle = f"admin-sheet-{s}"
    imported.append(handle)
    sheet_id = f"1AdminSheet{s}abcdefghij"
    sheets_server.sheets[sheet_id] = (
        "handle,title,title_fr,category,condition,sku,price_cad,price_usd,quantity\n"
        f"{handle},Sheet lamp,Lampe de la feuille,furniture,Good,ADM-SHT-{s},31.00,23.00,1\n"
    ).encode()
    link = f"https://docs.google.com/spreadsheets/d/{sheet_id}/edit#gid=0"
    email, _ = staff_login()

    await sign_in(page, "fr")
    await open_view(page, "ingestion")
    box = page.get_by_test_id("sheets-schedule")
    # Not a sheet: refused in French, the text stays for correction, nothing is stored.
    await box.locator("#schedule-url").fill("https://example.com/products.csv")
    await page.get_by_test_id("schedule-sheet").click()
    await expect(box.locator("#schedule-url-error")).to_contain_text("Entrez le lien d'une feuille Google")
    await expect(box.locator("#schedule-url")).to_have_value("https://example.com/products.csv")
    await expect(box.get_by_test_id("scheduled-sheet").filter(has_text="example.com")).to_have_count(0)

    await box.locator("#schedule-url").fill(link)
    await page.get_by_test_id("schedule-sheet").click()
    row = box.get_by_test_id("scheduled-sheet").filter(has_text=sheet_id)
    await expect(row).to_have_count(1)
    await expect(row).to_contain_text(email)
    await expect(box.locator("#schedule-url")).to_have_value("")
    await expect(box.locator("#schedule-url-error")).to_have_text("")
    # The same sheet again (a retry, another tab): still one entry.
    await box.locator("#schedule-url").fill(link.replace("#gid=0", ""))
    await page.get_by_test_id("schedule-sheet").click()
    await expect(box).to_contain_text("Cette feuille est déjà planifiée.")
    await expect(row).to_have_count(1)
    with db.session() as session:
        stored = session.exec(select(ScheduledSheet).where(ScheduledSheet.url == link)).all()
    assert [(r.added_by, r.removed_at) for r in stored] == [(email, None)]

    # The ingest-sheets job imports it when run now.
    before = {r.id for r in runs.recent_runs(100, job="ingest-sheets")}
    await open_view(page, "jobs")
    await page.get_by_test_id("run-now-ingest-sheets").click()
    new = await _wait_for_run("ingest-sheets", before)
    assert [(r.trigger, r.status) for r in new] == [("admin", "succeeded")]
    with db.session() as session:
        batches = session.exec(select(IngestionBatch).where(IngestionBatch.run_id == new[0].id)).all()
    assert [(b.source, b.status) for b in batches if b.source == link] == [(link, "succeeded")]
    from jobs.medusa_admin import admin_medusa

    async with admin_medusa() as medusa:
        found = await medusa.admin.product.list(handle=[handle], fields="id,handle")
    assert [p.handle for p in found.items] == [handle]

    # Removed from the schedule: gone from the list, recorded with who removed it.
    await open_view(page, "ingestion")
    await row.get_by_test_id("unschedule-sheet").click()
    await expect(box).to_contain_text("Feuille retirée de la planification.")
    await expect(box.get_by_test_id("scheduled-sheet").filter(has_text=sheet_id)).to_have_count(0)
    with db.session() as session:
        stored = session.exec(select(ScheduledSheet).where(ScheduledSheet.url == link)).one()
    assert stored.removed_by == email and stored.removed_at is not None


async def test_deleting_a_rule_asks_first_cancel_keeps_it_confirm_deletes_it(page, restore_rules):
    from sqlmodel import col, select

    import db
    from assistant.models import RuleChangeRow, RuleRow
    from assistant.rule_store import set_rule

    target = f"confirm-{uuid.uuid4().hex[:8]}"
    with db.session() as s:
        set_rule(s, "category", target, {"floor_percent": Decimal("70")}, by="setup")

    def stored() -> list[RuleRow]:
        with db.session() as s:
            return s.exec(select(RuleRow).where(RuleRow.level == "category", RuleRow.target == target)).all()

    await sign_in(page)
    await open_view(page, "negotiations")
    row = page.get_by_test_id("rule-row").filter(has_text=target)
    await expect(row).to_have_count(1)
    dialog = page.get_by_role("alertdialog")

    # Cancel (mouse): the dialog closes, the rule stays.
    await page.get_by_test_id(f"delete-rule-category-{target}").click()
    await expect(dialog).to_be_visible()
    await expect(dialog).to_contain_text(f"Delete the rule for {target} (Category)?")
    await page.get_by_test_id("confirm-delete-rule-cancel").click()
    await expect(dialog).to_have_count(0)
    await expect(row).to_have_count(1)
    assert len(stored()) == 1

    # Keyboard: Enter opens it with the focus on Cancel (Enter alone never deletes), Escape closes it.
    delete = page.get_by_test_id(f"delete-rule-category-{target}")
    await delete.focus()
    await page.keyboard.press("Enter")
    await expect(dialog).to_be_visible()
    await expect(page.get_by_test_id("confirm-delete-rule-cancel")).to_be_focused()
    await page.keyboard.press("Escape")
    await expect(dialog).to_have_count(0)
    assert len(stored()) == 1

    # Confirm (keyboard): Tab to the delete button, Enter; the rule is gone, recorded with who.
    await delete.focus()
    await page.keyboard.press("Enter")
    await expect(page.get_by_test_id("confirm-delete-rule-cancel")).to_be_focused()
    await page.keyboard.press("Tab")
    await expect(page.get_by_test_id("confirm-delete-rule-confirm")).to_be_focused()
    await page.keyboard.press("Enter")
    await expect(dialog).to_have_count(0)
    await expect(page.get_by_test_id("rule-row").filter(has_text=target)).to_have_count(0)
    await expect(page.get_by_text("Rule deleted.")).to_be_visible()
    assert stored() == []
    email, _ = staff_login()
    with db.session() as s:
        change = s.exec(
            select(RuleChangeRow).where(RuleChangeRow.target == target).order_by(col(RuleChangeRow.id).desc())
        ).first()
    assert (change.action, change.changed_by) == ("delete", email)
