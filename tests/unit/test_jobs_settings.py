"""Schedules from env, sheet URLs, the floor-price hand-off and the CLI's argument handling."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from jobs.ingest import floors
from jobs.ingest.sources import sheet_export_url
from jobs.scheduler import planned_jobs
from jobs.settings import JobsSettings, parse_schedule

TORONTO = ZoneInfo("America/Toronto")


def test_crontab_schedules_run_in_the_configured_timezone():
    trigger = parse_schedule("0 3 * * *", TORONTO)
    assert isinstance(trigger, CronTrigger)
    after = datetime(2026, 7, 1, 12, 0, tzinfo=TORONTO)
    fire = trigger.get_next_fire_time(None, after)
    assert (fire.hour, fire.minute, fire.tzinfo.key) == (3, 0, "America/Toronto")
    assert fire.utcoffset().total_seconds() == -4 * 3600  # EDT in July


@pytest.mark.parametrize(("text", "seconds"), [("every 15m", 900), ("every 30s", 30), ("every 1 hour", 3600)])
def test_interval_schedules(text, seconds):
    trigger = parse_schedule(text, TORONTO)
    assert isinstance(trigger, IntervalTrigger) and trigger.interval.total_seconds() == seconds


def test_off_and_bad_schedules():
    assert parse_schedule("off", TORONTO) is None
    with pytest.raises(ValueError, match="neither a crontab line"):
        parse_schedule("sometimes", TORONTO)
    with pytest.raises(ValueError, match="more than zero"):
        parse_schedule("every 0m", TORONTO)


def test_only_built_and_enabled_jobs_are_scheduled(monkeypatch, tmp_path):
    for name in (
        "JOBS_SHEETS",
        "JOBS_INGEST_FOLDER_SCHEDULE",
        "JOBS_INGEST_SHEETS_SCHEDULE",
        "JOBS_CATALOG_REFRESH_SCHEDULE",
        "JOBS_REFRESH_INDEX_SCHEDULE",
        "JOBS_TIMEZONE",
    ):
        monkeypatch.delenv(name, raising=False)
    plan = planned_jobs(JobsSettings())
    # no sheets configured; "ingest" runs on demand only
    assert list(plan) == ["ingest-folder", "catalog-refresh", "refresh-index"]
    assert "minute='*/30'" in str(plan["catalog-refresh"])
    # the knowledge index: nightly at 03:00 Toronto time
    assert "hour='3', minute='0'" in str(plan["refresh-index"])
    assert str(plan["refresh-index"].timezone) == "America/Toronto"
    assert str(plan["ingest-folder"]).startswith("cron[") and "minute='*/15'" in str(plan["ingest-folder"])

    monkeypatch.setenv("JOBS_SHEETS", "sheet:abc, https://example.test/s.csv")
    monkeypatch.setenv("JOBS_INGEST_FOLDER_SCHEDULE", "off")
    monkeypatch.setenv("JOBS_CATALOG_REFRESH_SCHEDULE", "off")
    monkeypatch.setenv("JOBS_REFRESH_INDEX_SCHEDULE", "off")
    settings = JobsSettings()
    assert settings.sheets == ("sheet:abc", "https://example.test/s.csv")
    assert list(planned_jobs(settings)) == ["ingest-sheets"]

    monkeypatch.setenv("JOBS_INGEST_SHEETS_SCHEDULE", "whenever")
    with pytest.raises(ValueError):
        planned_jobs(JobsSettings())


def test_inbox_defaults_under_the_data_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("JOBS_INBOX_DIR", raising=False)
    monkeypatch.setenv("TOB_DATA_DIR", str(tmp_path))
    assert JobsSettings().inbox_dir == tmp_path / "inbox"


@pytest.mark.parametrize(
    ("ref", "url"),
    [
        ("sheet:1AbC#42", "http://sheets.test/spreadsheets/d/1AbC/export?format=csv&gid=42"),
        (
            "https://docs.google.com/spreadsheets/d/1a2B3c4D5e6F7g8H9i0J/edit#gid=7",
            "http://sheets.test/spreadsheets/d/1a2B3c4D5e6F7g8H9i0J/export?format=csv&gid=7",
        ),
        (
            "https://docs.google.com/spreadsheets/d/1a2B3c4D5e6F7g8H9i0J/edit?usp=sharing",
            "http://sheets.test/spreadsheets/d/1a2B3c4D5e6F7g8H9i0J/export?format=csv&gid=0",
        ),
        (
            "1a2B3c4D5e6F7g8H9i0JkLmNoP",
            "http://sheets.test/spreadsheets/d/1a2B3c4D5e6F7g8H9i0JkLmNoP/export?format=csv&gid=0",
        ),
        ("https://example.test/products.csv", None),
        ("products.csv", None),
    ],
)
def test_sheet_references_become_csv_export_urls(ref, url):
    assert sheet_export_url(ref, "http://sheets.test/") == url


def test_apply_floor_hands_over_to_the_registered_handler():
    registered = floors.set_floor_handler(None)  # the assistant's, when jobs.ingest.job was imported
    seen = []
    try:
        assert floors.apply_floor("xm5", "XM5-GD", Decimal("150"), "CAD") is False
        floors.set_floor_handler(lambda *args: seen.append(args))
        assert floors.apply_floor("xm5", "XM5-GD", Decimal("150"), "CAD") is True
    finally:
        floors.set_floor_handler(registered)
    assert seen == [("xm5", "XM5-GD", Decimal("150"), "cad")]
    with pytest.raises(TypeError):
        floors.apply_floor("xm5", "XM5-GD", 150.0, "cad")  # type: ignore[arg-type]


def test_cli_refuses_unknown_jobs(capsys):
    from jobs.__main__ import main

    with pytest.raises(SystemExit):
        main(["run", "no-such-job"])
    assert "invalid choice" in capsys.readouterr().err
