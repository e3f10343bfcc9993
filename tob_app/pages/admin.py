"""`/{lang}/admin`: the staff admin page. Compiled with empty state (no data in the HTML): every
figure arrives over the websocket after the server checked the staff session."""

from __future__ import annotations

import reflex as rx

from translations import LANGUAGE_NAMES, gettext

from ..components.confirm_dialog import confirm_dialog
from ..components.data_table import Column, cell, data_table
from ..components.forms import INPUT
from ..components.layout import connection_notice
from ..state.admin import (
    AdminState,
    DashboardState,
    IndexState,
    IngestState,
    InventoryState,
    JobsState,
    NegotiationsState,
)

FOCUS = " focus:outline-none focus:ring-2 focus:ring-amber-500"
BUTTON = "rounded bg-stone-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50" + FOCUS
SECONDARY = "rounded border border-stone-300 bg-white px-3 py-1.5 text-sm hover:bg-stone-100" + FOCUS
LINK_BUTTON = "text-sm text-stone-800 underline hover:text-stone-600" + FOCUS
CARD = "rounded border border-stone-200 bg-white p-4"


def _alert(text, tone: str = "red") -> rx.Component:
    colours = {
        "red": "bg-red-50 text-red-800",
        "green": "bg-green-50 text-green-800",
        "amber": "bg-amber-50 text-amber-900",
    }[tone]
    return rx.cond(
        text != "",
        rx.el.p(
            text, role="alert" if tone == "red" else "status", class_name=f"rounded p-2 text-sm {colours}"
        ),
    )


def _loading(state, lang: str) -> rx.Component:
    t = gettext(lang)
    return rx.el.div(
        rx.cond(state.loading, rx.el.p(t("Loading…"), role="status", class_name="text-sm text-stone-500")),
        rx.cond(
            state.error != "",
            rx.el.div(
                rx.el.p(state.error),
                rx.el.button(t("Try again"), on_click=state.refresh, class_name=SECONDARY + " mt-2"),
                role="alert",
                class_name="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900",
            ),
        ),
        _alert(state.message, "green"),
    )


def _status_badge(status, label) -> rx.Component:
    return rx.cond(status != "", _badge(status, label))


def _badge(status, label) -> rx.Component:
    return rx.el.span(
        label,
        class_name=rx.match(
            status,
            ("succeeded", "rounded bg-green-100 px-1.5 text-xs text-green-900"),
            ("created", "rounded bg-green-100 px-1.5 text-xs text-green-900"),
            ("updated", "rounded bg-sky-100 px-1.5 text-xs text-sky-900"),
            ("agreed", "rounded bg-green-100 px-1.5 text-xs text-green-900"),
            ("error", "rounded bg-red-100 px-1.5 text-xs text-red-900"),
            ("failed", "rounded bg-red-100 px-1.5 text-xs text-red-900"),
            ("partial", "rounded bg-amber-100 px-1.5 text-xs text-amber-900"),
            ("running", "rounded bg-blue-100 px-1.5 text-xs text-blue-900"),
            "rounded bg-stone-100 px-1.5 text-xs text-stone-700",
        ),
        data_status=status,
    )


# --- sign-in --------------------------------------------------------------------------------


def _sign_in(lang: str) -> rx.Component:
    t = gettext(lang)
    return rx.el.form(
        rx.el.h1(t("Staff sign-in"), class_name="text-xl font-semibold"),
        rx.el.p(t("Sign in with your store staff account."), class_name="text-sm text-stone-600"),
        _alert(AdminState.notice, "amber"),
        _alert(AdminState.sign_in_error),
        rx.el.div(
            rx.el.label(t("Email"), html_for="admin-email", class_name="block text-sm font-medium"),
            rx.el.input(
                id="admin-email",
                name="email",
                type="email",
                auto_complete="username",
                required=True,
                class_name=INPUT,
            ),
        ),
        rx.el.div(
            rx.el.label(t("Password"), html_for="admin-password", class_name="block text-sm font-medium"),
            rx.el.input(
                id="admin-password",
                name="password",
                type="password",
                auto_complete="current-password",
                required=True,
                class_name=INPUT,
            ),
        ),
        rx.el.button(
            t("Sign in"),
            type="submit",
            disabled=AdminState.busy,
            class_name=BUTTON,
            data_testid="admin-sign-in",
        ),
        on_submit=AdminState.sign_in,
        reset_on_submit=False,
        class_name=CARD + " mx-auto mt-8 max-w-sm space-y-3",
        data_testid="admin-sign-in-form",
    )


# --- dashboard ------------------------------------------------------------------------------


def _figure(label: str, value, test_id: str) -> rx.Component:
    return rx.el.div(
        rx.el.dt(label, class_name="text-xs uppercase text-stone-500"),
        rx.el.dd(value, class_name="text-2xl font-semibold", data_testid=test_id),
        class_name=CARD,
    )


def _dashboard(lang: str) -> rx.Component:
    t = gettext(lang)
    s = DashboardState
    return rx.el.section(
        rx.el.h2(t("Dashboard"), class_name="text-lg font-semibold"),
        _loading(s, lang),
        rx.el.dl(
            _figure(t("Orders today"), s.orders_today, "orders-today"),
            _figure(t("Orders this week"), s.orders_week, "orders-week"),
            _figure(t("Negotiations started (14 days)"), s.started, "negotiations-started"),
            _figure(t("Deals agreed (14 days)"), s.agreed, "negotiations-agreed"),
            _figure(t("Deal rate"), s.deal_rate, "deal-rate"),
            _figure(t("Average discount"), s.average_discount, "average-discount"),
            _figure(t("Discount given in total"), s.total_discount, "total-discount"),
            _figure(t("Open alerts"), s.open_alerts, "open-alerts"),
            class_name="grid grid-cols-2 gap-3 md:grid-cols-4",
        ),
        rx.el.div(
            rx.el.figure(
                rx.el.figcaption(t("Negotiations and deals per day"), class_name="text-sm font-medium"),
                rx.recharts.bar_chart(
                    rx.recharts.cartesian_grid(stroke_dasharray="3 3"),
                    rx.recharts.x_axis(data_key="day"),
                    rx.recharts.y_axis(allow_decimals=False),
                    rx.recharts.legend(),
                    rx.recharts.graphing_tooltip(),
                    rx.recharts.bar(data_key=t("Started"), fill="#a8a29e"),
                    rx.recharts.bar(data_key=t("Agreed"), fill="#15803d"),
                    data=s.chart,
                    width="100%",
                    height=260,
                ),
                class_name=CARD,
            ),
            rx.el.figure(
                rx.el.figcaption(t("Discount given per day"), class_name="text-sm font-medium"),
                rx.recharts.line_chart(
                    rx.recharts.cartesian_grid(stroke_dasharray="3 3"),
                    rx.recharts.x_axis(data_key="day"),
                    rx.recharts.y_axis(),
                    rx.recharts.legend(),
                    rx.recharts.graphing_tooltip(),
                    rx.recharts.line(data_key="CAD", stroke="#b45309", type_="monotone"),
                    rx.recharts.line(data_key="USD", stroke="#1d4ed8", type_="monotone"),
                    data=s.chart,
                    width="100%",
                    height=260,
                ),
                class_name=CARD,
            ),
            class_name="mt-4 grid gap-4 lg:grid-cols-2",
        ),
        class_name="space-y-3",
        data_testid="view-dashboard",
    )


# --- ingestion ------------------------------------------------------------------------------


def _runs_table(lang: str, runs, on_select=None) -> rx.Component:
    t = gettext(lang)

    def row(r):
        first = (
            rx.el.button(
                "#" + r.id.to_string(),
                on_click=on_select(r.id),
                class_name=LINK_BUTTON,
                aria_label=t("Show the rows of run") + " " + r.id.to_string(),
            )
            if on_select is not None
            else rx.el.span("#" + r.id.to_string())
        )
        return [
            first,
            r.job,
            r.trigger,
            _status_badge(r.status, r.status_label),
            r.started,
            r.duration,
            r.counts,
            rx.fragment(
                rx.el.span(r.source, class_name="break-all"),
                rx.el.div(r.error, class_name="text-red-700"),
            ),
        ]

    return data_table(
        [
            t("Run"),
            t("Job"),
            t("Trigger"),
            t("Status"),
            t("Started at"),
            t("Duration"),
            t("Counts"),
            t("Source / error"),
        ],
        runs,
        row,
        test_id="runs-table",
        row_test_id="run-row",
        empty=t("No runs yet."),
    )


def _product_field(key: str, label: str, *, area: bool = False, hint: str = "") -> rx.Component:
    element_id = f"product-{key}"
    errors = IngestState.product_errors
    control = rx.el.textarea if area else rx.el.input
    return rx.el.div(
        rx.el.label(label, html_for=element_id, class_name="block text-sm font-medium"),
        control(
            id=element_id,
            name=key,
            aria_invalid=rx.cond(errors.contains(key), "true", "false"),
            aria_describedby=f"{element_id}-error",
            class_name=INPUT,
        ),
        rx.cond(hint != "", rx.el.p(hint, class_name="text-xs text-stone-500")),
        rx.el.p(errors.get(key, ""), id=f"{element_id}-error", class_name="text-sm text-red-700"),
    )


def _product_form(lang: str) -> rx.Component:
    t = gettext(lang)
    s = IngestState
    pictures_id = "product-pictures"
    return rx.el.div(
        rx.el.h3(t("Add one product"), class_name="font-medium"),
        rx.el.div(
            rx.upload.root(
                rx.el.div(
                    rx.el.p(t("Pictures: drop image files here, or choose them.")),
                    rx.el.button(t("Choose pictures"), type="button", class_name=SECONDARY + " mt-2"),
                    rx.foreach(
                        rx.selected_files(pictures_id), lambda f: rx.el.p(f, class_name="mt-1 text-sm")
                    ),
                    class_name="rounded border-2 border-dashed border-stone-300 p-3 text-center text-sm",
                ),
                id=pictures_id,
                accept={"image/*": [".jpg", ".jpeg", ".png", ".webp", ".gif"]},
                multiple=True,
                data_testid="pictures-dropzone",
            ),
            rx.el.button(
                t("Attach pictures"),
                on_click=[
                    s.attach_pictures(rx.upload_files(upload_id=pictures_id)),
                    rx.clear_selected_files(pictures_id),
                ],
                class_name=SECONDARY,
            ),
            rx.cond(
                s.pictures.length() > 0,
                rx.el.p(
                    t("Attached:") + " " + s.pictures.join(", ") + " ",
                    rx.el.button(t("Remove"), on_click=s.clear_pictures, class_name=LINK_BUTTON),
                    class_name="text-sm",
                    data_testid="attached-pictures",
                ),
            ),
            rx.el.p(s.product_errors.get("pictures", ""), class_name="text-sm text-red-700"),
            class_name="space-y-2",
        ),
        rx.el.form(
            _alert(s.product_errors.get("form", "")),
            _alert(s.product_message, "green"),
            rx.el.div(
                _product_field("handle", t("Handle"), hint=t("e.g. oak-desk-120")),
                _product_field("sku", t("SKU")),
                _product_field("condition", t("Condition grade"), hint=t("e.g. Like new, Good, Fair")),
                _product_field("title", t("Title (English)")),
                _product_field("title_fr", t("Title (French)")),
                _product_field("category", t("Category handle")),
                _product_field("description", t("Description (English)"), area=True),
                _product_field("description_fr", t("Description (French)"), area=True),
                _product_field("collection", t("Collection handle")),
                _product_field("price_cad", t("Price CAD")),
                _product_field("price_usd", t("Price USD")),
                _product_field("quantity", t("Quantity in stock")),
                _product_field("floor_price", t("Floor price CAD (never shown to shoppers)")),
                _product_field(
                    "image_urls",
                    t("Picture links (optional)"),
                    area=True,
                    hint=t("One https:// link per line"),
                ),
                class_name="grid gap-3 md:grid-cols-3",
            ),
            rx.el.button(
                rx.cond(s.saving_product, t("Importing…"), t("Add the product")),
                type="submit",
                disabled=s.saving_product,
                class_name=BUTTON,
                data_testid="product-submit",
            ),
            on_submit=s.save_product,
            class_name="space-y-3",
        ),
        class_name=CARD + " space-y-3",
        data_testid="product-form",
    )


def _scheduled_sheets(lang: str) -> rx.Component:
    """Google Sheets imported on the ingest-sheets schedule: the list, add one, remove one."""
    t = gettext(lang)
    s = IngestState
    return rx.el.div(
        rx.el.h3(t("Scheduled Google Sheets"), class_name="font-medium"),
        rx.el.p(s.sheets_note, class_name="text-sm text-stone-600", data_testid="sheets-note"),
        _alert(s.schedule_message, "green"),
        data_table(
            [t("Sheet"), t("Added by"), ""],
            s.sheets,
            lambda sheet: [
                rx.el.span(sheet.url, class_name="break-all"),
                sheet.added,
                rx.cond(
                    sheet.id != 0,
                    rx.el.button(
                        t("Remove"),
                        on_click=s.unschedule_sheet(sheet.id),
                        aria_label=t("Remove from the schedule:") + " " + sheet.url,
                        class_name=LINK_BUTTON,
                        data_testid="unschedule-sheet",
                    ),
                ),
            ],
            test_id="scheduled-sheets",
            row_test_id="scheduled-sheet",
            empty=t("No sheet is scheduled."),
        ),
        rx.el.form(
            rx.el.label(
                t("Add a sheet to the schedule (shared with anyone who has the link)"),
                html_for="schedule-url",
                class_name="block text-sm",
            ),
            rx.el.div(
                rx.el.input(
                    id="schedule-url",
                    name="schedule_url",
                    type="url",
                    class_name=INPUT + " flex-1",
                    aria_invalid=rx.cond(s.schedule_error != "", "true", "false"),
                    aria_describedby="schedule-url-error",
                ),
                rx.el.button(
                    t("Add to the schedule"),
                    type="submit",
                    class_name=BUTTON + " mt-1 whitespace-nowrap",
                    data_testid="schedule-sheet",
                ),
                class_name="flex flex-wrap items-start gap-2",
            ),
            rx.el.p(s.schedule_error, id="schedule-url-error", class_name="text-sm text-red-700"),
            on_submit=s.schedule_sheet,
            class_name="space-y-1",
        ),
        class_name=CARD + " space-y-2",
        data_testid="sheets-schedule",
    )


def _ingestion(lang: str) -> rx.Component:
    t = gettext(lang)
    s = IngestState
    upload_id = "csv-upload"
    return rx.el.section(
        rx.el.h2(t("Ingestion"), class_name="text-lg font-semibold"),
        _loading(s, lang),
        rx.el.div(
            rx.el.div(
                rx.el.h3(t("Upload a CSV file"), class_name="font-medium"),
                rx.upload.root(
                    rx.el.div(
                        rx.el.p(t("Drop a CSV file here, or choose one.")),
                        rx.el.button(t("Choose a file"), type="button", class_name=SECONDARY + " mt-2"),
                        rx.foreach(
                            rx.selected_files(upload_id),
                            lambda f: rx.el.p(f, class_name="mt-1 text-sm font-medium"),
                        ),
                        class_name="rounded border-2 border-dashed border-stone-300 p-4 text-center text-sm",
                    ),
                    id=upload_id,
                    accept={"text/csv": [".csv"]},
                    max_files=1,
                    data_testid="csv-dropzone",
                ),
                rx.el.button(
                    t("Import"),
                    on_click=s.upload_csv(rx.upload_files(upload_id=upload_id)),
                    disabled=s.importing,
                    class_name=BUTTON + " mt-2",
                    data_testid="csv-import",
                ),
                class_name=CARD + " space-y-2",
            ),
            rx.el.form(
                rx.el.h3(t("Import a Google Sheet now"), class_name="font-medium"),
                rx.el.label(
                    t("Link of a sheet shared with anyone who has the link"),
                    html_for="sheet-url",
                    class_name="block text-sm",
                ),
                rx.el.input(
                    id="sheet-url",
                    name="sheet_url",
                    type="url",
                    class_name=INPUT,
                    aria_describedby="sheet-url-error",
                ),
                rx.el.p(s.sheet_error, id="sheet-url-error", class_name="text-sm text-red-700"),
                rx.el.button(t("Import now"), type="submit", disabled=s.importing, class_name=BUTTON),
                on_submit=s.import_sheet,
                class_name=CARD + " space-y-2",
            ),
            class_name="grid gap-4 md:grid-cols-2",
        ),
        _scheduled_sheets(lang),
        _product_form(lang),
        rx.cond(
            s.importing,
            rx.el.div(
                rx.el.p(t("Importing") + " " + s.import_label + "…", class_name="text-sm"),
                rx.el.progress(
                    value=s.progress_done,
                    max=rx.cond(s.progress_total > 0, s.progress_total, 1),
                    aria_label=t("Import progress"),
                    class_name="w-full",
                ),
                rx.el.p(
                    s.progress_done.to_string() + " / " + s.progress_total.to_string(),
                    class_name="text-xs text-stone-500",
                ),
                role="status",
                data_testid="import-progress",
                class_name=CARD,
            ),
        ),
        rx.cond(
            s.selected_run != 0,
            rx.el.div(
                rx.el.h3(
                    t("Rows of run") + " #" + s.selected_run.to_string() + " — " + s.selected_status,
                    class_name="font-medium",
                ),
                rx.el.a(
                    t("Download the row report (CSV)"),
                    href="/api/admin/runs/" + s.selected_run.to_string() + "/rows.csv",
                    class_name="text-sm underline",
                ),
                data_table(
                    [t("Line"), t("Handle"), t("SKU"), t("Status"), t("Message")],
                    s.rows,
                    lambda r: [r.line, r.handle, r.sku, _status_badge(r.status, r.status_label), r.message],
                    test_id="row-results",
                    row_test_id="result-row",
                    empty=t("This run has no row results."),
                ),
                class_name=CARD + " space-y-2",
            ),
        ),
        rx.el.div(
            rx.el.h3(t("Import history"), class_name="font-medium"),
            _runs_table(lang, s.runs, s.show_run),
            class_name=CARD,
        ),
        class_name="space-y-4",
        data_testid="view-ingestion",
    )


# --- negotiations ---------------------------------------------------------------------------


def _select(name: str, label: str, options: list[tuple[str, str]], value=None, error_key: str | None = None):
    element_id = f"rule-{name}"
    return rx.el.div(
        rx.el.label(label, html_for=element_id, class_name="block text-sm font-medium"),
        rx.el.select(
            *[rx.el.option(text, value=v) for v, text in options],
            id=element_id,
            name=name,
            default_value=value,
            # Uncontrolled (the form is read on submit); a new rule or another rule re-mounts it.
            key=f"{name}-" + NegotiationsState.form_version.to_string(),
            **(
                {"on_change": lambda v: NegotiationsState.set_rule_field(name, v)}
                if name == "floor_kind"
                else {}
            ),
            class_name=INPUT,
        ),
        rx.el.p(NegotiationsState.rule_errors.get(error_key or name, ""), class_name="text-sm text-red-700"),
    )


def _input(name: str, label: str, type_: str = "text", hint: str = ""):
    element_id = f"rule-{name}"
    return rx.el.div(
        rx.el.label(label, html_for=element_id, class_name="block text-sm font-medium"),
        rx.el.input(
            id=element_id,
            name=name,
            type=type_,
            default_value=NegotiationsState.rule_form.get(name, ""),
            key=f"{name}-" + NegotiationsState.form_version.to_string(),
            aria_invalid=rx.cond(NegotiationsState.rule_errors.contains(name), "true", "false"),
            aria_describedby=f"{element_id}-error",
            class_name=INPUT,
        ),
        rx.cond(hint != "", rx.el.p(hint, class_name="text-xs text-stone-500")),
        rx.el.p(
            NegotiationsState.rule_errors.get(name, ""),
            id=f"{element_id}-error",
            class_name="text-sm text-red-700",
        ),
    )


def _rules_editor(lang: str) -> rx.Component:
    t = gettext(lang)
    s = NegotiationsState
    form = s.rule_form
    return rx.el.div(
        rx.el.div(
            rx.el.h3(t("Negotiation rules"), class_name="font-medium"),
            rx.el.button(t("New rule"), on_click=s.new_rule, class_name=SECONDARY, data_testid="new-rule"),
            class_name="flex items-center justify-between",
        ),
        _alert(s.rule_message, "green"),
        data_table(
            [
                t("Level"),
                t("Target"),
                t("Negotiation"),
                t("Floor"),
                t("Strategy"),
                t("Max rounds"),
                t("Deal validity"),
                Column(t("Last change"), "text-xs"),
                "",
            ],
            s.rules,
            lambda r: [
                r.level,
                r.target,
                r.enabled,
                r.floor,
                r.mode,
                r.max_rounds,
                r.validity,
                r.updated,
                rx.fragment(
                    rx.el.button(
                        t("Edit"),
                        on_click=s.edit_rule(r.level, r.target),
                        aria_label=t("Edit") + " " + r.level + " " + r.target,
                        class_name=LINK_BUTTON,
                        data_testid="edit-rule-" + r.level + "-" + r.target,
                    ),
                    " ",
                    rx.el.button(
                        t("Delete"),
                        on_click=s.ask_delete_rule(r.level, r.target),
                        aria_label=t("Delete") + " " + r.level + " " + r.target,
                        aria_haspopup="dialog",
                        class_name=LINK_BUTTON,
                        data_testid="delete-rule-" + r.level + "-" + r.target,
                    ),
                ),
            ],
            test_id="rules-table",
            row_test_id="rule-row",
            empty=t("No rule yet: negotiation is off everywhere."),
        ),
        confirm_dialog(
            open=s.confirm_open,
            on_open_change=s.set_confirm_open,
            on_confirm=s.confirm_delete_rule,
            title=s.confirm_text,
            description=t(
                "What it sets then comes from the other rules. "
                "This cannot be undone; the change is recorded with your name."
            ),
            confirm_label=t("Delete the rule"),
            cancel_label=t("Cancel"),
            test_id="confirm-delete-rule",
        ),
        rx.cond(
            form.contains("level"),
            rx.el.form(
                rx.el.h4(t("Edit a rule"), class_name="font-medium"),
                _alert(s.rule_errors.get("form", "")),
                rx.el.div(
                    _select(
                        "level",
                        t("Level"),
                        [
                            ("store", t("Store")),
                            ("category", t("Category")),
                            ("product", t("Product")),
                            ("variant", t("Variant")),
                        ],
                        form.get("level", "product"),
                    ),
                    _input("target", t("Target (category or product handle, or variant SKU)")),
                    _select(
                        "enabled",
                        t("Negotiation"),
                        [("inherit", t("Inherit")), ("on", t("On")), ("off", t("Off"))],
                        form.get("enabled", "inherit"),
                    ),
                    _select(
                        "floor_kind",
                        t("Floor"),
                        [
                            ("inherit", t("Inherit")),
                            ("percent", t("Percent of list price")),
                            ("amount", t("Amount per currency")),
                        ],
                        form.get("floor_kind", "inherit"),
                    ),
                    rx.cond(
                        form.get("floor_kind", "") == "percent",
                        _input("floor_percent", t("Floor (% of list price, 0–100)")),
                    ),
                    rx.cond(form.get("floor_kind", "") == "amount", _input("floor_cad", t("Floor in CAD"))),
                    rx.cond(form.get("floor_kind", "") == "amount", _input("floor_usd", t("Floor in USD"))),
                    _select(
                        "mode",
                        t("Strategy"),
                        [
                            ("inherit", t("Inherit")),
                            ("conversion", t("conversion")),
                            ("balanced", t("balanced")),
                            ("margin", t("margin")),
                        ],
                        form.get("mode", "inherit"),
                    ),
                    _input("max_rounds", t("Max rounds"), hint=t("Empty: inherit")),
                    _input("deal_validity_hours", t("Deal validity (hours)"), hint=t("Empty: inherit")),
                    class_name="grid gap-3 md:grid-cols-3",
                ),
                rx.el.button(t("Save rule"), type="submit", class_name=BUTTON, data_testid="save-rule"),
                on_submit=s.save_rule,
                class_name="space-y-3 rounded border border-stone-200 p-3",
                data_testid="rule-form",
            ),
        ),
        rx.el.form(
            rx.el.h4(t("Preview in money"), class_name="font-medium"),
            rx.el.div(
                rx.el.label(
                    t("Product handle"), html_for="preview-handle", class_name="block text-sm font-medium"
                ),
                rx.el.input(
                    id="preview-handle", name="handle", default_value=s.preview_handle, class_name=INPUT
                ),
                class_name="max-w-md",
            ),
            rx.el.button(t("Preview"), type="submit", class_name=SECONDARY),
            _alert(s.preview_error),
            rx.cond(
                s.preview.length() > 0,
                data_table(
                    [
                        t("Variant"),
                        t("Currency"),
                        t("List price"),
                        t("Floor"),
                        t("Floor / list"),
                        t("Largest discount"),
                        t("Terms"),
                    ],
                    s.preview,
                    lambda p: [
                        p["variant"],
                        p["currency"],
                        p["list_price"],
                        cell(p["floor"], data_testid="preview-floor"),
                        p["floor_share"],
                        p["max_discount"],
                        p["terms"],
                    ],
                    test_id="rule-preview",
                ),
            ),
            on_submit=s.preview_product,
            class_name="space-y-2",
        ),
        class_name=CARD + " space-y-3",
    )


def _negotiations(lang: str) -> rx.Component:
    t = gettext(lang)
    s = NegotiationsState
    return rx.el.section(
        rx.el.h2(t("Negotiations"), class_name="text-lg font-semibold"),
        _loading(s, lang),
        rx.el.form(
            rx.el.div(
                rx.el.label(t("Product"), html_for="filter-product", class_name="block text-sm"),
                rx.el.input(id="filter-product", name="product", class_name=INPUT),
            ),
            rx.el.div(
                rx.el.label(t("Outcome"), html_for="filter-outcome", class_name="block text-sm"),
                rx.el.select(
                    rx.el.option(t("All"), value=""),
                    rx.el.option(t("open"), value="open"),
                    rx.el.option(t("agreed"), value="agreed"),
                    rx.el.option(t("declined"), value="declined"),
                    rx.el.option(t("expired"), value="expired"),
                    id="filter-outcome",
                    name="outcome",
                    class_name=INPUT,
                ),
            ),
            rx.el.div(
                rx.el.label(t("From"), html_for="filter-from", class_name="block text-sm"),
                rx.el.input(id="filter-from", name="from", type="date", class_name=INPUT),
            ),
            rx.el.div(
                rx.el.label(t("To"), html_for="filter-to", class_name="block text-sm"),
                rx.el.input(id="filter-to", name="to", type="date", class_name=INPUT),
            ),
            rx.el.button(t("Filter"), type="submit", class_name=BUTTON + " self-end"),
            on_submit=s.apply_filters,
            class_name="flex flex-wrap gap-3",
        ),
        data_table(
            [
                t("Started at"),
                t("Product"),
                t("Outcome"),
                t("List price"),
                t("Deal price"),
                t("Discount"),
                t("Promo code"),
                t("Code used"),
                "",
            ],
            s.negotiations,
            lambda n: [
                n.created,
                n.product,
                _status_badge(n.outcome, n.outcome_label),
                n.list_price,
                n.deal_price,
                n.discount,
                rx.el.code(n.promo_code),
                n.promo_used,
                rx.el.button(t("Transcript"), on_click=s.show_transcript(n.id), class_name=LINK_BUTTON),
            ],
            test_id="negotiations-table",
            row_test_id="negotiation-row",
            empty=t("No negotiation matches."),
        ),
        rx.cond(
            s.transcript_id != "",
            rx.el.div(
                rx.el.h3(t("Transcript"), class_name="font-medium"),
                rx.el.ol(
                    rx.foreach(
                        s.transcript,
                        lambda m: rx.el.li(
                            rx.el.span(m["time"] + " · " + m["role"], class_name="text-xs text-stone-500"),
                            rx.el.p(m["text"]),
                            class_name=rx.cond(
                                m["role"] == "assistant",
                                "rounded bg-stone-100 p-2",
                                "rounded bg-amber-50 p-2",
                            ),
                        ),
                    ),
                    class_name="space-y-2",
                ),
                class_name=CARD + " space-y-2",
                data_testid="transcript",
            ),
        ),
        _rules_editor(lang),
        class_name="space-y-4",
        data_testid="view-negotiations",
    )


# --- jobs -----------------------------------------------------------------------------------


def _jobs(lang: str) -> rx.Component:
    t = gettext(lang)
    s = JobsState
    return rx.el.section(
        rx.el.h2(t("Jobs"), class_name="text-lg font-semibold"),
        _loading(s, lang),
        rx.cond(
            ~s.scheduler_active & ~s.loading,
            rx.el.p(
                t(
                    "No scheduler process is running: scheduled runs wait until one starts (make run starts it)."
                ),
                class_name="rounded bg-amber-50 p-2 text-sm text-amber-900",
            ),
        ),
        data_table(
            [
                t("Job"),
                Column(t("Schedule"), "text-xs"),
                t("Next run"),
                t("Last run"),
                t("Last status"),
                Column("", "whitespace-nowrap"),
            ],
            s.schedules,
            lambda j: [
                rx.fragment(
                    rx.el.div(j.job, class_name="font-medium"),
                    rx.el.div(j.title, class_name="text-xs text-stone-500"),
                ),
                rx.cond(j.scheduled, j.trigger, t("on demand")),
                rx.cond(j.paused, t("paused"), j.next_run),
                j.last_run,
                _status_badge(j.last_status, j.last_status_label),
                rx.fragment(
                    rx.cond(
                        j.job != "ingest",
                        rx.el.button(
                            t("Run now"),
                            on_click=s.run_now(j.job),
                            disabled=s.running_job != "",
                            class_name=SECONDARY,
                            data_testid="run-now-" + j.job,
                        ),
                    ),
                    rx.cond(
                        j.scheduled,
                        rx.cond(
                            j.paused,
                            rx.el.button(
                                t("Resume"),
                                on_click=s.resume(j.job),
                                class_name=SECONDARY + " ml-2",
                                data_testid="resume-" + j.job,
                            ),
                            rx.el.button(
                                t("Pause"),
                                on_click=s.pause(j.job),
                                class_name=SECONDARY + " ml-2",
                                data_testid="pause-" + j.job,
                            ),
                        ),
                    ),
                ),
            ],
            test_id="schedules-table",
            row_test_id="schedule-row",
        ),
        rx.cond(
            s.running_job != "",
            rx.el.p(t("Running") + " " + s.running_job + "…", role="status", class_name="text-sm"),
        ),
        rx.el.h3(t("Last runs"), class_name="font-medium"),
        _runs_table(lang, s.runs),
        rx.el.button(t("Refresh"), on_click=s.refresh, class_name=SECONDARY),
        class_name="space-y-3",
        data_testid="view-jobs",
    )


def _inventory(lang: str) -> rx.Component:
    from tob_app.state.admin_labels import ALERT_KINDS

    t = gettext(lang)
    s = InventoryState
    return rx.el.section(
        rx.el.h2(t("Inventory"), class_name="text-lg font-semibold"),
        _loading(s, lang),
        rx.el.div(
            rx.el.div(
                rx.el.h3(t("Last stock sync"), class_name="font-medium"),
                rx.cond(
                    s.last_sync != "",
                    rx.el.p(
                        s.last_sync + " · ",
                        _status_badge(s.last_sync_status, s.last_sync_status_label),
                        " " + s.last_sync_counts,
                        class_name="text-sm",
                        data_testid="last-sync",
                    ),
                    rx.el.p(t("No stock sync has run yet."), class_name="text-sm text-stone-500"),
                ),
            ),
            rx.cond(
                s.sync_available,
                rx.el.button(
                    rx.cond(s.syncing, t("Syncing…"), t("Sync now")),
                    on_click=s.sync_now,
                    disabled=s.syncing,
                    class_name=BUTTON,
                    data_testid="sync-now",
                ),
            ),
            class_name=CARD + " flex items-center justify-between",
        ),
        rx.el.form(
            rx.el.div(
                rx.el.label(t("Kind"), html_for="alert-kind", class_name="block text-sm"),
                rx.el.select(
                    rx.el.option(t("All"), value=""),
                    *[rx.el.option(t(label), value=kind) for kind, label in ALERT_KINDS.items()],
                    id="alert-kind",
                    name="kind",
                    class_name=INPUT,
                ),
            ),
            rx.el.div(
                rx.el.label(t("Status"), html_for="alert-status", class_name="block text-sm"),
                rx.el.select(
                    rx.el.option(t("open"), value="open"),
                    rx.el.option(t("acknowledged"), value="acknowledged"),
                    rx.el.option(t("resolved"), value="resolved"),
                    rx.el.option(t("All"), value=""),
                    id="alert-status",
                    name="status",
                    class_name=INPUT,
                ),
            ),
            rx.el.button(
                t("Filter"), type="submit", class_name=BUTTON + " self-end", data_testid="alert-filter"
            ),
            on_submit=s.filter,
            class_name="flex flex-wrap gap-3",
        ),
        data_table(
            [
                t("Raised"),
                t("Kind"),
                t("Product / SKU"),
                t("Message"),
                t("Status"),
                Column(t("Handled by"), "text-xs"),
                Column("", "whitespace-nowrap"),
            ],
            s.alerts,
            lambda a: [
                a.created,
                a.kind_label,
                a.subject,
                a.message,
                _status_badge(a.status, a.status_label),
                a.handled,
                rx.fragment(
                    rx.cond(
                        a.status == "open",
                        rx.el.button(
                            t("Acknowledge"),
                            on_click=s.acknowledge(a.id),
                            aria_label=t("Acknowledge") + " " + a.subject,
                            class_name=SECONDARY,
                            data_testid="acknowledge-alert",
                        ),
                    ),
                    rx.cond(
                        a.status != "resolved",
                        rx.el.button(
                            t("Resolve"),
                            on_click=s.resolve(a.id),
                            aria_label=t("Resolve") + " " + a.subject,
                            class_name=SECONDARY + " ml-2",
                            data_testid="resolve-alert",
                        ),
                    ),
                ),
            ],
            test_id="alerts-table",
            row_test_id="alert-row",
            empty=t("No alert matches."),
        ),
        data_testid="view-inventory",
        class_name="space-y-3",
    )


def _index(lang: str) -> rx.Component:
    t = gettext(lang)
    s = IndexState
    return rx.el.section(
        rx.el.h2(t("Index"), class_name="text-lg font-semibold"),
        _loading(s, lang),
        rx.el.div(
            rx.el.dl(
                rx.foreach(
                    s.documents,
                    lambda d: rx.el.div(
                        rx.el.dt(
                            t("Documents") + " " + d["lang"], class_name="text-xs uppercase text-stone-500"
                        ),
                        rx.el.dd(
                            d["count"], class_name="text-2xl font-semibold", data_testid="index-documents"
                        ),
                        class_name=CARD,
                    ),
                ),
                rx.el.div(
                    rx.el.dt(t("Embedder"), class_name="text-xs uppercase text-stone-500"),
                    rx.el.dd(
                        s.embedder + " · " + s.backend, class_name="text-sm", data_testid="index-embedder"
                    ),
                    class_name=CARD,
                ),
                rx.el.div(
                    rx.el.dt(t("Last refresh"), class_name="text-xs uppercase text-stone-500"),
                    rx.el.dd(
                        rx.cond(s.last_refresh != "", s.last_refresh, t("never")),
                        " ",
                        _status_badge(s.last_run_status, s.last_run_status_label),
                        rx.el.div(s.last_run_counts, class_name="text-xs text-stone-500"),
                        class_name="text-sm",
                    ),
                    class_name=CARD,
                ),
                class_name="grid grid-cols-2 gap-3 md:grid-cols-4",
            ),
            rx.el.button(
                rx.cond(s.refreshing, t("Refreshing…"), t("Refresh now")),
                on_click=s.refresh_now,
                disabled=s.refreshing,
                class_name=BUTTON + " mt-3",
                data_testid="refresh-index",
            ),
        ),
        rx.el.form(
            rx.el.h3(t("Test a query"), class_name="font-medium"),
            rx.el.div(
                rx.el.div(
                    rx.el.label(t("Query"), html_for="index-query", class_name="block text-sm"),
                    rx.el.input(id="index-query", name="query", class_name=INPUT),
                    class_name="flex-1",
                ),
                rx.el.div(
                    rx.el.label(t("Language"), html_for="index-query-lang", class_name="block text-sm"),
                    rx.el.select(
                        rx.el.option("English", value="en"),
                        rx.el.option("Français", value="fr"),
                        id="index-query-lang",
                        name="query_lang",
                        default_value=lang,
                        class_name=INPUT,
                    ),
                ),
                rx.el.button(t("Search"), type="submit", class_name=BUTTON + " self-end"),
                class_name="flex flex-wrap gap-3",
            ),
            _alert(s.query_error),
            rx.cond(
                s.searched,
                rx.el.ol(
                    rx.foreach(
                        s.hits,
                        lambda h: rx.el.li(
                            rx.el.span(h["title"], class_name="font-medium"),
                            " · " + h["handle"] + " · " + h["lang"] + " · " + h["score"],
                            class_name="text-sm",
                            data_testid="index-hit",
                        ),
                    ),
                    class_name="list-decimal pl-6",
                ),
            ),
            rx.cond(
                s.searched & (s.hits.length() == 0),
                rx.el.p(t("No match."), class_name="text-sm text-stone-500"),
            ),
            on_submit=s.test_query,
            class_name=CARD + " space-y-2",
        ),
        data_testid="view-index",
        class_name="space-y-3",
    )


# --- frame ----------------------------------------------------------------------------------


def _tabs(lang: str) -> rx.Component:
    t = gettext(lang)
    labels = [
        ("dashboard", t("Dashboard")),
        ("ingestion", t("Ingestion")),
        ("inventory", t("Inventory")),
        ("negotiations", t("Negotiations")),
        ("jobs", t("Jobs")),
        ("index", t("Index")),
    ]
    return rx.el.nav(
        *[
            rx.el.button(
                label,
                on_click=AdminState.show(view),
                aria_current=rx.cond(AdminState.view == view, "page", "false"),
                class_name=rx.cond(
                    AdminState.view == view,
                    "rounded bg-stone-900 px-3 py-1.5 text-sm font-medium text-white" + FOCUS,
                    "rounded px-3 py-1.5 text-sm text-stone-700 hover:bg-stone-200" + FOCUS,
                ),
                data_testid=f"tab-{view}",
            )
            for view, label in labels
        ],
        aria_label=t("Admin sections"),
        class_name="flex flex-wrap gap-1",
    )


def _signed_in(lang: str) -> rx.Component:
    return rx.el.div(
        _tabs(lang),
        rx.match(
            AdminState.view,
            ("ingestion", _ingestion(lang)),
            ("inventory", _inventory(lang)),
            ("negotiations", _negotiations(lang)),
            ("jobs", _jobs(lang)),
            ("index", _index(lang)),
            _dashboard(lang),
        ),
        class_name="space-y-4",
    )


def admin_page(lang: str) -> rx.Component:
    t = gettext(lang)
    other = "fr" if lang == "en" else "en"
    return rx.el.div(
        connection_notice(lang),
        rx.el.a(
            t("Skip to content"),
            href="#main",
            class_name="sr-only focus:not-sr-only focus:absolute focus:p-2",
        ),
        rx.el.header(
            rx.el.div(
                rx.el.span(t("The Open Box") + " · " + t("Staff"), class_name="font-bold"),
                rx.el.div(
                    rx.el.a(
                        LANGUAGE_NAMES[other],
                        href=f"/{other}/admin",
                        href_lang=other,
                        lang=other,
                        class_name="text-sm underline",
                        data_testid="admin-lang",
                    ),
                    rx.cond(
                        AdminState.signed_in,
                        rx.fragment(
                            rx.el.span(
                                AdminState.staff_email,
                                class_name="text-sm text-stone-600",
                                data_testid="staff-email",
                            ),
                            rx.el.button(
                                t("Sign out"),
                                on_click=AdminState.sign_out,
                                class_name=SECONDARY,
                                data_testid="admin-sign-out",
                            ),
                        ),
                    ),
                    class_name="flex items-center gap-3",
                ),
                class_name="mx-auto flex max-w-7xl items-center justify-between px-4 py-3",
            ),
            class_name="border-b border-stone-200 bg-white",
        ),
        rx.el.main(
            rx.cond(
                ~AdminState.checked,
                rx.el.p(t("Loading…"), role="status", class_name="text-sm text-stone-500"),
                rx.cond(AdminState.signed_in, _signed_in(lang), _sign_in(lang)),
            ),
            id="main",
            class_name="mx-auto max-w-7xl px-4 py-6",
        ),
        lang=lang,
        on_mount=rx.call_script(f"document.documentElement.lang = '{lang}'"),
        class_name="min-h-screen bg-stone-50 text-stone-900",
    )
