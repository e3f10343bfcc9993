"""Jobs settings from the environment, with local defaults (documented in .env.example)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TIMEZONE = "America/Toronto"
OFF = ("off", "none", "disabled", "0", "false")
_EVERY = re.compile(r"^every\s+(\d+)\s*(s|sec|seconds?|m|min|minutes?|h|hours?)$")


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, "").strip() or default


def parse_schedule(value: str, timezone: ZoneInfo) -> BaseTrigger | None:
    """``"*/15 * * * *"`` (crontab, in ``timezone``), ``"every 15m"`` / ``"every 30s"`` / ``"every 1h"``,
    or ``"off"`` (None). Raises ValueError on anything else."""
    text = value.strip().lower()
    if text in OFF:
        return None
    m = _EVERY.match(text)
    if m:
        amount, unit = int(m.group(1)), m.group(2)[0]
        if amount <= 0:
            raise ValueError(f"schedule {value!r}: the interval must be more than zero")
        seconds = amount * {"s": 1, "m": 60, "h": 3600}[unit]
        return IntervalTrigger(seconds=seconds, timezone=timezone)
    try:
        return CronTrigger.from_crontab(value.strip(), timezone=timezone)
    except ValueError as exc:
        raise ValueError(
            f"schedule {value!r} is neither a crontab line, 'every N[s|m|h]' nor 'off': {exc}"
        ) from exc


@dataclass(frozen=True)
class JobsSettings:
    timezone: str = field(default_factory=lambda: _env("JOBS_TIMEZONE", DEFAULT_TIMEZONE))
    ingest_folder_schedule: str = field(
        default_factory=lambda: _env("JOBS_INGEST_FOLDER_SCHEDULE", "*/15 * * * *")
    )
    ingest_sheets_schedule: str = field(
        default_factory=lambda: _env("JOBS_INGEST_SHEETS_SCHEDULE", "*/15 * * * *")
    )
    catalog_refresh_schedule: str = field(
        default_factory=lambda: _env("JOBS_CATALOG_REFRESH_SCHEDULE", "*/30 * * * *")
    )
    # Nightly re-embedding of changed products (the knowledge index of assistant/knowledge).
    refresh_index_schedule: str = field(
        default_factory=lambda: _env("JOBS_REFRESH_INDEX_SCHEDULE", "0 3 * * *")
    )
    # "off": the scheduler does not build an empty knowledge index when it starts.
    build_index_on_start: bool = field(
        default_factory=lambda: _env("JOBS_BUILD_INDEX_ON_START", "on").lower() not in OFF
    )
    inbox_dir: Path = field(
        default_factory=lambda: Path(
            _env("JOBS_INBOX_DIR", str(Path(_env("TOB_DATA_DIR", str(ROOT / ".data"))) / "inbox"))
        )
    )
    # A file younger than this may still be being copied into the inbox: it waits for the next run.
    inbox_settle_seconds: float = field(
        default_factory=lambda: float(_env("JOBS_INBOX_SETTLE_SECONDS", "10"))
    )
    sheets: tuple[str, ...] = field(
        default_factory=lambda: tuple(
            s.strip() for s in re.split(r"[\s,]+", _env("JOBS_SHEETS")) if s.strip()
        )
    )
    batch_size: int = field(default_factory=lambda: int(_env("JOBS_INGEST_BATCH_SIZE", "250")))
    standby_poll_seconds: float = field(default_factory=lambda: float(_env("JOBS_STANDBY_POLL_SECONDS", "5")))

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)
