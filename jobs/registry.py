"""The jobs that exist, their lock group and their schedule setting.

Only jobs that are built are listed (inventory sync comes with its own module). Jobs in one
lock group never run at the same time, whoever starts them: all ingestion
jobs share one group, because two imports touching the same handles would race.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .catalog_refresh import run_catalog_refresh
from .context import JobResult
from .ingest import job as ingest_jobs
from .inventory import sync as inventory_sync
from .refresh_index import run_refresh_index
from .settings import JobsSettings


@dataclass(frozen=True)
class JobSpec:
    name: str
    title: str
    lock_group: str
    run: Callable[..., JobResult]
    schedule: Callable[[JobsSettings], str] | None = None  # None: only run on demand
    enabled: Callable[[JobsSettings], bool] = lambda settings: True


JOBS: dict[str, JobSpec] = {
    spec.name: spec
    for spec in (
        JobSpec("ingest", "Import a CSV file or URL", "ingest", ingest_jobs.run_ingest),
        JobSpec(
            "ingest-folder",
            "Import the CSV files dropped in the inbox folder",
            "ingest",
            ingest_jobs.run_ingest_folder,
            schedule=lambda s: s.ingest_folder_schedule,
        ),
        JobSpec(
            "ingest-sheets",
            "Import the configured Google Sheets",
            "ingest",
            ingest_jobs.run_ingest_sheets,
            schedule=lambda s: s.ingest_sheets_schedule,
            enabled=lambda s: bool(s.sheets),
        ),
        JobSpec(
            "catalog-refresh",
            "Rebuild the catalog read model from Medusa (repairs missed change events)",
            "catalog",
            run_catalog_refresh,
            schedule=lambda s: s.catalog_refresh_schedule,
        ),
        JobSpec(
            "refresh-index",
            "Refresh the product knowledge index (re-embeds changed products only)",
            "index",
            run_refresh_index,
            schedule=lambda s: s.refresh_index_schedule,
        ),
        JobSpec(
            "inventory-sync",
            inventory_sync.TITLE,
            "inventory",
            inventory_sync.run,
            schedule=inventory_sync.schedule,
        ),
    )
}


def group_members(group: str) -> list[str]:
    return [name for name, spec in JOBS.items() if spec.lock_group == group]
