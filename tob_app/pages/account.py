"""`/{lang}/account`: sign in or create an account; signed in: profile, address book, orders."""

from __future__ import annotations

import reflex as rx

from translations import gettext

from ..components.forms import INPUT, field_error, text_field
from ..components.layout import page_shell
from ..components.status import guarded, loading_line
from ..state.account import AccountPageState, AccountState
from ..urls import localized

BUTTON = "mt-3 rounded bg-stone-900 px-4 py-2 font-medium text-white disabled:opacity-50"
CARD = "rounded border border-stone-200 bg-white p-4"


def _error(key: str) -> rx.Component:
    return field_error(AccountPageState.errors, key)


def _field(key: str, label: str, *, type_: str = "text", autocomplete: str = "", value=None, required=True):
    # Forms on this page share field names (email…); ids stay unique: "signin.email" → "email".
    name = key.split(".", 1)[1] if key.startswith(("signin.", "register.", "profile.")) else key
    return text_field(
        AccountPageState.errors,
        key,
        label,
        value=value,
        name=name,
        type_=type_,
        autocomplete=autocomplete,
        required=required,
    )


def _alert(text) -> rx.Component:
    return rx.cond(
        text != "", rx.el.p(text, role="alert", class_name="mt-2 rounded bg-red-50 p-2 text-sm text-red-800")
    )


def _signed_out(lang: str) -> rx.Component:
    t = gettext(lang)
    sign_in = rx.el.form(
        rx.el.h2(t("Sign in"), class_name="text-lg font-semibold"),
        _alert(AccountPageState.sign_in_error),
        _field("signin.email", t("Email"), type_="email", autocomplete="email"),
        _field("signin.password", t("Password"), type_="password", autocomplete="current-password"),
        rx.el.button(
            t("Sign in"),
            type="submit",
            disabled=AccountPageState.busy,
            class_name=BUTTON,
            data_testid="sign-in",
        ),
        rx.el.a(
            t("Forgot your password?"),
            href=localized(lang, "account", "reset"),
            class_name="ml-4 text-sm underline",
        ),
        on_submit=AccountPageState.sign_in,
        no_validate=True,
        class_name=CARD + " space-y-2",
    )
    register = rx.el.form(
        rx.el.h2(t("Create an account"), class_name="text-lg font-semibold"),
        _alert(AccountPageState.register_error),
        rx.el.div(
            _field("register.first_name", t("First name"), autocomplete="given-name"),
            _field("register.last_name", t("Last name"), autocomplete="family-name"),
            class_name="grid gap-3 sm:grid-cols-2",
        ),
        _field("register.email", t("Email"), type_="email", autocomplete="email"),
        _field(
            "register.password",
            t("Password (8 characters or more)"),
            type_="password",
            autocomplete="new-password",
        ),
        rx.el.button(
            t("Create account"),
            type="submit",
            disabled=AccountPageState.busy,
            class_name=BUTTON,
            data_testid="register",
        ),
        on_submit=AccountPageState.register,
        no_validate=True,
        class_name=CARD + " space-y-2",
    )
    return rx.el.div(sign_in, register, class_name="grid gap-6 md:grid-cols-2")


def _address_form(lang: str) -> rx.Component:
    t = gettext(lang)
    values = AccountPageState.address_form
    return rx.el.form(
        rx.el.h3(
            rx.cond(AccountPageState.editing_id != "", t("Edit address"), t("Add an address")),
            class_name="font-semibold",
        ),
        rx.el.div(
            _field(
                "address.first_name", t("First name"), value=values["first_name"], autocomplete="given-name"
            ),
            _field(
                "address.last_name", t("Last name"), value=values["last_name"], autocomplete="family-name"
            ),
            _field(
                "address.address_1", t("Address"), value=values["address_1"], autocomplete="address-line1"
            ),
            _field(
                "address.address_2",
                t("Apartment, suite (optional)"),
                value=values["address_2"],
                autocomplete="address-line2",
                required=False,
            ),
            _field("address.city", t("City"), value=values["city"], autocomplete="address-level2"),
            rx.el.div(
                rx.el.label(
                    t("Country"), html_for="address.country_code", class_name="block text-sm font-medium"
                ),
                rx.el.select(
                    rx.foreach(
                        AccountPageState.countries, lambda c: rx.el.option(c["label"], value=c["value"])
                    ),
                    id="address.country_code",
                    name="address.country_code",
                    value=values["country_code"],
                    on_change=AccountPageState.set_address_country,
                    class_name=INPUT + " bg-white",
                ),
            ),
            rx.el.div(
                rx.el.label(
                    t("Province or state"),
                    html_for="address.province",
                    class_name="block text-sm font-medium",
                ),
                rx.el.select(
                    rx.el.option(t("Choose…"), value=""),
                    rx.foreach(
                        AccountPageState.provinces, lambda c: rx.el.option(c["label"], value=c["value"])
                    ),
                    id="address.province",
                    name="address.province",
                    default_value=values["province"],
                    aria_describedby="address.province-error",
                    class_name=INPUT + " bg-white",
                ),
                _error("address.province"),
            ),
            _field(
                "address.postal_code",
                t("Postal or ZIP code"),
                value=values["postal_code"],
                autocomplete="postal-code",
            ),
            _field(
                "address.phone",
                t("Phone (optional)"),
                value=values["phone"],
                type_="tel",
                autocomplete="tel",
                required=False,
            ),
            class_name="mt-2 grid gap-3 sm:grid-cols-2",
        ),
        rx.el.button(t("Save address"), type="submit", class_name=BUTTON, data_testid="save-address"),
        on_submit=AccountPageState.save_address,
        no_validate=True,
        # A new key remounts the form, so its fields show the address being edited.
        key=AccountPageState.editing_id + "-" + AccountPageState.saved_addresses.length().to_string(),
        class_name="mt-4",
    )


def _signed_in(lang: str) -> rx.Component:
    t = gettext(lang)
    profile = rx.el.form(
        rx.el.h2(t("Profile"), class_name="text-lg font-semibold"),
        rx.el.p(AccountPageState.email, class_name="text-sm text-stone-600", data_testid="account-email"),
        rx.el.div(
            _field(
                "profile.first_name",
                t("First name"),
                value=AccountPageState.profile["first_name"],
                autocomplete="given-name",
            ),
            _field(
                "profile.last_name",
                t("Last name"),
                value=AccountPageState.profile["last_name"],
                autocomplete="family-name",
            ),
            _field(
                "profile.phone",
                t("Phone (optional)"),
                value=AccountPageState.profile["phone"],
                type_="tel",
                autocomplete="tel",
                required=False,
            ),
            class_name="grid gap-3 sm:grid-cols-3",
        ),
        rx.el.button(t("Save profile"), type="submit", class_name=BUTTON),
        on_submit=AccountPageState.save_profile,
        no_validate=True,
        class_name=CARD,
    )
    book = rx.el.section(
        rx.el.h2(t("Address book"), class_name="text-lg font-semibold"),
        rx.cond(
            AccountPageState.saved_addresses.length() == 0,
            rx.el.p(t("No saved addresses yet."), class_name="text-sm text-stone-500"),
        ),
        rx.el.ul(
            rx.foreach(
                AccountPageState.saved_addresses,
                lambda a: rx.el.li(
                    rx.el.div(rx.foreach(a.lines, lambda line: rx.el.p(line, class_name="text-sm"))),
                    rx.el.div(
                        rx.el.button(
                            t("Edit"),
                            type="button",
                            on_click=AccountPageState.edit_address(a.id),
                            class_name="text-sm underline",
                        ),
                        rx.el.button(
                            t("Delete"),
                            type="button",
                            on_click=AccountPageState.delete_address(a.id),
                            class_name="text-sm text-red-700 underline",
                        ),
                        class_name="flex gap-3",
                    ),
                    class_name="flex items-start justify-between border-b border-stone-200 py-3",
                    data_testid="saved-address",
                ),
            ),
        ),
        _address_form(lang),
        class_name=CARD,
    )
    orders = rx.el.section(
        rx.el.h2(t("Orders"), class_name="text-lg font-semibold"),
        rx.cond(
            AccountPageState.orders.length() == 0,
            rx.el.p(t("You have no orders yet."), class_name="text-sm text-stone-500"),
        ),
        rx.el.ul(
            rx.foreach(
                AccountPageState.orders,
                lambda o: rx.el.li(
                    rx.el.a(
                        "#" + o.number,
                        href=f"/{lang}/account/orders/" + o.id,
                        class_name="font-medium underline",
                    ),
                    rx.el.span(o.date, class_name="text-sm"),
                    rx.el.span(o.item_count, class_name="text-sm"),
                    rx.el.span(o.total, class_name="font-medium"),
                    class_name="grid grid-cols-4 gap-2 border-b border-stone-200 py-2",
                    data_testid="order-row",
                ),
            ),
        ),
        class_name=CARD,
    )
    return rx.el.div(
        rx.el.div(
            rx.el.p(t("Hello") + ", " + AccountState.first_name, class_name="text-lg"),
            rx.el.button(
                t("Sign out"),
                type="button",
                on_click=AccountPageState.sign_out,
                class_name="rounded border border-stone-900 px-3 py-1 text-sm",
                data_testid="sign-out",
            ),
            class_name="flex items-center justify-between",
        ),
        rx.cond(
            AccountPageState.message != "",
            rx.el.p(
                AccountPageState.message, role="status", class_name="rounded bg-green-50 p-2 text-green-900"
            ),
        ),
        profile,
        book,
        orders,
        class_name="space-y-6",
    )


def account_page(lang: str) -> rx.Component:
    t = gettext(lang)
    content = rx.el.div(
        rx.el.h1(t("Your account"), class_name="mb-4 text-2xl font-semibold"),
        rx.cond(
            AccountPageState.loading,
            loading_line(lang),
            rx.cond(AccountState.signed_in, _signed_in(lang), _signed_out(lang)),
        ),
    )
    return page_shell(lang, AccountPageState, guarded(lang, AccountPageState, content))
