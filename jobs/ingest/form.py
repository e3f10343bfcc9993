"""Products from web forms: the admin page's product form (``ingest_form``) and external form
tools (``POST /api/ingest/form``, jobs/ingest/form_api.py).

A form submission is turned into the same CSV rows an import file has (one row schema, the same
column names, see README "Importing products") and goes through the same pipeline: validation,
upsert by handle and SKU, images checked and stored, floor prices to the negotiation rules. It is
recorded as an ingest run (trigger ``form`` or ``admin``) with its row report. Uploaded pictures
are written to a private temporary folder and named in the ``images`` column, exactly as pictures
beside a CSV file are.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..runner import execute

MAX_ROWS = 500
MAX_FILES = 20
MAX_FILE_BYTES = 20 * 1024 * 1024
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class FormRejected(ValueError):
    """The submission as a whole cannot be read (nothing was imported)."""


@dataclass(frozen=True)
class UploadedFile:
    filename: str
    data: bytes


@dataclass(frozen=True)
class FormOutcome:
    run_id: int
    status: str  # succeeded | partial | failed | skipped
    counts: dict[str, Any]
    rows: list[dict[str, Any]]
    ignored_columns: list[str]
    error: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "status": self.status,
            "counts": self.counts,
            "rows": self.rows,
            "ignored_columns": self.ignored_columns,
            "error": self.error,
        }


def _cell(key: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        raise FormRejected(f"field {key!r}: true/false is not a value of the row schema")
    if isinstance(value, str | int | Decimal):
        return str(value)
    if isinstance(value, float):
        # JSON numbers arrive as floats: repr gives the shortest exact text (19.99, not 19.989999…).
        return repr(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value) and key.lower().startswith("image"):
        return "|".join(value)
    raise FormRejected(f"field {key!r}: expected text or a number, got {type(value).__name__}")


def submission_rows(fields: Mapping[str, Any]) -> list[dict[str, str]]:
    """A single product row (the fields themselves), or several under ``rows`` (one per variant);
    fields outside ``rows`` apply to every row unless a row gives its own value."""
    if not isinstance(fields, Mapping):
        raise FormRejected("the form must be an object of fields")
    shared = {k: v for k, v in fields.items() if k != "rows"}
    listed = fields.get("rows")
    if listed is None:
        raw_rows: list[Mapping[str, Any]] = [shared]
    elif isinstance(listed, list) and listed and all(isinstance(r, Mapping) for r in listed):
        raw_rows = [{**shared, **r} for r in listed]
    else:
        raise FormRejected("'rows' must be a non-empty list of objects (one per variant)")
    if len(raw_rows) > MAX_ROWS:
        raise FormRejected(f"at most {MAX_ROWS} rows per form")
    rows = []
    for raw in raw_rows:
        for key in raw:
            if not isinstance(key, str) or not key.strip():
                raise FormRejected("every field needs a name")
        rows.append({key.strip(): _cell(key, value) for key, value in raw.items()})
    if not any(any(v for v in row.values()) for row in rows):
        raise FormRejected("the form is empty")
    return rows


def to_csv(rows: Sequence[Mapping[str, str]]) -> bytes:
    header: list[str] = list(dict.fromkeys(key for row in rows for key in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _image_column(row: Mapping[str, str]) -> str:
    for key in row:
        if re.sub(r"[\s_\-]+", " ", key.strip().lower()) in ("images", "image", "image url", "image urls"):
            return key
    return "images"


def save_files(files: Iterable[UploadedFile | tuple[str, bytes]], folder: Path) -> list[str]:
    """Write uploads under ``folder`` with safe, distinct names; returns the names."""
    names: list[str] = []
    for index, item in enumerate(files, start=1):
        upload = item if isinstance(item, UploadedFile) else UploadedFile(item[0], item[1])
        if index > MAX_FILES:
            raise FormRejected(f"at most {MAX_FILES} files per form")
        if len(upload.data) > MAX_FILE_BYTES:
            raise FormRejected(f"{upload.filename}: larger than {MAX_FILE_BYTES // 1024 // 1024} MB")
        stem = _SAFE_NAME.sub("-", Path(upload.filename or "image").name).strip(".-") or "image"
        name = f"{index:02d}-{stem}"
        (folder / name).write_bytes(upload.data)
        names.append(name)
    return names


def _row_json(r: Any) -> dict[str, Any]:
    # The floor price is never echoed back: only whether one was applied.
    return {
        "line": r.line,
        "row": r.line - 1,
        "status": r.status,
        "handle": r.handle,
        "sku": r.sku,
        "message": r.message,
        "product_id": r.product_id,
        "variant_id": r.variant_id,
        "floor": r.floor_status,
    }


def ingest_form(
    fields: Mapping[str, Any],
    files: Sequence[UploadedFile | tuple[str, bytes]] = (),
    by: str = "",
    *,
    trigger: str = "admin",
) -> FormOutcome:
    """Import one form submission now (blocking; call it from a thread in async code). ``files``
    are pictures of the product of the first row, added to its ``images``. ``by`` names who sent
    it (a staff email, a form tool) in the run's source. Raises FormRejected on an unusable form;
    rows with bad values are reported in the outcome while the good ones import."""
    rows = submission_rows(fields)
    who = (by or "").strip() or "unknown"
    with tempfile.TemporaryDirectory(prefix="tob-form-") as tmp:
        folder = Path(tmp)
        names = save_files(files, folder)
        if names:
            column = _image_column(rows[0])
            for row in rows:
                row.setdefault(column, "")
            rows[0][column] = "|".join([p for p in rows[0][column].split("|") if p.strip()] + names)
        outcome = execute(
            "ingest",
            trigger=trigger,
            source=f"form from {who}"[:500],
            data=to_csv(rows),
            base_dir=folder,
        )
    report = None
    for source in outcome.detail or []:
        report = source.report
    return FormOutcome(
        run_id=outcome.run_id,
        status=outcome.status,
        counts=outcome.counts,
        rows=[_row_json(r) for r in report.rows] if report else [],
        ignored_columns=list(report.ignored_columns) if report else [],
        error=outcome.error,
    )
