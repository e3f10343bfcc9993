"""The staff admin page (`/{lang}/admin`): session and view states.

Security model: the browser holds only a random session id (cookie ``tob_admin``); the Medusa
admin token stays in ``staff.staff_session``. Every handler below is either ``@staff_only`` (the
session is checked on the server before its body runs) or ``@public`` (page load and sign-in,
which touch nothing but the session). ``tests/unit/test_admin_guard.py`` checks that no handler
is neither; ``tests/integration/test_admin_websocket.py`` sends each one from a non-staff client.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
import threading
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import reflex as rx

from medusa import MedusaError
from staff import sessions
from staff.guard import COOKIE, current_staff, public, staff_only
from staff.throttle import SIGN_IN
from translations import N_, format_money, gettext, normalize_lang

from .admin_labels import ALERT_KINDS, job_title, status_label
from .admin_views import (
    NegotiationView,
    RowView,
    RunView,
    SheetView,
    local_time,
    money_by_currency,
    negotiation_view,
    row_view,
    run_view,
    sheet_views,
    sheets_schedule_note,
)

log = logging.getLogger("tob_app.admin")

VIEWS = ("dashboard", "ingestion", "inventory", "negotiations", "jobs", "index")
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# Attached pictures wait in the tab's server-side state until the form is sent: keep it small.
MAX_PICTURES_BYTES = 40 * 1024 * 1024
RULE_FORM_FIELDS = (
    "level",
    "target",
    "enabled",
    "floor_kind",
    "floor_percent",
    "floor_cad",
    "floor_usd",
    "mode",
    "max_rounds",
    "deal_validity_hours",
)
RULE_LEVELS = {
    "store": N_("Store"),
    "category": N_("Category"),
    "product": N_("Product"),
    "variant": N_("Variant"),
}
ADMIN_JOBS = ("ingest-folder", "ingest-sheets", "catalog-refresh", "inventory-sync", "refresh-index")


def plain(value: Decimal) -> str:
    """80.0000 → "80", 85.5000 → "85.5" (no exponent)."""
    return format(value.normalize(), "f")


def _secure_cookie() -> bool:
    return os.environ.get("TOB_PUBLIC_URL", "").startswith("https://")


def _tz():
    from staff.dashboard import store_timezone

    return store_timezone()


class AdminState(rx.State):
    session_id: str = rx.Cookie("", name=COOKIE, path="/", same_site="strict", secure=_secure_cookie())
    lang: str = "en"
    checked: bool = False  # the session was checked once (until then: a loading state)
    signed_in: bool = False
    staff_email: str = ""
    view: str = "dashboard"
    sign_in_error: str = ""
    notice: str = ""
    busy: bool = False

    async def _forget(self) -> None:
        """Clear everything staff-only this tab holds (sign-out, expired session)."""
        for cls in VIEW_STATES:
            (await self.get_state(cls)).reset()
        self.signed_in, self.staff_email = False, ""

    async def _staff_guard(self) -> sessions.Staff | None:
        found = await sessions.lookup(self.session_id)
        if found.staff is None:
            was_in = self.signed_in
            await self._forget()
            self.session_id = ""
            if found.expired or was_in:
                t = gettext(self.lang)
                self.notice = t("Your session has ended. Please sign in again.")
            return None
        self.signed_in, self.staff_email = True, found.staff.email
        return found.staff

    def _view_event(self):
        return {
            "dashboard": DashboardState.refresh,
            "ingestion": IngestState.refresh,
            "inventory": InventoryState.refresh,
            "negotiations": NegotiationsState.refresh,
            "jobs": JobsState.refresh,
            "index": IndexState.refresh,
        }[self.view]

    @rx.event
    @public
    async def load(self, lang: str):
        self.lang = normalize_lang(lang)
        view = self.router.url.query_parameters.get("view", "")
        if view in VIEWS:
            self.view = view
        found = await sessions.lookup(self.session_id)
        self.checked = True
        if found.staff is None:
            if self.signed_in or found.expired:
                t = gettext(self.lang)
                self.notice = t("Your session has ended. Please sign in again.")
            await self._forget()
            self.session_id = ""
            return None
        self.signed_in, self.staff_email = True, found.staff.email
        return self._view_event()

    @rx.event
    @public
    async def sign_in(self, form: dict):
        t = gettext(self.lang)
        email = str(form.get("email", "")).strip().lower()
        password = str(form.get("password", ""))
        self.notice = ""
        if not email or not password:
            self.sign_in_error = t("Enter your email and password.")
            return None
        address = self.router.session.client_ip
        if SIGN_IN.blocked(email, address):
            self.sign_in_error = t("Too many attempts. Wait a few minutes and try again.")
            return None
        self.busy = True
        try:
            session_id, staff = await sessions.sign_in(email, password)
        except sessions.SignInError:
            SIGN_IN.failed(email, address)
            self.sign_in_error = t("Wrong email or password, or not a staff account.")
            return None
        except MedusaError as exc:
            log.warning("staff sign-in: Medusa error %s", type(exc).__name__)
            self.sign_in_error = t("The store's back office is unavailable. Try again in a moment.")
            return None
        finally:
            self.busy = False
        SIGN_IN.succeeded(email, address)
        self.session_id = session_id
        self.signed_in, self.staff_email, self.sign_in_error = True, staff.email, ""
        return self._view_event()

    @rx.event
    @staff_only
    async def sign_out(self):
        await sessions.sign_out(self.session_id)
        await self._forget()
        self.session_id = ""
        t = gettext(self.lang)
        self.notice = t("You are signed out.")

    @rx.event
    @staff_only
    async def show(self, view: str):
        if view not in VIEWS:
            return None
        self.view = view
        return self._view_event()


class _ViewState(rx.State, mixin=True):
    """Common to the views (a mixin: each view has its own copies): loading and error states, and
    the one ``refresh`` that reloads a view through its ``_load``."""

    loading: bool = False
    error: str = ""
    message: str = ""

    async def _load(self) -> None:
        """Read what the view shows (each view has its own)."""
        raise NotImplementedError

    def _fail(self, exc: Exception) -> None:
        log.warning("admin %s failed: %s: %s", type(self).__name__, type(exc).__name__, exc)
        t = gettext(self.lang)
        self.error = t("Could not load this view ({what}). Try again.", what=type(exc).__name__)

    @rx.event
    @staff_only
    async def refresh(self):
        self.loading, self.error = True, ""
        yield
        try:
            await self._load()
        except Exception as exc:  # any failure: an error state with a retry, never a blank page
            self._fail(exc)
        finally:
            self.loading = False


# --- Dashboard ----------------------------------------------------------------------------


class DashboardState(_ViewState, AdminState):
    orders_today: str = ""
    orders_week: str = ""
    started: str = ""
    agreed: str = ""
    deal_rate: str = ""
    average_discount: str = ""
    total_discount: str = ""
    open_alerts: str = ""
    chart: list[dict[str, Any]] = []
    currencies: list[str] = []

    async def _load(self) -> None:
        from staff import dashboard

        t = gettext(self.lang)
        tz = dashboard.store_timezone()
        now = datetime.now(UTC)
        today = now.astimezone(tz).date()
        since = datetime.combine(today - timedelta(days=dashboard.DEFAULT_DAYS - 1), datetime.min.time(), tz)
        facts = await dashboard.negotiation_facts(since)
        summary = dashboard.summarize(facts, today=today, days=dashboard.DEFAULT_DAYS, tz=tz)
        self.started, self.agreed = str(summary.started), str(summary.agreed)
        self.deal_rate = f"{summary.deal_rate} %" if summary.deal_rate is not None else "—"
        self.average_discount = money_by_currency(summary.average_discount, self.lang)
        self.total_discount = money_by_currency(summary.total_discount, self.lang)
        self.currencies = sorted({c for p in summary.days for c in p.discount} | set(summary.total_discount))
        self.chart = [
            {
                "day": p.day.strftime("%m-%d"),
                t("Started"): p.started,
                t("Agreed"): p.agreed,
                # floats only for the chart's axis; figures above are exact Decimals
                **{c.upper(): float(p.discount.get(c, Decimal(0))) for c in ("cad", "usd", *self.currencies)},
            }
            for p in summary.days
        ]
        self.open_alerts = await _open_alerts()
        client = await sessions.admin_client(self.session_id)
        if client is not None:
            counts = await dashboard.order_counts(client)
            self.orders_today, self.orders_week = str(counts.today), str(counts.week)


async def _open_alerts() -> str:
    try:
        from jobs import alerts  # type: ignore[attr-defined]
    except ImportError:
        return "—"
    import db

    def count() -> int:
        with db.session() as s:
            return len(alerts.list_alerts(s, status="open", limit=1000))

    return str(await asyncio.to_thread(count))


# --- Ingestion ----------------------------------------------------------------------------


class IngestState(_ViewState, AdminState):
    runs: list[RunView] = []
    rows: list[RowView] = []
    selected_run: int = 0
    selected_status: str = ""
    importing: bool = False
    progress_done: int = 0
    progress_total: int = 0
    import_label: str = ""
    sheet_error: str = ""
    sheets: list[SheetView] = []
    sheets_note: str = ""
    schedule_error: str = ""
    schedule_message: str = ""
    product_errors: dict[str, str] = {}
    product_message: str = ""
    pictures: list[str] = []
    saving_product: bool = False
    _pictures: list[tuple[str, bytes]] = []
    _upload_name: str = ""
    _upload_data: bytes = b""

    @rx.var
    def progress_percent(self) -> int:
        if self.progress_total <= 0:
            return 0
        return min(100, int(self.progress_done * 100 / self.progress_total))

    async def _load_runs(self) -> None:
        from jobs import runs

        tz = _tz()
        found = await asyncio.to_thread(runs.recent_runs, 30)
        self.runs = [run_view(r, tz, self.lang) for r in found if r.job.startswith("ingest")]

    async def _load_sheets(self) -> None:
        import db
        from jobs import schedules
        from jobs.ingest.sheet_schedule import stored_sheets
        from jobs.settings import JobsSettings, parse_schedule

        tz = _tz()
        settings = JobsSettings()

        def read():
            with db.session() as s:
                stored = stored_sheets(s)
            job = next(
                (j for j in schedules.list_schedules() if j.job == "ingest-sheets" and j.trigger), None
            )
            return stored, job, schedules.scheduler_active()

        stored, job, active = await asyncio.to_thread(read)
        self.sheets = sheet_views(settings.sheets, stored, tz, self.lang)
        try:
            scheduled = parse_schedule(settings.ingest_sheets_schedule, settings.tz) is not None
        except ValueError:
            scheduled = False
        schedule = f"{settings.ingest_sheets_schedule} ({settings.timezone})" if scheduled else ""
        self.sheets_note = sheets_schedule_note(schedule, job, active, tz, self.lang)

    async def _load(self) -> None:
        await self._load_runs()
        await self._load_sheets()

    @rx.event
    @staff_only
    async def show_run(self, run_id: int):
        from jobs import runs

        try:
            run_id = int(run_id)
        except (TypeError, ValueError):
            return
        found = await asyncio.to_thread(runs.run_rows, run_id)
        self.rows = [row_view(r, self.lang) for r in found]
        self.selected_run = run_id
        status = next((r.status_label for r in self.runs if r.id == run_id), "")
        self.selected_status = status

    @rx.event
    @staff_only
    async def upload_csv(self, files: list[rx.UploadFile]):
        t = gettext(self.lang)
        self.message, self.error = "", ""
        if self.importing:
            self.error = t("An import is already running in this tab.")
            return None
        if not files:
            self.error = t("Choose a CSV file first.")
            return None
        upload = files[0]
        data = await upload.read()
        name = os.path.basename(upload.name or "upload.csv")
        if not name.lower().endswith(".csv"):
            self.error = t("Only .csv files can be imported.")
            return None
        if len(data) > MAX_UPLOAD_BYTES:
            self.error = t("The file is larger than {mb} MB.", mb=MAX_UPLOAD_BYTES // (1024 * 1024))
            return None
        self._upload_name, self._upload_data = name, data
        self.importing, self.progress_done, self.progress_total = True, 0, 0
        self.import_label = name
        return IngestState.run_import

    @rx.event
    @staff_only
    async def import_sheet(self, form: dict):
        from jobs.ingest.sources import staff_sheet_link

        t = gettext(self.lang)
        url = staff_sheet_link(str(form.get("sheet_url", "")))
        self.sheet_error = ""
        if url is None:
            self.sheet_error = t("Enter the link of a Google Sheet shared with anyone who has the link.")
            return None
        if self.importing:
            self.sheet_error = t("An import is already running in this tab.")
            return None
        self._upload_name, self._upload_data = url, b""
        self.importing, self.progress_done, self.progress_total = True, 0, 0
        self.import_label = url
        return IngestState.run_import

    @rx.event
    @staff_only
    async def schedule_sheet(self, form: dict):
        """Add a sheet to the ingest-sheets schedule (recorded with who added it)."""
        import db
        from jobs.ingest.sheet_schedule import NotASheet, add_sheet
        from jobs.ingest.sources import sheet_key, staff_sheet_link
        from jobs.settings import JobsSettings

        t = gettext(self.lang)
        self.schedule_error, self.schedule_message = "", ""
        url = staff_sheet_link(str(form.get("schedule_url", "")))
        if url is None:
            self.schedule_error = t("Enter the link of a Google Sheet shared with anyone who has the link.")
            return None
        if sheet_key(url) in {sheet_key(ref) for ref in JobsSettings().sheets}:
            self.schedule_message = t("This sheet is already on the schedule (server settings).")
            return None
        who = current_staff().email

        def write():
            with db.session() as s:
                return add_sheet(s, url, by=who)

        try:
            _, added = await asyncio.to_thread(write)
        except NotASheet:
            self.schedule_error = t("Enter the link of a Google Sheet shared with anyone who has the link.")
            return None
        log.info("staff %s scheduled the sheet %s", who, url)
        self.schedule_message = (
            t("Sheet added to the schedule.") if added else t("This sheet is already on the schedule.")
        )
        await self._load_sheets()
        return rx.set_value("schedule-url", "")

    @rx.event
    @staff_only
    async def unschedule_sheet(self, sheet_id: int):
        import db
        from jobs.ingest.sheet_schedule import remove_sheet

        t = gettext(self.lang)
        self.schedule_error, self.schedule_message = "", ""
        who = current_staff().email
        try:
            sheet_id = int(sheet_id)
        except (TypeError, ValueError):
            return None

        def write():
            with db.session() as s:
                return remove_sheet(s, sheet_id, by=who)

        if await asyncio.to_thread(write):
            log.info("staff %s removed scheduled sheet %d", who, sheet_id)
            self.schedule_message = t("Sheet removed from the schedule.")
        else:
            self.schedule_error = t("This sheet is no longer on the schedule.")
        await self._load_sheets()

    @rx.event
    @staff_only
    async def attach_pictures(self, files: list[rx.UploadFile]):
        from jobs.ingest.form import MAX_FILE_BYTES, MAX_FILES

        t = gettext(self.lang)
        self.product_errors = {k: v for k, v in self.product_errors.items() if k != "pictures"}
        for upload in files:
            data = await upload.read()
            name = os.path.basename(upload.name or "picture")
            if len(data) > MAX_FILE_BYTES:
                self.product_errors = {
                    **self.product_errors,
                    "pictures": t("{name} is too large.", name=name),
                }
                continue
            if sum(len(d) for _, d in self._pictures) + len(data) > MAX_PICTURES_BYTES:
                self.product_errors = {
                    **self.product_errors,
                    "pictures": t("{name} is too large.", name=name),
                }
                continue
            if len(self._pictures) >= MAX_FILES:
                self.product_errors = {
                    **self.product_errors,
                    "pictures": t("At most {n} pictures.", n=MAX_FILES),
                }
                break
            self._pictures = [*self._pictures, (name, data)]
        self.pictures = [name for name, _ in self._pictures]

    @rx.event
    @staff_only
    async def clear_pictures(self):
        self._pictures, self.pictures = [], []

    @rx.event
    @staff_only
    async def save_product(self, form: dict):
        from jobs.ingest.form import FormRejected, ingest_form
        from staff.product_form import product_fields

        t = gettext(self.lang)
        fields, errors = product_fields(form, self.lang)
        self.product_errors, self.product_message = errors, ""
        if errors:
            return
        who = current_staff().email
        pictures = list(self._pictures)
        self.saving_product = True
        yield
        try:
            outcome = await asyncio.to_thread(ingest_form, fields, pictures, who)
        except FormRejected as exc:
            self.product_errors = {"form": str(exc)}
            return
        except Exception as exc:
            log.exception("admin product form failed")
            self.product_errors = {"form": t("The import could not run: {error}", error=type(exc).__name__)}
            return
        finally:
            self.saving_product = False
        self.product_message = t(
            "Product form imported: {status}.", status=status_label(outcome.status, self.lang)
        )
        if outcome.status in ("succeeded",):
            self._pictures, self.pictures = [], []
        await self._load_runs()
        yield IngestState.show_run(outcome.run_id)

    @rx.event(background=True)
    @staff_only(background=True)
    async def run_import(self):
        from jobs.runner import execute

        async with self:
            name, data = self._upload_name, self._upload_data
            self._upload_name, self._upload_data = "", b""
            lang = self.lang
        if not name:
            async with self:
                self.importing = False
            return
        progress = {"done": 0, "total": 0}

        def on_progress(done: int, total: int) -> None:
            progress["done"], progress["total"] = done, total

        kwargs: dict[str, Any] = {"data": data} if data else {}
        task = asyncio.create_task(
            asyncio.to_thread(
                execute,
                "ingest",
                trigger="admin",
                source=name,
                progress=on_progress,
                stop=threading.Event(),
                **kwargs,
            )
        )
        while not task.done():
            await asyncio.sleep(0.3)
            async with self:
                self.progress_done, self.progress_total = progress["done"], progress["total"]
        t = gettext(lang)
        try:
            outcome = task.result()
        except Exception as exc:
            log.exception("admin import failed")
            async with self:
                self.importing = False
                self.error = t("The import could not run: {error}", error=type(exc).__name__)
            return
        async with self:
            self.importing = False
            self.progress_done = self.progress_total = max(progress["total"], progress["done"])
            self.message = t("Import finished: {status}.", status=status_label(outcome.status, lang))
            await self._load_runs()
        yield IngestState.show_run(outcome.run_id)


# --- Negotiations and rules ---------------------------------------------------------------


@dataclasses.dataclass
class RuleRowView:
    level: str = ""
    target: str = ""
    enabled: str = ""
    floor: str = ""
    mode: str = ""
    max_rounds: str = ""
    validity: str = ""
    updated: str = ""


class NegotiationsState(_ViewState, AdminState):
    negotiations: list[NegotiationView] = []
    filter_product: str = ""
    filter_outcome: str = ""
    filter_from: str = ""
    filter_to: str = ""
    transcript: list[dict[str, str]] = []
    transcript_id: str = ""
    rules: list[RuleRowView] = []
    rule_form: dict[str, str] = {}
    form_version: int = 0
    rule_errors: dict[str, str] = {}
    rule_message: str = ""
    preview_handle: str = ""
    preview: list[dict[str, str]] = []
    preview_error: str = ""
    # The rule a Delete button asked about: deleted only when staff confirm in the dialog.
    confirm_open: bool = False
    confirm_text: str = ""
    _pending_delete: tuple[str, str] = ("", "")

    async def _load_list(self) -> None:
        from staff import negotiations

        tz = _tz()
        filters = negotiations.Filters(
            product=self.filter_product,
            outcome=self.filter_outcome if self.filter_outcome in negotiations.OUTCOMES else "",
            date_from=negotiations.parse_day(self.filter_from),
            date_to=negotiations.parse_day(self.filter_to),
        )
        rows = await negotiations.list_negotiations(filters, tz)
        used: dict[str, bool] = {}
        codes = [r.promo_code for r in rows if r.promo_code]
        if codes:
            client = await sessions.admin_client(self.session_id)
            if client is not None:
                try:
                    used = await negotiations.promo_usage(client, codes)
                except MedusaError as exc:
                    log.warning("promotion usage unavailable: %s", exc)
        now = datetime.now(UTC)
        self.negotiations = [
            negotiation_view(
                r,
                negotiations.outcome_of(r, now),
                used.get(r.promo_code) if r.promo_code else None,
                tz,
                self.lang,
            )
            for r in rows
        ]

    async def _load_rules(self) -> None:
        import db
        from assistant.rule_store import list_rules

        tz = _tz()
        t = gettext(self.lang)

        def read():
            with db.session() as s:
                rows = list_rules(s)
                for r in rows:
                    s.expunge(r)
                return rows

        rows = await asyncio.to_thread(read)
        self.rules = [
            RuleRowView(
                level=r.level,
                target=r.target,
                enabled="" if r.enabled is None else (t("on") if r.enabled else t("off")),
                floor=(
                    f"{plain(r.floor_percent)} %"
                    if r.floor_percent is not None
                    else " · ".join(
                        format_money(Decimal(v), c, self.lang) for c, v in (r.floor_amounts or {}).items()
                    )
                ),
                mode=t(r.mode) if r.mode else "",
                max_rounds=str(r.max_rounds or ""),
                validity=f"{r.deal_validity_hours} h" if r.deal_validity_hours else "",
                updated=f"{local_time(r.updated_at, tz)} · {r.updated_by}",
            )
            for r in rows
        ]

    async def _load(self) -> None:
        await self._load_list()
        await self._load_rules()

    @rx.event
    @staff_only
    async def apply_filters(self, form: dict):
        self.filter_product = str(form.get("product", "")).strip()[:100]
        self.filter_outcome = str(form.get("outcome", ""))
        self.filter_from = str(form.get("from", ""))
        self.filter_to = str(form.get("to", ""))
        try:
            await self._load_list()
        except Exception as exc:
            self._fail(exc)

    @rx.event
    @staff_only
    async def show_transcript(self, negotiation_id: str):
        from assistant import service

        try:
            view = await service.get(negotiation_id)
        except service.NegotiationNotFound:
            self.transcript, self.transcript_id = [], ""
            return
        tz = _tz()
        self.transcript_id = view.negotiation_id
        self.transcript = [
            {"role": m.role, "text": m.text, "time": local_time(m.created_at, tz)} for m in view.messages
        ]

    @rx.event
    @staff_only
    async def edit_rule(self, level: str, target: str):
        from sqlmodel import select

        import db
        from assistant.models import RuleRow

        def read():
            with db.session() as s:
                return s.exec(select(RuleRow).where(RuleRow.level == level, RuleRow.target == target)).first()

        row = await asyncio.to_thread(read)
        form = {"level": level, "target": target}
        if row is not None:
            form["enabled"] = "inherit" if row.enabled is None else ("on" if row.enabled else "off")
            if row.floor_percent is not None:
                form["floor_kind"], form["floor_percent"] = "percent", plain(row.floor_percent)
            elif row.floor_amounts:
                form["floor_kind"] = "amount"
                for c, v in row.floor_amounts.items():
                    form[f"floor_{c}"] = str(v)
            else:
                form["floor_kind"] = "inherit"
            form["mode"] = row.mode or "inherit"
            form["max_rounds"] = str(row.max_rounds or "")
            form["deal_validity_hours"] = str(row.deal_validity_hours or "")
        self.rule_form, self.rule_errors, self.rule_message = form, {}, ""
        self.form_version += 1

    @rx.event
    @staff_only
    async def set_rule_field(self, name: str, value: str):
        if name in RULE_FORM_FIELDS:
            self.rule_form = {**self.rule_form, name: str(value)[:200]}

    @rx.event
    @staff_only
    async def new_rule(self):
        self.rule_form = {"level": "product", "floor_kind": "percent", "enabled": "on", "mode": "inherit"}
        self.rule_errors, self.rule_message = {}, ""
        self.form_version += 1

    @rx.event
    @staff_only
    async def save_rule(self, form: dict):
        import db
        from assistant.rule_store import set_rule
        from assistant.rules import RuleError
        from staff.rules_form import floor_above_list_errors, parse_rule_form

        t = gettext(self.lang)
        self.rule_form = {k: str(v) for k, v in form.items()}
        parsed, errors = parse_rule_form(form, self.lang)
        if (
            parsed is not None
            and parsed.changes.get("floor_amounts")
            and parsed.level in ("product", "variant")
        ):
            try:
                prices = await _list_prices(parsed.level, parsed.target)
            except MedusaError:
                prices = {}
            if parsed.level == "product" and not prices:
                errors["target"] = t("No product with this handle.")
            errors.update(floor_above_list_errors(parsed.changes["floor_amounts"], prices, self.lang))
        self.rule_errors = errors
        self.rule_message = ""
        if errors or parsed is None:
            return
        who = current_staff().email

        def write():
            with db.session() as s:
                set_rule(s, parsed.level, parsed.target, parsed.changes, by=who)

        try:
            await asyncio.to_thread(write)
        except RuleError as exc:
            self.rule_errors = {"form": str(exc)}
            return
        self.rule_message = t("Rule saved.")
        await self._load_rules()
        if parsed.level in ("product",) and parsed.target:
            self.preview_handle = parsed.target
            await self._preview()

    @rx.event
    @staff_only
    async def ask_delete_rule(self, level: str, target: str):
        """Open the confirmation dialog for one rule (nothing is deleted yet)."""
        t = gettext(self.lang)
        level, target = str(level)[:16], str(target)[:200]
        if not any(r.level == level and r.target == target for r in self.rules):
            return
        self._pending_delete = (level, target)
        self.confirm_text = (
            t("Delete the store-wide rule?")
            if level == "store"
            else t("Delete the rule for {target} ({level})?", target=target, level=t(RULE_LEVELS[level]))
        )
        self.confirm_open = True

    @rx.event
    @staff_only
    async def set_confirm_open(self, is_open: bool):
        """The dialog closed itself (Escape, Cancel): forget the rule it asked about."""
        if not is_open:
            self.confirm_open, self._pending_delete = False, ("", "")

    @rx.event
    @staff_only
    async def confirm_delete_rule(self):
        import db
        from assistant.rule_store import delete_rule

        level, target = self._pending_delete
        self.confirm_open, self._pending_delete = False, ("", "")
        if not level:
            return
        who = current_staff().email

        def remove():
            with db.session() as s:
                return delete_rule(s, level, target, by=who)

        await asyncio.to_thread(remove)
        t = gettext(self.lang)
        self.rule_message = t("Rule deleted.")
        await self._load_rules()

    @rx.event
    @staff_only
    async def preview_product(self, form: dict):
        self.preview_handle = str(form.get("handle", "")).strip()[:200]
        await self._preview()

    async def _preview(self) -> None:
        t = gettext(self.lang)
        self.preview, self.preview_error = [], ""
        if not self.preview_handle:
            return
        try:
            rows = await _preview_rows(self.preview_handle, self.lang)
        except MedusaError as exc:
            self.preview_error = t(
                "Could not read this product from Medusa ({error}).", error=type(exc).__name__
            )
            return
        if not rows:
            self.preview_error = t("No product with this handle.")
        self.preview = rows


async def _list_prices(level: str, target: str) -> dict[str, list[Decimal]]:
    """List prices per currency of what a product (handle) or variant (SKU) rule targets."""
    from catalog.source import medusa

    client = medusa()
    prices: dict[str, list[Decimal]] = {}
    if level == "product":
        from catalog import navigation

        for region in await navigation.regions():
            page = await client.store.product.list(handle=target, region_id=region.id, limit=1)
            for product in page.items:
                for variant in product.variants:
                    if variant.price is not None:
                        prices.setdefault(variant.price.currency_code.lower(), []).append(
                            variant.price.amount
                        )
    else:
        from jobs.medusa_admin import admin_medusa

        async with admin_medusa() as admin:
            page = await admin.admin.product_variant.list(sku=target, fields="id,sku,*prices")
            for variant in page.items:
                for price in variant.prices:
                    prices.setdefault(price.currency_code, []).append(price.amount)
    return prices


async def _preview_rows(handle: str, lang: str) -> list[dict[str, str]]:
    import db
    from assistant.rule_store import load_rules
    from assistant.service import _subject
    from catalog import navigation
    from catalog.source import medusa
    from staff.rules_form import preview_rows

    rules = await asyncio.to_thread(lambda: _load_rules_sync(db, load_rules))
    items = []
    regions = await navigation.regions()
    home = navigation.default_region(regions).id if regions else ""
    # The store's home region (Canada in the demo) first, whatever order Medusa lists them in.
    for region in sorted(regions, key=lambda r: r.id != home):
        page = await medusa().store.product.list(handle=handle, region_id=region.id, limit=1)
        for product in page.items:
            for variant in product.variants:
                if variant.price is not None:
                    label = variant.title or variant.sku or variant.id
                    items.append(
                        (_subject(product, variant), label, variant.price.amount, variant.price.currency_code)
                    )
    return [{k: str(v) for k, v in vars(row).items()} for row in preview_rows(rules, items, lang)]


def _load_rules_sync(db, load_rules):
    with db.session() as s:
        return load_rules(s)


# --- Jobs ---------------------------------------------------------------------------------


@dataclasses.dataclass
class ScheduleView:
    job: str = ""
    title: str = ""
    trigger: str = ""
    next_run: str = ""
    paused: bool = False
    scheduled: bool = False
    running: bool = False
    last_status: str = ""
    last_status_label: str = ""
    last_run: str = ""


def _schedule_text(spec, settings) -> str:
    """The schedule as configured ("*/15 * * * *" or "every 1h") with the store's timezone."""
    try:
        return f"{spec.schedule(settings)} ({settings.timezone})"
    except Exception:
        return ""


class JobsState(_ViewState, AdminState):
    schedules: list[ScheduleView] = []
    runs: list[RunView] = []
    scheduler_active: bool = False
    running_job: str = ""

    async def _load(self) -> None:
        from jobs import runs, schedules
        from jobs.registry import JOBS
        from jobs.settings import JobsSettings

        tz = _tz()
        settings = JobsSettings()

        def read():
            return (
                schedules.list_schedules(),
                runs.recent_runs(40),
                schedules.scheduler_active(),
                schedules.running_groups(),
            )

        found, recent, active, busy = await asyncio.to_thread(read)
        last = {}
        for run in recent:
            last.setdefault(run.job, run)
        self.schedules = [
            ScheduleView(
                job=s.job,
                title=job_title(s.job, JOBS[s.job].title, self.lang),
                trigger=_schedule_text(JOBS[s.job], settings) if s.trigger else "",
                next_run=local_time(s.next_run, tz),
                paused=s.paused,
                scheduled=bool(s.trigger),
                running=JOBS[s.job].lock_group in busy
                and last.get(s.job) is not None
                and last[s.job].status == "running",
                last_status=last[s.job].status if s.job in last else "",
                last_status_label=status_label(last[s.job].status, self.lang) if s.job in last else "",
                last_run=local_time(last[s.job].started_at, tz) if s.job in last else "",
            )
            for s in found
        ]
        self.runs = [run_view(r, tz, self.lang) for r in recent]
        self.scheduler_active = active

    @rx.event
    @staff_only
    async def pause(self, job: str):
        from jobs import schedules

        await asyncio.to_thread(schedules.pause, job)
        t = gettext(self.lang)
        self.message = t("Paused {job}.", job=job)
        log.info("staff %s paused %s", current_staff().email, job)
        await self._load()

    @rx.event
    @staff_only
    async def resume(self, job: str):
        from jobs import schedules

        await asyncio.to_thread(schedules.resume, job)
        t = gettext(self.lang)
        self.message = t("Resumed {job}.", job=job)
        log.info("staff %s resumed %s", current_staff().email, job)
        await self._load()

    @rx.event
    @staff_only
    async def run_now(self, job: str):
        from jobs.registry import JOBS

        if job not in JOBS or job == "ingest" or self.running_job:
            return None
        self.running_job = job
        t = gettext(self.lang)
        self.message = t("Started {job}.", job=job)
        log.info("staff %s started %s", current_staff().email, job)
        return JobsState.run_job

    @rx.event(background=True)
    @staff_only(background=True)
    async def run_job(self):
        async with self:
            job = self.running_job
        if job:
            await _run_for_staff(self, job, lambda: setattr(self, "running_job", ""))


async def _run_for_staff(state, job: str, done) -> None:
    """Body of a background "run now": the job runs in a thread (recorded with trigger "admin"),
    then the view says how it went and reloads; `done()` clears the view's busy flag."""
    from jobs.runner import execute

    async with state:
        lang = state.lang
    t = gettext(lang)
    try:
        outcome = await asyncio.to_thread(execute, job, trigger="admin", stop=threading.Event())
        text = t("{job}: {status}.", job=job, status=status_label(outcome.status, lang))
    except Exception as exc:
        log.exception("admin run of %s failed", job)
        text = t("{job} could not run: {error}", job=job, error=type(exc).__name__)
    async with state:
        done()
        state.message = text
        await state._load()


# --- Inventory and index (their modules come from the inventory and index work) -----------


@dataclasses.dataclass
class AlertView:
    id: int = 0
    kind: str = ""
    kind_label: str = ""
    subject: str = ""
    message: str = ""
    status: str = ""
    status_label: str = ""
    created: str = ""
    handled: str = ""  # who acknowledged / resolved it, and when


class InventoryState(_ViewState, AdminState):
    alerts: list[AlertView] = []
    kind: str = ""
    status: str = "open"
    last_sync: str = ""
    last_sync_status: str = ""
    last_sync_status_label: str = ""
    last_sync_counts: str = ""
    sync_available: bool = False
    syncing: bool = False

    async def _load(self) -> None:
        import db
        from jobs import alerts, runs
        from jobs.alert_rules import KINDS
        from jobs.registry import JOBS

        tz = _tz()
        t = gettext(self.lang)
        kind = self.kind if self.kind in KINDS else None
        status = self.status if self.status in alerts.STATUSES else None

        def read():
            with db.session() as s:
                return alerts.list_alerts(s, kind=kind, status=status), runs.recent_runs(
                    1, job="inventory-sync"
                )

        found, last = await asyncio.to_thread(read)
        self.alerts = [
            AlertView(
                id=a.id,
                kind=a.kind,
                kind_label=t(ALERT_KINDS.get(a.kind, a.kind)),
                subject=a.product_handle or a.sku or a.subject,
                message=a.message,
                status=a.status,
                status_label=status_label(a.status, self.lang),
                created=local_time(a.created_at, tz),
                handled=" · ".join(
                    x
                    for x in (
                        f"{a.acknowledged_by} {local_time(a.acknowledged_at, tz)}"
                        if a.acknowledged_by
                        else "",
                        f"{a.resolved_by} {local_time(a.resolved_at, tz)}" if a.resolved_by else "",
                    )
                    if x
                ),
            )
            for a in found
        ]
        self.sync_available = "inventory-sync" in JOBS
        if last:
            view = run_view(last[0], tz, self.lang)
            self.last_sync, self.last_sync_status = view.started, view.status
            self.last_sync_status_label, self.last_sync_counts = view.status_label, view.counts
        else:
            self.last_sync = self.last_sync_status = self.last_sync_status_label = self.last_sync_counts = ""

    @rx.event
    @staff_only
    async def filter(self, form: dict):
        self.kind = str(form.get("kind", ""))[:32]
        self.status = str(form.get("status", ""))[:16]
        try:
            await self._load()
        except Exception as exc:
            self._fail(exc)

    async def _change(self, alert_id: int, action: str) -> None:
        import db
        from jobs import alerts

        who = current_staff().email
        t = gettext(self.lang)

        def write():
            with db.session() as s:
                (alerts.acknowledge if action == "acknowledge" else alerts.resolve)(s, int(alert_id), by=who)

        try:
            await asyncio.to_thread(write)
        except (alerts.AlertNotFound, ValueError, TypeError):
            self.error = t("This alert no longer exists.")
            return
        self.message = t("Alert acknowledged.") if action == "acknowledge" else t("Alert resolved.")
        await self._load()

    @rx.event
    @staff_only
    async def acknowledge(self, alert_id: int):
        await self._change(alert_id, "acknowledge")

    @rx.event
    @staff_only
    async def resolve(self, alert_id: int):
        await self._change(alert_id, "resolve")

    @rx.event
    @staff_only
    async def sync_now(self):
        from jobs.registry import JOBS

        if "inventory-sync" not in JOBS or self.syncing:
            return None
        self.syncing = True
        log.info("staff %s started inventory-sync", current_staff().email)
        return InventoryState.run_sync

    @rx.event(background=True)
    @staff_only(background=True)
    async def run_sync(self):
        await _run_for_staff(self, "inventory-sync", lambda: setattr(self, "syncing", False))


class IndexState(_ViewState, AdminState):
    documents: list[dict[str, str]] = []
    embedder: str = ""
    backend: str = ""
    last_refresh: str = ""
    last_run_status: str = ""
    last_run_status_label: str = ""
    last_run_counts: str = ""
    refreshing: bool = False
    query: str = ""
    query_lang: str = "en"
    hits: list[dict[str, str]] = []
    query_error: str = ""
    searched: bool = False

    async def _load(self) -> None:
        from assistant import knowledge
        from jobs import runs

        tz = _tz()
        status = await asyncio.to_thread(knowledge.index_status)
        self.documents = [
            {"lang": lang.upper(), "count": str(n)} for lang, n in sorted(status.documents.items())
        ]
        self.embedder, self.backend = status.embedder, status.backend
        self.last_refresh = local_time(status.last_refresh, tz)
        last = await asyncio.to_thread(runs.recent_runs, 1, "refresh-index")
        if last:
            view = run_view(last[0], tz, self.lang)
            self.last_run_status, self.last_run_status_label = view.status, view.status_label
            self.last_run_counts = view.counts

    @rx.event
    @staff_only
    async def test_query(self, form: dict):
        from assistant import knowledge

        t = gettext(self.lang)
        self.query = str(form.get("query", "")).strip()[:500]
        self.query_lang = "fr" if form.get("query_lang") == "fr" else "en"
        self.hits, self.query_error, self.searched = [], "", False
        if not self.query:
            self.query_error = t("Type a question or a few words.")
            return
        try:
            hits = await knowledge.search_async(self.query, self.query_lang, 5)
        except knowledge.BadQuery as exc:
            self.query_error = str(exc)
            return
        except Exception as exc:
            log.warning("admin test query failed: %s", exc)
            self.query_error = t("The index could not answer ({error}).", error=type(exc).__name__)
            return
        self.searched = True
        self.hits = [
            {"handle": h.handle, "title": h.title, "lang": h.lang, "score": f"{h.score:.3f}"} for h in hits
        ]

    @rx.event
    @staff_only
    async def refresh_now(self):
        from jobs.registry import JOBS

        if "refresh-index" not in JOBS or self.refreshing:
            return None
        self.refreshing = True
        log.info("staff %s started refresh-index", current_staff().email)
        return IndexState.run_refresh

    @rx.event(background=True)
    @staff_only(background=True)
    async def run_refresh(self):
        await _run_for_staff(self, "refresh-index", lambda: setattr(self, "refreshing", False))


VIEW_STATES: tuple[type[_ViewState], ...] = (
    DashboardState,
    IngestState,
    NegotiationsState,
    JobsState,
    InventoryState,
    IndexState,
)
