"""Medusa change events → read-model refreshes: signature check, payload parsing, a coalescing
refresh queue, and the HTTP endpoint (`POST /api/catalog/events`) mounted on the web app.

Medusa's subscribers (medusa-backend/src/subscribers/catalog-read-model.ts) sign each event:
`x-tob-signature: sha256=HMAC_SHA256(TOB_EVENTS_SECRET, "<x-tob-timestamp>.<body>")`. Events
older or newer than `MAX_SKEW_SECONDS`, or a signature already seen, are refused (replays).
Accepted events only queue product ids; a background task refreshes them in batches (a bulk edit
in Medusa sends one event per entity), so the answer is immediate and Medusa never waits on us.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import os
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from . import sync

log = logging.getLogger(__name__)

PATH = "/api/catalog/events"
SIGNATURE_HEADER = "x-tob-signature"
TIMESTAMP_HEADER = "x-tob-timestamp"
# Local development default; production sets its own (documented in .env.example).
DEFAULT_SECRET = "tob-local-events-secret"
MAX_SKEW_SECONDS = 300
MAX_BODY_BYTES = 256 * 1024
MAX_IDS = 10_000
BATCH_DELAY_SECONDS = 0.2  # gather the events of one bulk edit into one refresh
RETRY_DELAYS_SECONDS = (1.0, 5.0, 30.0)


class EventRejected(Exception):
    """The request is not a valid, fresh, signed event; `status` is the HTTP answer."""

    def __init__(self, message: str, status: int = 401):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class CatalogEvent:
    event: str
    product_ids: tuple[str, ...]
    full_refresh: bool


def secret() -> str:
    return os.environ.get("TOB_EVENTS_SECRET", "").strip() or DEFAULT_SECRET


def sign(key: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(key.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


class ReplayGuard:
    """Signatures seen within the skew window (each is unique: it covers the timestamp)."""

    def __init__(self, window: float = MAX_SKEW_SECONDS, max_entries: int = 100_000):
        self.window = window
        self.max_entries = max_entries
        self._seen: OrderedDict[str, float] = OrderedDict()

    def check_and_remember(self, signature: str, now: float) -> bool:
        while self._seen and (next(iter(self._seen.values())) < now - 2 * self.window):
            self._seen.popitem(last=False)
        if signature in self._seen:
            return False
        self._seen[signature] = now
        if len(self._seen) > self.max_entries:
            self._seen.popitem(last=False)
        return True


def verify(
    key: str, headers: dict[str, str], body: bytes, now: float, guard: ReplayGuard | None = None
) -> None:
    """Raise EventRejected unless the body is signed with `key` at a timestamp near `now`."""
    signature = headers.get(SIGNATURE_HEADER, "")
    timestamp = headers.get(TIMESTAMP_HEADER, "")
    if not signature or not timestamp:
        raise EventRejected("missing signature or timestamp header")
    try:
        sent_at = int(timestamp)
    except ValueError:
        raise EventRejected("timestamp is not a number of seconds") from None
    if abs(now - sent_at) > MAX_SKEW_SECONDS:
        raise EventRejected("timestamp outside the allowed window (replayed or clock skew)")
    if not hmac.compare_digest(sign(key, timestamp, body), signature):
        raise EventRejected("bad signature")
    if guard is not None and not guard.check_and_remember(signature, now):
        raise EventRejected("event already received (replay)", status=409)


def parse(body: bytes) -> CatalogEvent:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise EventRejected("body is not JSON", status=400) from None
    if not isinstance(data, dict):
        raise EventRejected("body must be a JSON object", status=400)
    ids = data.get("product_ids", [])
    if not isinstance(ids, list) or not all(isinstance(i, str) and 0 < len(i) <= 200 for i in ids):
        raise EventRejected("product_ids must be a list of product id strings", status=400)
    if len(ids) > MAX_IDS:
        raise EventRejected(f"at most {MAX_IDS} product ids per event", status=400)
    full = data.get("full_refresh", False)
    if not isinstance(full, bool):
        raise EventRejected("full_refresh must be true or false", status=400)
    event = data.get("event", "")
    if not isinstance(event, str):
        raise EventRejected("event must be a string", status=400)
    return CatalogEvent(event=event[:100], product_ids=tuple(dict.fromkeys(ids)), full_refresh=full)


# Told about each applied batch of changed products (ids, full_refresh) — e.g. the assistant
# reprices the negotiated deals of products whose price may have changed (assistant.deals).
Listener = Callable[[set[str], bool], Awaitable[None]]
_listeners: list[Listener] = []


def on_change(listener: Listener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


async def _notify(ids: set[str], full: bool) -> None:
    for listener in list(_listeners):
        try:
            await listener(ids, full)
        except Exception:  # the listener's own periodic repair is its safety net
            log.exception("catalog change listener %r failed", listener)


class RefreshQueue:
    """Product ids waiting for a refresh, drained by one background task per process."""

    def __init__(self, refresh=None, rebuild=None, delay: float = BATCH_DELAY_SECONDS, notify=None):
        self._refresh = refresh or sync.refresh_products
        self._notify = notify or _notify
        self._rebuild = rebuild or (lambda: sync.rebuild(kind="event"))
        self.delay = delay
        self._ids: set[str] = set()
        self._full = False
        self._wake = asyncio.Event()
        self._task: asyncio.Task | None = None
        self.idle = asyncio.Event()
        self.idle.set()

    def add(self, event: CatalogEvent) -> None:
        self._ids.update(event.product_ids)
        self._full = self._full or event.full_refresh
        self.idle.clear()
        self._wake.set()
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        while True:
            await self._wake.wait()
            await asyncio.sleep(self.delay)
            self._wake.clear()
            ids, full = self._ids, self._full
            self._ids, self._full = set(), False
            await self._apply(ids, full)
            await self._notify(ids, full)
            if not self._ids and not self._full:
                self.idle.set()

    async def _apply(self, ids: set[str], full: bool) -> None:
        for attempt, delay in enumerate((*RETRY_DELAYS_SECONDS, None)):
            try:
                if full:
                    await self._rebuild()
                elif ids:
                    await self._refresh(ids)
                return
            except Exception as exc:  # Medusa or Postgres briefly down: retry, then the safety net
                if delay is None:
                    log.warning(
                        "catalog refresh failed %d times, left to the periodic refresh: %r", attempt + 1, exc
                    )
                    return
                log.info("catalog refresh failed (%r), retrying in %.0fs", exc, delay)
                await asyncio.sleep(delay)


_queue: RefreshQueue | None = None
_guard = ReplayGuard()


def queue() -> RefreshQueue:
    global _queue
    if _queue is None:
        _queue = RefreshQueue()
    return _queue


async def signed_body(request: Request, guard: ReplayGuard) -> bytes:
    """The body of a signed, fresh, not-too-large event request; EventRejected otherwise.
    Shared by every endpoint Medusa's subscribers post to."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise EventRejected("body too large", status=413)
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:
        raise EventRejected("body too large", status=413)
    headers = {k.lower(): v for k, v in request.headers.items()}
    verify(secret(), headers, body, time.time(), guard)
    return body


async def receive(request: Request) -> JSONResponse:
    try:
        event = parse(await signed_body(request, _guard))
    except EventRejected as exc:
        log.warning("catalog event refused: %s", exc)
        return JSONResponse({"error": str(exc)}, status_code=exc.status)
    queue().add(event)
    return JSONResponse(
        {"accepted": True, "product_ids": len(event.product_ids), "full_refresh": event.full_refresh},
        status_code=202,
    )


def api() -> Starlette:
    """The endpoint as a Starlette app; Reflex mounts its own app under it (`api_transformer`)."""
    return Starlette(routes=[Route(PATH, receive, methods=["POST"])])
