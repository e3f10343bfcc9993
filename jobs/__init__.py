"""Scheduled and on-demand jobs: the APScheduler runner (``python -m jobs``) and product ingestion.

For the admin page::

    from jobs import execute, recent_runs, run_rows
    outcome = execute("ingest", trigger="admin", source="/path/or/url.csv")   # blocking: call it
    outcome = execute("ingest", trigger="admin", source="upload.csv", data=file_bytes)  # in a thread
    runs = recent_runs(20)

Dependency direction: ``jobs`` → ``medusa``, ``db`` (and later ``assistant``, ``catalog``).
"""

from .runner import Outcome, execute
from .runs import recent_runs, run_rows

__all__ = ["Outcome", "execute", "recent_runs", "run_rows"]
