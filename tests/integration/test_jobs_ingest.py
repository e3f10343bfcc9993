"""CSV ingestion against the real Medusa and Postgres of the test session.

Every test uses handles and SKUs with a random suffix, so reruns on a kept data dir stay
independent. Tests are plain functions: the jobs run their own event loop, as in production.
"""

from __future__ import annotations

import asyncio
import http.server
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import col, select

import db
from assistant.rule_store import load_rules
from jobs import execute, run_rows
from jobs.locks import try_lock
from jobs.medusa_admin import admin_medusa
from jobs.models import IngestionBatch, IngestionRow, JobRun
from medusa import Medusa

ROOT = Path(__file__).resolve().parents[2]

HEADER = (
    "handle,title,title_fr,description,description_fr,category,collection,condition,color,color_fr,"
    "sku,price_cad,price_usd,quantity,floor_price\n"
)


def suffix() -> str:
    return uuid.uuid4().hex[:8]


def mixed_file(s: str) -> str:
    return HEADER + (
        f"kettle-{s},Glass kettle,Bouilloire en verre,A glass kettle.,Une bouilloire en verre.,"
        f"small-appliances,under-200,Like new,Clear,Transparent,KET-{s}-LN,89.99,65.00,3,70\n"
        f"kettle-{s},,,,,,,Good,Clear,Transparent,KET-{s}-GD,79.99,58.00,0,\n"
        f"lamp-{s},,,,,furniture,,Good,,,LMP-{s}-GD,49.00,,2,\n"  # no title
        f"desk-{s},Desk,Bureau,,,furniture,,Fair,,,DSK-{s}-FR,12.3.4,,1,\n"  # bad price
        f"chair-{s},Chair,Chaise,,,garden,,Good,,,CHR-{s}-GD,99.00,,1,\n"  # unknown category
        f"kettle-{s},,,,,,,Fair,Clear,Transparent,KET-{s}-LN,69.99,,1,\n"  # duplicate SKU
        f"stool-{s},Stool,Tabouret,,,furniture,,Good,,,STL-{s}-GD,,,1,\n"  # no price
        f"sofa-{s},Sofa,Canapé,,,furniture,,Like new,,,SOF-{s}-LN,,900,1,\n"  # USD only
        f"bench-{s},Bench,Banc,,,furniture,,Good,,,BEN-{s}-GD,45,,1,\n"
    )


async def delete_products(handles: list[str]) -> None:
    """Soft-delete what a test imported: bulk-created products share `created_at`, and leftovers
    would make Medusa's newest-first pages overlap in other tests (see the report to the lead)."""
    async with admin_medusa() as medusa:
        for start in range(0, len(handles), 100):
            page = await medusa.admin.product.list(
                handle=handles[start : start + 100], limit=100, fields="id,handle"
            )
            if page.items:
                await medusa.admin.product.batch(delete=[p.id for p in page.items])


@pytest.fixture
def imported(stack):
    """Tests add the handles they import; they are deleted from Medusa afterwards."""
    handles: list[str] = []
    yield handles
    if handles:
        asyncio.run(delete_products(handles))


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def statuses(run_id: int) -> dict[int, tuple[str, str | None]]:
    return {r.line: (r.status, r.message) for r in run_rows(run_id)}


def admin(coro_fn):
    async def go():
        async with admin_medusa() as medusa:
            return await coro_fn(medusa)

    return asyncio.run(go())


def products_by_handle(handles: list[str]) -> dict[str, list]:
    async def lookup(medusa):
        page = await medusa.admin.product.list(handle=handles, limit=100)
        out: dict[str, list] = {h: [] for h in handles}
        for p in page.items:
            out[p.handle].append(p)
        return out

    return admin(lookup)


def store_product(handle: str, locale: str):
    async def go():
        async with Medusa(
            os.environ["MEDUSA_BACKEND_URL"], publishable_key=os.environ["MEDUSA_PUBLISHABLE_KEY"]
        ) as m:
            regions = await m.store.region.list()
            cad = next(r for r in regions.items if r.currency == "CAD")
            return await m.store.product.retrieve_by_handle(handle, region_id=cad.id, locale=locale)

    return asyncio.run(go())


def test_good_rows_import_bad_rows_are_reported_and_a_rerun_changes_nothing(stack, tmp_path, imported):
    s = suffix()
    imported += [f"{name}-{s}" for name in ("kettle", "sofa", "bench")]
    path = write(tmp_path, "mixed.csv", mixed_file(s))

    first = execute("ingest", source=str(path))

    assert first.status == "partial"
    assert statuses(first.run_id) == {
        2: ("created", "floor applied"),
        3: ("created", None),
        4: ("error", "missing title (give it on one row of the product)"),
        5: ("error", "bad price in CAD: '12.3.4' is not an amount"),
        6: ("error", "unknown category 'garden'"),
        7: ("error", f"duplicate SKU 'KET-{s}-LN' (first on line 2)"),
        8: ("error", "no price"),
        9: ("created", None),
        10: ("created", None),
    }
    assert first.counts["created"] == 4 and first.counts["error"] == 5 and first.counts["rows"] == 9

    # what shoppers see: French content from the Translation module, exact prices, stock
    fr = store_product(f"kettle-{s}", "fr-CA")
    assert fr.title == "Bouilloire en verre" and fr.description == "Une bouilloire en verre."
    assert {o.title: sorted(v.value for v in o.values) for o in fr.options} == {
        "État": ["Bon", "Comme neuf"],
        "Couleur": ["Transparent"],
    }
    by_sku = {v.sku: v for v in fr.variants}
    assert by_sku[f"KET-{s}-LN"].title == "Comme neuf / Transparent"
    assert by_sku[f"KET-{s}-LN"].price.amount == Decimal("89.99")
    assert by_sku[f"KET-{s}-LN"].inventory_quantity == 3 and by_sku[f"KET-{s}-LN"].in_stock
    assert not by_sku[f"KET-{s}-GD"].in_stock
    en = store_product(f"kettle-{s}", "en-CA")
    assert en.title == "Glass kettle" and en.collection and en.collection.handle == "under-200"
    assert [c.handle for c in en.categories] == ["small-appliances"]

    # the floor price stays on our side: a negotiation rule and the row result, nowhere in Medusa
    assert "70" not in str(en.metadata) and all(not v.metadata for v in en.variants)
    with db.session() as session:
        floor_row = session.exec(
            select(IngestionRow)
            .join(IngestionBatch, col(IngestionRow.batch_id) == IngestionBatch.id)
            .where(IngestionBatch.run_id == first.run_id, IngestionRow.line == 2)
        ).one()
    assert (floor_row.floor_amount, floor_row.floor_currency, floor_row.floor_status) == (
        Decimal("70.0000"),
        "cad",
        "applied",
    )
    with db.session() as session:
        rule = next(r for r in load_rules(session) if r.level == "variant" and r.target == f"KET-{s}-LN")
    assert rule.floor_amounts == {"cad": Decimal("70")}

    second = execute("ingest", source=str(path))

    again = statuses(second.run_id)
    assert {line: status for line, (status, _) in again.items() if status != "error"} == {
        2: "unchanged",
        3: "unchanged",
        9: "unchanged",
        10: "unchanged",
    }
    assert sorted(line for line, (status, _) in again.items() if status == "error") == [4, 5, 6, 7, 8]
    found = products_by_handle([f"kettle-{s}", f"sofa-{s}", f"bench-{s}", f"lamp-{s}"])
    assert [len(found[h]) for h in (f"kettle-{s}", f"sofa-{s}", f"bench-{s}", f"lamp-{s}")] == [1, 1, 1, 0]
    assert len(found[f"kettle-{s}"][0].variants) == 2


def test_medusa_column_names_and_an_update_with_a_new_grade(stack, tmp_path, imported):
    s = suffix()
    imported.append(f"speaker-{s}")
    header = (
        "Product Handle,Product Title,Product Description,Product Category 1,Variant SKU,"
        "Variant Price CAD,Variant Price USD,Variant Option 1 Name,Variant Option 1 Value,"
        "Variant Inventory Quantity\n"
    )
    v1 = header + (
        f"speaker-{s},Speaker,Loud.,audio,SPK-{s}-LN,120.00,90.00,Condition,Like new,2\n"
        f"speaker-{s},,,,SPK-{s}-GD,100.00,75.00,Condition,Good,1\n"
    )
    first = execute("ingest", source=str(write(tmp_path, "v1.csv", v1)))
    assert first.status == "succeeded" and first.counts["created"] == 2

    v2 = header + (
        f"speaker-{s},Speaker,Loud.,audio,SPK-{s}-LN,115.00,90.00,Condition,Like new,2\n"
        f"speaker-{s},,,,SPK-{s}-GD,100.00,75.00,Condition,Good,4\n"
        f"speaker-{s},,,,SPK-{s}-FR,80.00,,Condition,Fair,1\n"
    )
    second = execute("ingest", source=str(write(tmp_path, "v2.csv", v2)))
    assert {line: st for line, (st, _) in statuses(second.run_id).items()} == {
        2: "updated",  # price
        3: "updated",  # stock 1 → 4
        4: "created",  # new grade: option value added, then the variant
    }
    third = execute("ingest", source=str(write(tmp_path, "v2-again.csv", v2)))
    assert {st for st, _ in statuses(third.run_id).values()} == {"unchanged"}

    product = store_product(f"speaker-{s}", "fr-CA")
    by_sku = {v.sku: v for v in product.variants}
    assert by_sku[f"SPK-{s}-LN"].price.amount == Decimal("115.00")
    assert by_sku[f"SPK-{s}-GD"].inventory_quantity == 4
    assert by_sku[f"SPK-{s}-FR"].title == "Passable"
    product_usd = admin(lambda m: m.admin.product.list(handle=f"speaker-{s}"))
    ln = next(v for v in product_usd.items[0].variants if v.sku == f"SPK-{s}-LN")
    assert {p.currency_code: p.amount for p in ln.prices} == {"cad": Decimal("115"), "usd": Decimal("90")}


def _many_products(s: str, count: int) -> str:
    rows = [
        f"crash-{s}-{i},Crash item {i},Article {i},,,furniture,,Good,,,CR-{s}-{i},{10 + i}.00,,1,\n"
        for i in range(count)
    ]
    return HEADER + "".join(rows)


def test_a_crash_between_batches_then_a_rerun_completes_without_duplicates(stack, tmp_path, imported):
    s = suffix()
    imported += [f"crash-{s}-{i}" for i in range(4)]
    path = write(tmp_path, "crash.csv", _many_products(s, 4))

    def crash(batch_number: int) -> None:
        if batch_number == 1:
            raise RuntimeError("simulated crash after the second batch")

    crashed = execute("ingest", source=str(path), batch_size=1, after_batch=crash)
    assert crashed.status == "failed" and "simulated crash" in crashed.error
    handles = [f"crash-{s}-{i}" for i in range(4)]
    assert [len(v) for v in products_by_handle(handles).values()] == [1, 1, 0, 0]

    rerun = execute("ingest", source=str(path), batch_size=1)
    assert rerun.status == "succeeded"
    assert {line: st for line, (st, _) in statuses(rerun.run_id).items()} == {
        2: "unchanged",
        3: "unchanged",
        4: "created",
        5: "created",
    }
    assert [len(v) for v in products_by_handle(handles).values()] == [1, 1, 1, 1]


def test_a_killed_import_process_is_completed_by_the_next_run(stack, tmp_path, imported):
    s = suffix()
    count = 12
    imported += [f"crash-{s}-{i}" for i in range(count)]
    path = write(tmp_path, "killed.csv", _many_products(s, count))
    log = (tmp_path / "killed.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jobs", "run", "ingest", str(path), "--batch-size", "1"],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        done = 0
        while time.monotonic() < deadline and proc.poll() is None:
            with db.session() as session:
                done = len(
                    session.exec(
                        select(IngestionRow.id)
                        .join(IngestionBatch, col(IngestionRow.batch_id) == IngestionBatch.id)
                        .where(IngestionBatch.source == str(path))
                    ).all()
                )
            if done >= 2:
                break
            time.sleep(0.02)
        assert proc.poll() is None, "the import finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
        log.close()
    handles = [f"crash-{s}-{i}" for i in range(count)]
    made = sum(len(v) for v in products_by_handle(handles).values())
    assert 2 <= made < count

    rerun = execute("ingest", source=str(path), batch_size=5)
    assert rerun.status == "succeeded"
    result = statuses(rerun.run_id)
    assert sum(1 for st, _ in result.values() if st == "unchanged") >= 2
    assert {st for st, _ in result.values()} <= {"unchanged", "created"}
    assert [len(v) for v in products_by_handle(handles).values()] == [1] * count
    with db.session() as session:
        killed = session.exec(
            select(JobRun).where(JobRun.source == str(path)).order_by(col(JobRun.id))
        ).first()
    assert killed.status == "interrupted" and "ended before it finished" in killed.error


def test_drop_folder_moves_files_to_done_or_failed_with_an_error_report(
    stack, tmp_path, monkeypatch, imported
):
    s = suffix()
    imported += [f"tray-{s}", f"cup-{s}"]
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    monkeypatch.setenv("JOBS_INBOX_DIR", str(inbox))
    monkeypatch.setenv("JOBS_INBOX_SETTLE_SECONDS", "0")
    write(inbox, "good.csv", HEADER + f"tray-{s},Tray,Plateau,,,furniture,,Good,,,TRY-{s},15,,1,\n")
    write(
        inbox,
        "bad.csv",
        HEADER
        + f"cup-{s},Cup,Tasse,,,furniture,,Good,,,CUP-{s},5,,1,\n"
        + f"mug-{s},Mug,,,,furniture,,Good,,,MUG-{s},x,,1,\n",
    )
    write(inbox, "broken.csv", "name,price\nfoo,1\n")
    write(inbox, "notes.txt", "not a csv")

    outcome = execute("ingest-folder")

    assert outcome.status == "partial"
    assert outcome.counts["sources"] == 3 and outcome.counts["failed_sources"] == 1
    assert sorted(p.name for p in inbox.iterdir() if p.is_file()) == ["notes.txt"]
    assert [p.name.split("-", 1)[1] for p in (inbox / "done").iterdir()] == ["good.csv"]
    failed = sorted(p.name.split("-", 1)[1] for p in (inbox / "failed").iterdir())
    assert failed == ["bad.csv", "bad.csv.errors.csv", "broken.csv", "broken.csv.errors.csv"]
    report = next((inbox / "failed").glob("*bad.csv.errors.csv")).read_text()
    assert report.splitlines() == [
        "line,handle,sku,status,reason",
        f"3,mug-{s},MUG-{s},error,bad price in CAD: 'x' is not an amount",
    ]
    broken = next((inbox / "failed").glob("*broken.csv.errors.csv")).read_text()
    assert "missing column(s): handle, sku" in broken
    assert [len(v) for v in products_by_handle([f"tray-{s}", f"cup-{s}", f"mug-{s}"]).values()] == [1, 1, 0]

    empty = execute("ingest-folder")
    assert empty.status == "succeeded" and empty.counts["sources"] == 0


class _Sheets(http.server.BaseHTTPRequestHandler):
    sheets: dict[str, bytes] = {}

    def do_GET(self) -> None:
        for sheet_id, data in self.sheets.items():
            if self.path == f"/spreadsheets/d/{sheet_id}/export?format=csv&gid=0":
                self.send_response(200)
                self.send_header("content-type", "text/csv; charset=utf-8")
                self.end_headers()
                self.wfile.write(data)
                return
        self.send_response(200)  # Google answers a sign-in page for private sheets
        self.send_header("content-type", "text/html")
        self.end_headers()
        self.wfile.write(b"<html>Sign in</html>")

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def sheets_server(monkeypatch):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Sheets)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("GOOGLE_SHEETS_BASE_URL", f"http://127.0.0.1:{server.server_address[1]}")
    yield _Sheets.sheets
    server.shutdown()
    server.server_close()


def test_google_sheet_export_from_a_local_server(stack, sheets_server, monkeypatch, imported):
    s = suffix()
    imported.append(f"vase-{s}")
    sheet_id = f"1SheetId{s}abcdefghijkl"
    sheets_server[sheet_id] = (
        HEADER + f"vase-{s},Vase,Vase,,,furniture,,Like new,,,VAS-{s},25,,2,\n"
    ).encode()

    outcome = execute("ingest", source=f"https://docs.google.com/spreadsheets/d/{sheet_id}/edit#gid=0")
    assert outcome.status == "succeeded" and outcome.counts["created"] == 1
    assert outcome.detail[0].source.endswith("/edit#gid=0")

    monkeypatch.setenv("JOBS_SHEETS", f"sheet:{sheet_id}")
    again = execute("ingest-sheets")
    assert again.status == "succeeded" and again.counts["unchanged"] == 1

    private = execute("ingest", source="sheet:1PrivateSheetabcdefghijk")
    assert private.status == "failed"
    assert "answered a web page, not CSV" in private.error
    with db.session() as session:
        batch = session.exec(select(IngestionBatch).where(IngestionBatch.run_id == private.run_id)).one()
    assert batch.status == "failed" and "web page" in batch.error


def test_a_second_ingestion_while_one_runs_is_skipped_and_recorded(stack):
    with try_lock("jobs:ingest") as got:
        assert got
        outcome = execute("ingest-folder", trigger="admin")
    assert outcome.status == "skipped"
    with db.session() as session:
        run = session.get(JobRun, outcome.run_id)
    assert (run.job, run.trigger, run.status) == ("ingest-folder", "admin", "skipped")
    assert "another ingest job is running" in run.error


def test_an_uploaded_file_from_the_admin_page_is_recorded_as_such(stack, imported):
    s = suffix()
    imported.append(f"mat-{s}")
    data = (HEADER + f"mat-{s},Yoga mat,Tapis de yoga,,,furniture,,Good,,,MAT-{s},20,,1,\n").encode()

    outcome = execute("ingest", trigger="admin", source="mats.csv", data=data)

    assert outcome.status == "succeeded" and outcome.counts["created"] == 1
    with db.session() as session:
        run = session.get(JobRun, outcome.run_id)
        batch = session.exec(select(IngestionBatch).where(IngestionBatch.run_id == outcome.run_id)).one()
    assert (run.trigger, run.source) == ("admin", "mats.csv")
    assert (batch.source_kind, batch.status, batch.rows) == ("upload", "succeeded", 1)
