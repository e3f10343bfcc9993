"""The Google Sheets the ``ingest-sheets`` job imports on its schedule: those in ``JOBS_SHEETS``
(settings) and those staff add on the admin page (table ``jobs.scheduled_sheets``).

A stored sheet records who added it and when; removing it keeps the row with who removed it and
when (the record of who changed the schedule). One sheet tab is scheduled at most once: adding it
again (a retry, a second tab of the admin page) returns the row already there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import BigInteger, Column, DateTime, Index, Text, text
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Field, Session, SQLModel, col, select

from .. import wakeup
from ..models import SCHEMA, utcnow
from ..settings import JobsSettings
from .sources import sheet_key, staff_sheet_link


class ScheduledSheet(SQLModel, table=True):
    __tablename__ = "scheduled_sheets"
    __table_args__ = (
        Index(
            "uq_scheduled_sheets_live", "sheet_key", unique=True, postgresql_where=text("removed_at IS NULL")
        ),
        {"schema": SCHEMA},
    )

    id: int | None = Field(default=None, sa_column=Column(BigInteger, primary_key=True, autoincrement=True))
    url: str = Field(sa_column=Column(Text, nullable=False))  # the link as staff gave it
    sheet_key: str = Field(max_length=255)  # "<sheet id>#<tab gid>"
    added_by: str = Field(max_length=255)
    added_at: datetime = Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True)))
    removed_by: str | None = Field(default=None, max_length=255)
    removed_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))


class NotASheet(ValueError):
    """The link is not a Google Sheet link."""


@dataclass(frozen=True)
class SheetEntry:
    """A scheduled sheet as the admin page lists it (``id`` None: from the settings)."""

    url: str
    id: int | None = None
    added_by: str = ""
    added_at: datetime | None = None


def add_sheet(session: Session, link: str, *, by: str) -> tuple[SheetEntry, bool]:
    """Schedule a sheet; ``(entry, False)`` when that sheet tab was already scheduled."""
    url = staff_sheet_link(link)
    key = sheet_key(url) if url else None
    if url is None or key is None:
        raise NotASheet(link)
    inserted = (
        session.connection()
        .execute(
            insert(ScheduledSheet)
            .values(url=url, sheet_key=key, added_by=by, added_at=utcnow())
            .on_conflict_do_nothing(index_elements=["sheet_key"], index_where=text("removed_at IS NULL"))
            .returning(ScheduledSheet.id)
        )
        .scalar()
    )
    row = session.exec(
        select(ScheduledSheet).where(
            ScheduledSheet.sheet_key == key, col(ScheduledSheet.removed_at).is_(None)
        )
    ).one()
    if inserted is not None:
        wakeup.notify(session.connection(), "sheet added")
    return _entry(row), inserted is not None


def remove_sheet(session: Session, sheet_id: int, *, by: str) -> bool:
    """Take a sheet off the schedule; False when it is not (or no longer) scheduled."""
    row = session.get(ScheduledSheet, sheet_id)
    if row is None or row.removed_at is not None:
        return False
    row.removed_by, row.removed_at = by, utcnow()
    session.add(row)
    session.flush()
    wakeup.notify(session.connection(), "sheet removed")
    return True


def stored_sheets(session: Session) -> list[SheetEntry]:
    rows = session.exec(
        select(ScheduledSheet)
        .where(col(ScheduledSheet.removed_at).is_(None))
        .order_by(col(ScheduledSheet.added_at), col(ScheduledSheet.id))
    ).all()
    return [_entry(r) for r in rows]


def merge_refs(configured: tuple[str, ...] | list[str], stored: list[str]) -> list[str]:
    """Configured sheets first, then stored ones; one reference per sheet tab (a sheet in both the
    settings and the table is imported once)."""
    seen: set[str] = set()
    out = []
    for ref in [*configured, *stored]:
        key = sheet_key(ref) or ref.strip()
        if key not in seen:
            seen.add(key)
            out.append(ref)
    return out


def sheet_refs(session: Session, settings: JobsSettings | None = None) -> list[str]:
    """Every sheet the ``ingest-sheets`` job imports."""
    settings = settings or JobsSettings()
    return merge_refs(settings.sheets, [e.url for e in stored_sheets(session)])


def _entry(row: ScheduledSheet) -> SheetEntry:
    return SheetEntry(url=row.url, id=row.id, added_by=row.added_by, added_at=row.added_at)
