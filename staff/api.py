"""Admin HTTP routes (mounted in the Reflex app by ``api_transformer``). Each checks the staff
session from the ``tob_admin`` cookie: 401 without a live one, 403 for a request from another site.

- ``GET /api/admin/runs/{run_id}/rows.csv`` — an import run's row report (line, handle, SKU,
  status, message), for staff to fix their file.
"""

from __future__ import annotations

import asyncio
import csv
import io
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .guard import COOKIE, Unauthorized, staff_for_cookie

PREFIX = "/api/admin"


def same_site(request: Request) -> bool:
    """A browser request made by another site carries its origin (or a cross-site fetch mode)."""
    if request.headers.get("sec-fetch-site") in ("cross-site",):
        return False
    origin = request.headers.get("origin")
    return origin is None or urlsplit(origin).netloc == request.headers.get("host", "")


async def guarded(request: Request):
    """The staff member behind a request, or the 401/403 response to send instead."""
    if not same_site(request):
        return None, JSONResponse({"error": "cross-site request refused"}, status_code=403)
    try:
        return await staff_for_cookie(request.cookies.get(COOKIE)), None
    except Unauthorized as exc:
        return None, JSONResponse(
            {"error": f"staff sign-in required ({exc})"},
            status_code=401,
            headers={"cache-control": "no-store"},
        )


def rows_csv(rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["line", "handle", "sku", "status", "message"])
    for r in rows:
        writer.writerow([r.line, r.handle or "", r.sku or "", r.status, r.message or ""])
    return out.getvalue()


async def run_rows(request: Request) -> Response:
    from jobs import runs

    _, refused = await guarded(request)
    if refused is not None:
        return refused
    try:
        run_id = int(request.path_params["run_id"])
    except ValueError:
        return JSONResponse({"error": "run id must be a number"}, status_code=400)
    rows = await asyncio.to_thread(runs.run_rows, run_id)
    return Response(
        rows_csv(rows),
        media_type="text/csv; charset=utf-8",
        headers={
            "content-disposition": f'attachment; filename="run-{run_id}-rows.csv"',
            "cache-control": "no-store",
        },
    )


ROUTES = [Route(PREFIX + "/runs/{run_id}/rows.csv", run_rows, methods=["GET"])]


def api() -> Starlette:
    return Starlette(routes=ROUTES)
