"""``POST /api/ingest/form``: products from external form tools, signed with a shared secret.

The sender signs the raw request body: ``X-TOB-Signature: sha256=<hex HMAC-SHA256(INGEST_FORM_SECRET,
body)>``. The body is JSON (an object of row fields, or ``{"rows": [...]}`` for several variants)
or multipart/form-data (the fields as form fields, ``rows`` as a JSON string if needed, pictures
as file parts). The answer is the run's row report (jobs/ingest/form.py). A replayed request is
harmless: imports are upserts, so a second identical submission reports every row unchanged.

Answers: 200 every row imported or unchanged, 207 some rows rejected (the report says which and
why), 422 every row rejected, 400 the submission cannot be read, 401 missing or wrong signature, 409 another import is
running, 413 too large, 503 the endpoint is not configured (no secret) or the import failed.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import os

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from .. import runs
from .form import FormRejected, UploadedFile, ingest_form

PATH = "/api/ingest/form"
SIGNATURE_HEADER = "x-tob-signature"
MAX_BODY_BYTES = 50 * 1024 * 1024


def secret() -> str:
    return os.environ.get("INGEST_FORM_SECRET", "").strip()


def sign(key: str, body: bytes) -> str:
    return "sha256=" + hmac.new(key.encode(), body, hashlib.sha256).hexdigest()


def signature_problem(key: str, body: bytes, header: str | None) -> str | None:
    """None when ``header`` is the body's signature; otherwise what is wrong (for the 401)."""
    if not header:
        return (
            f"missing {SIGNATURE_HEADER} header (sha256=<hex HMAC-SHA256 of the body with the shared secret>)"
        )
    if not header.startswith("sha256="):
        return f"{SIGNATURE_HEADER} must look like sha256=<hex>"
    if not hmac.compare_digest(sign(key, body).encode(), header.strip().lower().encode()):
        return "bad signature: it does not match the body signed with the shared secret"
    return None


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def _read_fields(request: Request, body: bytes) -> tuple[dict, list[UploadedFile]]:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        try:
            fields = json.loads(body, parse_float=str)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise FormRejected(f"the body is not valid JSON: {exc}") from exc
        if not isinstance(fields, dict):
            raise FormRejected("the JSON body must be an object of fields")
        return fields, []
    if kind == "multipart/form-data":
        form = await request.form(max_files=50, max_fields=2000)
        fields: dict = {}
        files: list[UploadedFile] = []
        for key, value in form.multi_items():
            if isinstance(value, UploadFile):
                files.append(UploadedFile(value.filename or key, await value.read()))
            elif key == "rows":
                try:
                    fields["rows"] = json.loads(value, parse_float=str)
                except json.JSONDecodeError as exc:
                    raise FormRejected(f"'rows' is not valid JSON: {exc}") from exc
            else:
                fields[key] = value
        return fields, files
    raise FormRejected("send application/json or multipart/form-data")


async def receive(request: Request) -> JSONResponse:
    key = secret()
    if not key:
        return _error(503, "form ingestion is off: INGEST_FORM_SECRET is not set on the server")
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > MAX_BODY_BYTES:
        return _error(413, f"the body is larger than {MAX_BODY_BYTES // 1024 // 1024} MB")
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:
        return _error(413, f"the body is larger than {MAX_BODY_BYTES // 1024 // 1024} MB")
    problem = signature_problem(key, body, request.headers.get(SIGNATURE_HEADER))
    if problem:
        return _error(401, problem)
    try:
        fields, files = await _read_fields(request, body)
        sender = request.headers.get("x-tob-sender") or (request.client.host if request.client else "")
        outcome = await asyncio.to_thread(
            ingest_form, fields, files, f"form tool {sender}".strip(), trigger="form"
        )
    except FormRejected as exc:
        return _error(400, str(exc))
    if outcome.status == runs.SKIPPED:
        return JSONResponse(
            {**outcome.as_json(), "error": "another import is running; send the form again in a minute"},
            status_code=409,
            headers={"Retry-After": "60"},
        )
    status = {runs.SUCCEEDED: 200, runs.PARTIAL: 207}.get(outcome.status, 503)
    imported = sum(outcome.counts.get(k, 0) for k in ("created", "updated", "unchanged"))
    if status == 207 and not imported:
        status = 422  # every row was rejected: nothing was imported
    return JSONResponse(outcome.as_json(), status_code=status)


def api() -> Starlette:
    """The endpoint as a Starlette app; Reflex mounts its own app under it (``api_transformer``)."""
    return Starlette(routes=[Route(PATH, receive, methods=["POST"])])
