"""Command line for the jobs.

    python -m jobs                          the scheduler (one active process; others stand by)
    python -m jobs run ingest FILE|URL      import one CSV now, with a progress bar and a summary
    python -m jobs run ingest-folder        import what is in the inbox folder now
    python -m jobs run ingest-sheets        import the scheduled Google Sheets now (JOBS_SHEETS + admin page)
    python -m jobs run inventory-sync [FEED]  apply the stock feed (default INVENTORY_FEED) to Medusa
    python -m jobs threshold HANDLE [N|off] a product's own low-stock threshold (no N: show them)
    python -m jobs runs                     the latest runs
    python -m jobs show RUN_ID              one run's row results

Exit status of ``run``: 0 every row imported (or unchanged), 2 some rows were rejected, 1 the run
failed, was interrupted or skipped.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import runs
from .registry import JOBS

console = Console()

STATUS_STYLE = {
    "created": "green",
    "updated": "cyan",
    "unchanged": "dim",
    "error": "red",
    "not_processed": "yellow",
    "succeeded": "green",
    "partial": "yellow",
    "failed": "red",
    "interrupted": "yellow",
    "skipped": "dim",
    "running": "blue",
}


def _styled(status: str) -> str:
    style = STATUS_STYLE.get(status, "")
    return f"[{style}]{status}[/{style}]" if style else status


def _migrate() -> None:
    from db.migrate import upgrade

    upgrade()


def cmd_serve(_: argparse.Namespace) -> int:
    from .scheduler import install_signal_handlers, serve

    _migrate()
    stop = threading.Event()
    install_signal_handlers(stop)
    return serve(stop=stop)


def cmd_run(args: argparse.Namespace) -> int:
    from .runner import execute

    _migrate()
    kwargs = {}
    if args.job == "ingest":
        if not args.source:
            console.print("[red]ingest needs a FILE or URL[/red]")
            return 1
        kwargs["source"] = args.source
        if args.batch_size:
            kwargs["batch_size"] = args.batch_size
    elif args.job == "inventory-sync":
        if args.source:
            kwargs["feed"] = args.source
    elif args.source:
        console.print(f"[red]{args.job} takes no source[/red]")
        return 1

    # First Ctrl-C: finish the current batch and record the run as interrupted; second: abort.
    stop = threading.Event()

    def on_sigint(signum: int, frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        console.print("[yellow]stopping after the current batch (Ctrl-C again to abort)[/yellow]")

    signal.signal(signal.SIGINT, on_sigint)
    signal.signal(signal.SIGTERM, on_sigint)

    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("rows"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as progress:
        task = progress.add_task(args.job, total=None)

        def on_progress(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        outcome = execute(args.job, trigger=args.trigger, progress=on_progress, stop=stop, **kwargs)

    summary = Table(title=f"{args.job} — run {outcome.run_id}: {outcome.status}")
    summary.add_column("count")
    summary.add_column("value", justify="right")
    for key, value in outcome.counts.items():
        summary.add_row(key, str(value))
    console.print(summary)
    for source in outcome.detail or []:
        report = source.report
        if report is None:
            continue
        problems = [r for r in report.rows if r.status in ("error", "not_processed")]
        if report.ignored_columns:
            console.print(f"[yellow]ignored columns:[/yellow] {', '.join(report.ignored_columns)}")
        if problems:
            table = Table(title=f"rows not imported from {source.source}")
            for column in ("line", "handle", "sku", "status", "reason"):
                table.add_column(column)
            for r in problems:
                table.add_row(str(r.line), r.handle or "", r.sku or "", _styled(r.status), r.message or "")
            console.print(table)
    if outcome.error:
        console.print(f"[red]{outcome.error}[/red]")
    if outcome.status == runs.SUCCEEDED:
        return 0
    return 2 if outcome.status == runs.PARTIAL else 1


def cmd_runs(args: argparse.Namespace) -> int:
    table = Table(title="latest job runs")
    for column in ("id", "job", "trigger", "status", "started", "seconds", "counts", "source / error"):
        table.add_column(column)
    for run in runs.recent_runs(args.limit, args.job):
        seconds = f"{(run.finished_at - run.started_at).total_seconds():.1f}" if run.finished_at else ""
        counts = ", ".join(f"{k}={v}" for k, v in (run.counts or {}).items() if v)
        detail = (run.error or run.source or "").strip().splitlines()
        table.add_row(
            str(run.id),
            run.job,
            run.trigger,
            _styled(run.status),
            f"{run.started_at:%Y-%m-%d %H:%M:%S}",
            seconds,
            counts,
            detail[-1] if detail else "",
        )
    console.print(table)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    rows = runs.run_rows(args.run_id)
    table = Table(title=f"run {args.run_id}: {len(rows)} rows")
    for column in ("line", "handle", "sku", "status", "message", "product"):
        table.add_column(column)
    for r in rows:
        table.add_row(
            str(r.line), r.handle or "", r.sku or "", _styled(r.status), r.message or "", r.product_id or ""
        )
    console.print(table)
    return 0


def cmd_threshold(args: argparse.Namespace) -> int:
    import db

    from .alerts import set_threshold, thresholds

    _migrate()
    if args.handle and args.value is not None:
        value = None if args.value.strip().lower() in ("off", "none", "default") else args.value
        try:
            with db.session() as session:
                set_threshold(session, args.handle, None if value is None else int(value), by="cli")
        except ValueError as exc:
            console.print(f"[red]{exc}[/red]")
            return 1
    with db.session() as session:
        current = thresholds(session)
    table = Table(title="low-stock thresholds per product")
    table.add_column("product")
    table.add_column("threshold", justify="right")
    for handle, value in sorted(current.items()):
        if not args.handle or handle == args.handle:
            table.add_row(handle, str(value))
    console.print(table)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jobs", description="Scheduled jobs of The Open Box")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("serve", help="run the scheduler (the default)")
    run = sub.add_parser("run", help="run one job now")
    run.add_argument("job", choices=sorted(JOBS))
    run.add_argument(
        "source",
        nargs="?",
        help="ingest: a CSV file, an http(s) URL or a Google Sheet link; inventory-sync: the feed",
    )
    run.add_argument("--batch-size", type=int, default=None, help="products per Medusa batch call")
    run.add_argument("--trigger", choices=runs.TRIGGERS, default="manual", help=argparse.SUPPRESS)
    listing = sub.add_parser("runs", help="the latest runs")
    listing.add_argument("--limit", type=int, default=20)
    listing.add_argument("--job", choices=sorted(JOBS))
    show = sub.add_parser("show", help="one run's row results")
    show.add_argument("run_id", type=int)
    threshold = sub.add_parser("threshold", help="a product's own low-stock threshold")
    threshold.add_argument("handle", nargs="?", help="the product's handle (none: list the thresholds)")
    threshold.add_argument("value", nargs="?", help="units; 'off' removes it (the global threshold applies)")
    args = parser.parse_args(argv)

    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s [%(name)s] %(levelname)s %(message)s",
    )
    logging.getLogger("apscheduler").setLevel(logging.WARNING if not args.verbose else logging.DEBUG)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    command = args.command or "serve"
    commands = {
        "serve": cmd_serve,
        "run": cmd_run,
        "runs": cmd_runs,
        "show": cmd_show,
        "threshold": cmd_threshold,
    }
    return commands[command](args)


if __name__ == "__main__":
    sys.exit(main())
