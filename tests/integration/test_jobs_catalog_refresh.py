"""The scheduled safety net rebuilds the catalog read model from the real Medusa and records its run."""

from __future__ import annotations

from sqlmodel import select

import db
from jobs import execute
from jobs.models import JobRun


def test_catalog_refresh_job_rebuilds_the_read_model_and_is_recorded(stack):
    outcome = execute("catalog-refresh", trigger="admin")
    assert outcome.status == "succeeded", outcome.error
    assert outcome.counts["products"] >= 60  # the demo catalog
    assert outcome.counts["rows_written"] >= outcome.counts["products"]  # one row per product × region
    with db.session() as s:
        run = s.exec(select(JobRun).where(JobRun.id == outcome.run_id)).one()
    assert (run.job, run.trigger, run.status) == ("catalog-refresh", "admin", "succeeded")
