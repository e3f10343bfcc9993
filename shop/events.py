"""Shopper events from Medusa (`POST /api/shop/events`): today the password-reset request, whose
token only Medusa knows. Signed like the catalog events (see catalog/events.py); Medusa's
subscriber is medusa-backend/src/subscribers/password-reset.ts.
"""

from __future__ import annotations

import json
import logging

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from catalog.events import EventRejected, ReplayGuard, signed_body

from . import notifications

log = logging.getLogger(__name__)

PATH = "/api/shop/events"
_guard = ReplayGuard()


async def receive(request: Request) -> JSONResponse:
    try:
        body = await signed_body(request, _guard)
        try:
            event = json.loads(body)
        except ValueError:
            raise EventRejected("body is not JSON", status=400) from None
        if not isinstance(event, dict) or not isinstance(event.get("data"), dict):
            raise EventRejected("expected {event, data}", status=400)
    except EventRejected as exc:
        log.warning("shop event refused: %s", exc)
        return JSONResponse({"error": str(exc)}, status_code=exc.status)
    if event.get("event") != "auth.password_reset":
        return JSONResponse({"accepted": False, "reason": "not handled"}, status_code=202)
    try:
        sent = await notifications.password_reset(event["data"])
    except OSError as exc:  # SMTP down: Medusa retries the delivery
        log.error("password reset mail not sent: %r", exc)
        return JSONResponse({"error": "mail relay unavailable"}, status_code=503)
    return JSONResponse({"accepted": sent}, status_code=202)


def api() -> Starlette:
    return Starlette(routes=[Route(PATH, receive, methods=["POST"])])
