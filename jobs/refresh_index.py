"""The nightly refresh of the product knowledge index (assistant/knowledge): every published
product in both languages, re-embedding only documents whose content changed, deleting removed
products. A failure or a stop before writing leaves the previous index serving."""

from __future__ import annotations

from assistant.knowledge import index

from . import runs
from .context import JobContext, JobResult


def run_refresh_index(ctx: JobContext) -> JobResult:
    try:
        result = index.refresh(progress=ctx.progress, stop=ctx.stop)
    except InterruptedError as exc:
        return JobResult(runs.INTERRUPTED, error=str(exc))
    return JobResult(runs.SUCCEEDED, result.counts)
