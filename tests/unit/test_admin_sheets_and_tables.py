"""Scheduled Google Sheets (link checks, one entry per sheet tab, settings + stored), what the
Ingestion view says about them, the plan with stored sheets, and the admin table component."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import reflex as rx
from apscheduler.schedulers.background import BackgroundScheduler

from jobs.ingest.sheet_schedule import merge_refs
from jobs.ingest.sources import parse_sheet, sheet_key, staff_sheet_link
from jobs.scheduler import planned_jobs, sync_jobs
from jobs.settings import JobsSettings
from tob_app.components.data_table import Column, cell, data_table
from tob_app.state.admin_views import sheet_views, sheets_schedule_note

TORONTO = ZoneInfo("America/Toronto")
SHEET = "1a2B3c4D5e6F7g8H9i0JkLmN"


@pytest.mark.parametrize(
    ("ref", "parsed"),
    [
        (f"https://docs.google.com/spreadsheets/d/{SHEET}/edit#gid=7", (SHEET, "7")),
        (f"https://docs.google.com/spreadsheets/d/{SHEET}/edit?usp=sharing", (SHEET, "0")),
        (f"sheet:{SHEET}#3", (SHEET, "3")),
        ("sheet:", None),
        (SHEET, (SHEET, "0")),
        ("https://example.test/products.csv", None),
    ],
)
def test_sheet_references_parse_to_id_and_tab(ref, parsed):
    assert parse_sheet(ref) == parsed


def test_one_key_per_sheet_tab_whatever_the_form_of_the_link():
    keys = {
        sheet_key(f"https://docs.google.com/spreadsheets/d/{SHEET}/edit#gid=0"),
        sheet_key(f"https://docs.google.com/spreadsheets/d/{SHEET}/edit?usp=sharing"),
        sheet_key(f"sheet:{SHEET}"),
        sheet_key(SHEET),
    }
    assert keys == {f"{SHEET}#0"}
    assert sheet_key(f"sheet:{SHEET}#5") == f"{SHEET}#5"


def test_staff_may_only_enter_google_sheet_links():
    link = f"  https://docs.google.com/spreadsheets/d/{SHEET}/edit#gid=0 \n"
    assert staff_sheet_link(link) == link.strip()
    assert staff_sheet_link(f"sheet:{SHEET}") is None  # the settings' shorthand is not a link
    assert staff_sheet_link(SHEET) is None
    assert staff_sheet_link("https://example.test/products.csv") is None
    assert staff_sheet_link("javascript:alert(1)//spreadsheets/d/x") is None
    assert staff_sheet_link(f"https://docs.google.com/spreadsheets/d/{SHEET}/edit#" + "x" * 2000) is None


def test_settings_and_stored_sheets_merge_one_per_tab_settings_first():
    configured = (f"sheet:{SHEET}", "https://example.test/feed.csv")
    stored = [
        f"https://docs.google.com/spreadsheets/d/{SHEET}/edit#gid=0",  # same tab as the settings'
        f"https://docs.google.com/spreadsheets/d/{SHEET}/edit#gid=4",
        f"https://docs.google.com/spreadsheets/d/{SHEET}/edit#gid=4",
    ]
    assert merge_refs(configured, stored) == [*configured, stored[1]]
    assert merge_refs((), []) == []


def test_the_plan_schedules_ingest_sheets_when_staff_stored_a_sheet(monkeypatch):
    monkeypatch.delenv("JOBS_SHEETS", raising=False)
    monkeypatch.delenv("JOBS_INGEST_SHEETS_SCHEDULE", raising=False)
    settings = JobsSettings()
    assert "ingest-sheets" not in planned_jobs(settings)
    plan = planned_jobs(settings, [f"https://docs.google.com/spreadsheets/d/{SHEET}/edit"])
    assert "minute='*/15'" in str(plan["ingest-sheets"])
    monkeypatch.setenv("JOBS_INGEST_SHEETS_SCHEDULE", "off")
    assert "ingest-sheets" not in planned_jobs(JobsSettings(), [f"sheet:{SHEET}"])


def test_resyncing_after_a_change_keeps_one_off_jobs_and_drops_unplanned_known_ones(monkeypatch):
    monkeypatch.delenv("JOBS_SHEETS", raising=False)
    settings = JobsSettings()
    scheduler = BackgroundScheduler(timezone=UTC)
    scheduler.start(paused=True)
    try:
        with_sheet = planned_jobs(settings, [f"sheet:{SHEET}"])
        sync_jobs(scheduler, with_sheet)
        scheduler.add_job(
            print, "date", run_date=datetime(2099, 1, 1, tzinfo=UTC), id="refresh-index-initial"
        )
        scheduler.get_job("ingest-folder").pause()
        sync_jobs(scheduler, planned_jobs(settings), prune=False)  # the last stored sheet was removed
        ids = {job.id for job in scheduler.get_jobs()}
        assert "ingest-sheets" not in ids and "refresh-index-initial" in ids
        assert scheduler.get_job("ingest-folder").next_run_time is None  # still paused
        sync_jobs(scheduler, planned_jobs(settings))  # a (re)start prunes everything unplanned
        assert "refresh-index-initial" not in {job.id for job in scheduler.get_jobs()}
    finally:
        scheduler.shutdown(wait=False)


def test_the_scheduled_sheets_list_shows_settings_first_then_who_added_each():
    added = datetime(2026, 11, 25, 17, 5, tzinfo=UTC)
    stored = [
        SimpleNamespace(
            id=4, url="https://docs.google.com/spreadsheets/d/x/edit", added_by="a@x", added_at=added
        )
    ]
    views = sheet_views(("sheet:abc",), stored, TORONTO, "fr")
    assert [(v.id, v.url) for v in views] == [(0, "sheet:abc"), (4, stored[0].url)]
    assert views[0].added == "réglages du serveur (JOBS_SHEETS)"
    assert views[1].added == "a@x · 2026-11-25 12:05"


def test_the_sheets_note_says_when_they_are_imported():
    nxt = datetime(2026, 11, 25, 17, 15, tzinfo=UTC)
    job = SimpleNamespace(paused=False, next_run=nxt)
    schedule = "*/15 * * * * (America/Toronto)"
    assert sheets_schedule_note(schedule, job, True, TORONTO, "en") == (
        "Imported on the schedule */15 * * * * (America/Toronto). Next run: 2026-11-25 12:15."
    )
    assert "paused" in sheets_schedule_note(
        schedule, SimpleNamespace(paused=True, next_run=None), True, TORONTO, "en"
    )
    assert "No scheduler process" in sheets_schedule_note(schedule, job, False, TORONTO, "en")
    assert sheets_schedule_note("", None, True, TORONTO, "fr").startswith(
        "La planification des feuilles est désactivée"
    )


class _Rows(rx.State):
    rows: list[dict[str, str]] = []


def test_the_admin_table_renders_headers_and_cells_and_refuses_a_short_row():
    table = data_table(
        ["Name", Column("When", "text-xs")],
        _Rows.rows,
        lambda r: [r["name"], cell(r["when"], data_testid="when")],
        test_id="things",
        row_test_id="thing",
        empty="Nothing yet.",
    )
    rendered = str(table)
    assert rendered.count('scope:"col"') == 2 and '"Name"' in rendered and '"When"' in rendered
    assert rendered.count('jsx("td"') == 2 and '"data-testid":"when"' in rendered
    assert '"data-testid":"things"' in rendered and '"data-testid":"thing"' in rendered
    assert '"Nothing yet."' in rendered
    with pytest.raises(ValueError, match="1 cells for 2 columns"):
        data_table(["Name", "When"], _Rows.rows, lambda r: [r["name"]], test_id="broken")
