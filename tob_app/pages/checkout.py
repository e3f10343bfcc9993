"""`/{lang}/checkout`: one page, four steps; finished steps show a summary and an Edit button."""

from __future__ import annotations

import reflex as rx

from translations import gettext

from ..components.forms import INPUT, field_error, invalid, text_field
from ..components.layout import page_shell
from ..components.status import guarded, loading_line
from ..components.totals import totals_table
from ..state.cart import CartState, cart_in
from ..state.checkout import CheckoutState
from ..urls import localized

PRIMARY = "mt-4 rounded bg-stone-900 px-5 py-2 font-medium text-white disabled:opacity-50"


def _error(key: str) -> rx.Component:
    return field_error(CheckoutState.errors, key)


def _input(key: str, label: str, value, *, autocomplete: str, required: bool = True, type_: str = "text"):
    return text_field(
        CheckoutState.errors,
        key,
        label,
        value=value,
        autocomplete=autocomplete,
        required=required,
        type_=type_,
    )


def _select(
    key: str, label: str, choices, value, *, placeholder: str = "", on_change=None, autocomplete: str = ""
):
    return rx.el.div(
        rx.el.label(label, html_for=key, class_name="block text-sm font-medium"),
        rx.el.select(
            rx.cond(placeholder != "", rx.el.option(placeholder, value="")),
            rx.foreach(choices, lambda c: rx.el.option(c.label, value=c.value)),
            id=key,
            name=key,
            default_value=value,
            on_change=on_change,
            auto_complete=autocomplete,
            aria_invalid=invalid(CheckoutState.errors, key),
            aria_describedby=f"{key}-error",
            class_name=INPUT + " bg-white",
        ),
        _error(key),
    )


def _address_fields(lang: str, prefix: str) -> rx.Component:
    t = gettext(lang)
    values = CheckoutState.shipping if prefix == "shipping" else CheckoutState.billing
    provinces = CheckoutState.provinces if prefix == "shipping" else CheckoutState.billing_provinces
    set_country = CheckoutState.set_country if prefix == "shipping" else CheckoutState.set_billing_country
    ac = "shipping" if prefix == "shipping" else "billing"
    k = lambda name: f"{prefix}.{name}"  # noqa: E731
    return rx.el.div(
        _input(k("first_name"), t("First name"), values["first_name"], autocomplete=f"{ac} given-name"),
        _input(k("last_name"), t("Last name"), values["last_name"], autocomplete=f"{ac} family-name"),
        rx.el.div(
            _input(k("address_1"), t("Address"), values["address_1"], autocomplete=f"{ac} address-line1"),
            class_name="sm:col-span-2",
        ),
        rx.el.div(
            _input(
                k("address_2"),
                t("Apartment, suite (optional)"),
                values["address_2"],
                autocomplete=f"{ac} address-line2",
                required=False,
            ),
            class_name="sm:col-span-2",
        ),
        _input(k("city"), t("City"), values["city"], autocomplete=f"{ac} address-level2"),
        _select(
            k("country_code"),
            t("Country"),
            CheckoutState.countries,
            values["country_code"],
            on_change=set_country,
            autocomplete=f"{ac} country",
        ),
        _select(
            k("province"),
            t("Province or state"),
            provinces,
            values["province"],
            placeholder=t("Choose…"),
            autocomplete=f"{ac} address-level1",
        ),
        _input(
            k("postal_code"), t("Postal or ZIP code"), values["postal_code"], autocomplete=f"{ac} postal-code"
        ),
        _input(
            k("phone"),
            t("Phone (optional)"),
            values["phone"],
            autocomplete=f"{ac} tel",
            required=False,
            type_="tel",
        ),
        class_name="grid gap-3 sm:grid-cols-2",
    )


def _step(lang: str, name: str, number: int, title: str, body: rx.Component, summary: rx.Component):
    t = gettext(lang)
    order = ("address", "delivery", "payment", "review")
    index = order.index(name)
    later = [s for s in order[index + 1 :]]
    done = rx.Var.create(later).contains(CheckoutState.step) if later else rx.Var.create(False)
    return rx.el.section(
        rx.el.div(
            rx.el.h2(f"{number}. {title}", class_name="text-lg font-semibold"),
            rx.cond(
                done & ~CheckoutState.placing,
                rx.el.button(
                    t("Edit"),
                    type="button",
                    on_click=CheckoutState.edit(name),
                    aria_label=t("Edit") + " — " + title,
                    class_name="text-sm underline",
                ),
            ),
            class_name="flex items-center justify-between",
        ),
        rx.cond(
            CheckoutState.step == name,
            rx.el.div(
                rx.cond(
                    CheckoutState.step_error != "",
                    rx.el.p(
                        CheckoutState.step_error,
                        role="alert",
                        class_name="mt-2 rounded bg-red-50 p-2 text-red-800",
                        data_testid="step-error",
                    ),
                ),
                body,
            ),
            rx.cond(done, summary),
        ),
        class_name="rounded border border-stone-200 bg-white p-4",
        data_testid=f"step-{name}",
        aria_current=rx.cond(CheckoutState.step == name, "step", "false"),
    )


def _address_step(lang: str) -> rx.Component:
    t = gettext(lang)
    form = rx.el.form(
        rx.el.div(
            _input("email", t("Email"), CheckoutState.email, autocomplete="email", type_="email"),
            class_name="mb-3 mt-3",
        ),
        rx.cond(
            CheckoutState.saved_addresses.length() > 0,
            rx.el.div(
                rx.el.label(
                    t("Use a saved address"), html_for="saved-address", class_name="block text-sm font-medium"
                ),
                rx.el.select(
                    rx.el.option(t("Choose…"), value=""),
                    rx.foreach(CheckoutState.saved_addresses, lambda c: rx.el.option(c.label, value=c.value)),
                    id="saved-address",
                    name="saved_address",
                    default_value="",
                    on_change=CheckoutState.use_saved_address,
                    data_testid="saved-address-picker",
                    class_name=INPUT + " bg-white",
                ),
                class_name="mb-3",
            ),
        ),
        rx.el.div(_address_fields(lang, "shipping"), key=CheckoutState.form_key),
        rx.el.label(
            rx.el.input(
                type="checkbox",
                name="billing_same",
                checked=CheckoutState.billing_same,
                on_change=CheckoutState.set_billing_same,
                class_name="mr-2",
            ),
            t("Billing address is the same as shipping"),
            class_name="mt-4 flex items-center text-sm",
        ),
        rx.cond(
            ~CheckoutState.billing_same,
            rx.el.fieldset(
                rx.el.legend(t("Billing address"), class_name="mb-2 font-medium"),
                _address_fields(lang, "billing"),
                class_name="mt-4",
            ),
        ),
        rx.el.button(
            rx.cond(CheckoutState.saving, t("Saving…"), t("Continue to delivery")),
            type="submit",
            disabled=CheckoutState.saving,
            class_name=PRIMARY,
            data_testid="address-continue",
        ),
        on_submit=CheckoutState.submit_address,
        no_validate=True,
    )
    summary = rx.el.div(
        rx.el.p(CheckoutState.email),
        rx.el.p(CheckoutState.shipping["first_name"] + " " + CheckoutState.shipping["last_name"]),
        rx.el.p(
            CheckoutState.shipping["address_1"]
            + ", "
            + CheckoutState.shipping["city"]
            + " "
            + CheckoutState.shipping["postal_code"]
        ),
        class_name="mt-2 text-sm text-stone-600",
    )
    return _step(lang, "address", 1, t("Contact and shipping address"), form, summary)


def _radio_list(name: str, choices, selected) -> rx.Component:
    return rx.el.fieldset(
        rx.foreach(
            choices,
            lambda c: rx.el.label(
                rx.el.input(
                    type="radio",
                    name=name,
                    value=c.value,
                    default_checked=c.value == selected,
                    class_name="mr-3 mt-1",
                ),
                rx.el.span(
                    rx.el.span(c.label, class_name="block font-medium"),
                    rx.el.span(c.detail, class_name="block text-sm text-stone-500"),
                ),
                class_name="flex cursor-pointer items-start rounded border border-stone-200 p-3 has-[:checked]:border-stone-900",
            ),
        ),
        class_name="mt-3 space-y-2",
    )


def _delivery_step(lang: str) -> rx.Component:
    t = gettext(lang)
    form = rx.el.form(
        rx.el.legend(t("Delivery options"), class_name="sr-only"),
        _radio_list("shipping_option", CheckoutState.shipping_options, CheckoutState.shipping_option_id),
        rx.el.button(
            rx.cond(CheckoutState.saving, t("Saving…"), t("Continue to payment")),
            type="submit",
            disabled=CheckoutState.saving,
            class_name=PRIMARY,
            data_testid="delivery-continue",
        ),
        on_submit=CheckoutState.submit_delivery,
    )
    summary = rx.el.p(CheckoutState.review_delivery, class_name="mt-2 text-sm text-stone-600")
    return _step(lang, "delivery", 2, t("Delivery"), form, summary)


def _payment_step(lang: str) -> rx.Component:
    t = gettext(lang)
    form = rx.el.form(
        _radio_list("provider_id", CheckoutState.payment_methods, CheckoutState.provider_id),
        rx.el.button(
            t("Review your order"), type="submit", class_name=PRIMARY, data_testid="payment-continue"
        ),
        on_submit=CheckoutState.submit_payment,
    )
    summary = rx.el.p(CheckoutState.review_payment, class_name="mt-2 text-sm text-stone-600")
    return _step(lang, "payment", 3, t("Payment"), form, summary)


def _lines(items) -> rx.Component:
    return rx.el.div(rx.foreach(items, lambda line: rx.el.p(line, class_name="text-sm")))


def _review_step(lang: str) -> rx.Component:
    t = gettext(lang)
    body = rx.el.div(
        rx.el.div(
            rx.el.div(
                rx.el.h3(t("Ship to"), class_name="font-medium"), _lines(CheckoutState.review_shipping)
            ),
            rx.el.div(rx.el.h3(t("Bill to"), class_name="font-medium"), _lines(CheckoutState.review_billing)),
            rx.el.div(
                rx.el.h3(t("Delivery"), class_name="font-medium"),
                rx.el.p(CheckoutState.review_delivery, class_name="text-sm"),
                rx.el.h3(t("Payment"), class_name="mt-2 font-medium"),
                rx.el.p(CheckoutState.review_payment, class_name="text-sm"),
            ),
            class_name="mt-3 grid gap-4 sm:grid-cols-3",
        ),
        rx.el.button(
            rx.cond(CheckoutState.placing, t("Placing your order…"), t("Place order")),
            type="button",
            on_click=CheckoutState.place_order,
            disabled=CheckoutState.placing,
            aria_busy=CheckoutState.placing,
            class_name=PRIMARY + " w-full",
            data_testid="place-order",
        ),
    )
    return _step(lang, "review", 4, t("Review and place your order"), body, rx.fragment())


def _summary(lang: str) -> rx.Component:
    t = gettext(lang)
    return rx.el.aside(
        rx.el.h2(t("Order summary"), class_name="mb-2 text-lg font-semibold"),
        rx.cond(
            cart_in(lang),
            rx.fragment(
                rx.el.ul(
                    rx.foreach(
                        CartState.cart.lines,
                        lambda line: rx.el.li(
                            rx.el.span(line.quantity.to_string() + " × " + line.title),
                            rx.el.span(line.subtotal),
                            class_name="flex justify-between gap-2 py-1 text-sm",
                        ),
                    ),
                    class_name="mb-3 border-b border-stone-200 pb-2",
                ),
                totals_table(lang, CartState.cart.totals),
            ),
            loading_line(lang, "text-sm"),
        ),
        class_name="h-fit rounded border border-stone-200 bg-white p-4",
        data_testid="order-summary",
    )


def checkout_page(lang: str) -> rx.Component:
    t = gettext(lang)
    empty = rx.el.div(
        rx.el.p(t("Your cart is empty."), class_name="text-lg"),
        rx.el.a(
            t("Browse the store"), href=localized(lang, "store"), class_name="mt-2 inline-block underline"
        ),
        data_testid="cart-empty",
    )
    steps = rx.el.div(
        rx.el.div(
            _address_step(lang),
            _delivery_step(lang),
            _payment_step(lang),
            _review_step(lang),
            class_name="space-y-4 md:col-span-2",
        ),
        _summary(lang),
        class_name="grid gap-8 md:grid-cols-3",
    )
    content = rx.el.div(
        rx.el.h1(t("Checkout"), class_name="mb-4 text-2xl font-semibold"),
        rx.cond(
            CheckoutState.loading,
            loading_line(lang),
            rx.cond(CheckoutState.empty, empty, steps),
        ),
    )
    return page_shell(lang, CheckoutState, guarded(lang, CheckoutState, content))
