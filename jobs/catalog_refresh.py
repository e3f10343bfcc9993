"""The catalog read model's safety net: a full rebuild from Medusa, repairing any change event
that was missed (Medusa down, the storefront restarting). See catalog/sync.py. Negotiated deals'
promotions are checked against the current list prices at the same time (assistant.deals)."""

from __future__ import annotations

from catalog.sync import full_refresh

from . import runs
from .context import JobContext, JobResult


def run_catalog_refresh(ctx: JobContext) -> JobResult:
    from assistant.deals import repair as repair_deal_promotions  # the scheduler starts without it

    result = full_refresh()
    deals = repair_deal_promotions()
    if result is None:
        return JobResult(runs.SKIPPED, error="another rebuild of the read model was running")
    counts = {
        "products": result.products,
        "rows_written": result.rows_written,
        "rows_deleted": result.rows_deleted,
        "deal_promotions": deals["deals"],
        "deal_promotions_failed": deals["failed"],
    }
    return JobResult(runs.SUCCEEDED, counts)
