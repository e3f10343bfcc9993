"""`/{lang}/account/reset` (ask for a link) and `/{lang}/account/reset/new` (choose a password)."""

from __future__ import annotations

import reflex as rx

from translations import gettext

from ..components.forms import INPUT
from ..components.layout import page_shell
from ..components.status import guarded
from ..state.reset import ResetState
from ..urls import localized

BUTTON = "mt-3 rounded bg-stone-900 px-4 py-2 font-medium text-white disabled:opacity-50"


def _error() -> rx.Component:
    return rx.cond(
        ResetState.error != "",
        rx.el.p(
            ResetState.error,
            role="alert",
            class_name="rounded bg-red-50 p-2 text-sm text-red-800",
            data_testid="reset-error",
        ),
    )


def _labelled(id_: str, label: str, **props) -> rx.Component:
    return rx.el.div(
        rx.el.label(label, html_for=id_, class_name="block text-sm font-medium"),
        rx.el.input(id=id_, name=id_, class_name=INPUT, **props),
    )


def request_page(lang: str) -> rx.Component:
    t = gettext(lang)
    form = rx.el.form(
        rx.el.p(t("Enter the email of your account. We will send you a link to choose a new password.")),
        _error(),
        _labelled("email", t("Email"), type="email", auto_complete="email", required=True),
        rx.el.button(
            t("Send the link"),
            type="submit",
            disabled=ResetState.busy,
            class_name=BUTTON,
            data_testid="send-link",
        ),
        on_submit=ResetState.request_link,
        no_validate=True,
        class_name="space-y-3",
    )
    sent = rx.el.div(
        rx.el.p(t("If an account exists for this address, a link to choose a new password is on its way.")),
        rx.el.p(rx.el.strong(ResetState.sent_to)),
        rx.el.p(t("The link works for 15 minutes.")),
        role="status",
        class_name="rounded bg-green-50 p-3 text-green-900",
        data_testid="link-sent",
    )
    content = rx.el.div(
        rx.el.h1(t("Forgot your password?"), class_name="mb-4 text-2xl font-semibold"),
        rx.cond(ResetState.sent_to != "", sent, form),
        rx.el.a(
            t("Back to sign in"), href=localized(lang, "account"), class_name="mt-4 inline-block underline"
        ),
        class_name="max-w-md",
    )
    return page_shell(lang, ResetState, guarded(lang, ResetState, content))


def new_password_page(lang: str) -> rx.Component:
    t = gettext(lang)
    content = rx.el.div(
        rx.el.h1(t("Choose a new password"), class_name="mb-4 text-2xl font-semibold"),
        rx.el.form(
            rx.el.p(ResetState.link_email, class_name="text-sm text-stone-600"),
            _error(),
            _labelled(
                "password",
                t("New password (8 characters or more)"),
                type="password",
                auto_complete="new-password",
                required=True,
            ),
            _labelled(
                "confirm",
                t("Repeat the new password"),
                type="password",
                auto_complete="new-password",
                required=True,
            ),
            rx.el.button(
                t("Save the new password"),
                type="submit",
                disabled=ResetState.busy,
                class_name=BUTTON,
                data_testid="save-password",
            ),
            on_submit=ResetState.set_password,
            no_validate=True,
            class_name="space-y-3",
        ),
        rx.el.a(
            t("Ask for a new link"),
            href=localized(lang, "account", "reset"),
            class_name="mt-4 inline-block underline",
        ),
        class_name="max-w-md",
    )
    return page_shell(lang, ResetState, guarded(lang, ResetState, content))
