"""Status words of runs, rows, negotiations and alerts in the staff's language."""

from __future__ import annotations

from translations import N_, gettext

STATUS_LABELS = {
    "running": N_("running"),
    "succeeded": N_("succeeded"),
    "partial": N_("partial"),
    "failed": N_("failed"),
    "interrupted": N_("interrupted"),
    "skipped": N_("skipped"),
    "created": N_("created"),
    "updated": N_("updated"),
    "unchanged": N_("unchanged"),
    "error": N_("error"),
    "not_processed": N_("not processed"),
    "open": N_("open"),
    "agreed": N_("agreed"),
    "declined": N_("declined"),
    "expired": N_("expired"),
    "acknowledged": N_("acknowledged"),
    "resolved": N_("resolved"),
}


def status_label(status: str, lang: str) -> str:
    label = STATUS_LABELS.get(status)
    return gettext(lang)(label) if label else status


JOB_TITLES = {
    "ingest": N_("Import a CSV file or URL"),
    "ingest-folder": N_("Import the CSV files dropped in the inbox folder"),
    "ingest-sheets": N_("Import the scheduled Google Sheets"),
    "catalog-refresh": N_("Rebuild the catalog read model from Medusa (repairs missed change events)"),
    "inventory-sync": N_("Sync stock levels from the feed and raise alerts"),
    "refresh-index": N_("Refresh the product knowledge index"),
}


def job_title(job: str, fallback: str, lang: str) -> str:
    title = JOB_TITLES.get(job)
    return gettext(lang)(title) if title else fallback


ALERT_KINDS = {
    "low_stock": N_("Low stock"),
    "out_of_stock": N_("Out of stock"),
    "back_in_stock": N_("Back in stock"),
    "unknown_sku": N_("SKU unknown to Medusa"),
    "feed_unreadable": N_("Stock feed unreadable"),
    "sync_failed": N_("Sync failed"),
}
