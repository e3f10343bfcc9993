"""The negotiation chat panel of the product page (state: tob_app/state/chat.py).

Keyboard and screen readers: the transcript is a polite live log (new replies are read out),
errors are alerts, every control has a visible or accessible name, focus moves to the message
box when the chat opens and to "Add to cart" when a deal is agreed.
"""

from __future__ import annotations

import reflex as rx

from translations import gettext

from ..state.chat import ChatMessage, ChatState, Chip
from ..state.product import ProductState
from ..urls import localized

BUTTON = "rounded px-3 py-1.5 text-sm font-medium disabled:opacity-50"


def _message(lang: str, message: ChatMessage) -> rx.Component:
    t = gettext(lang)
    mine = message.role == "shopper"
    return rx.el.li(
        rx.el.span(rx.cond(mine, t("You:"), t("Assistant:")) + " ", class_name="sr-only"),
        rx.el.span(message.text),
        class_name=rx.cond(
            mine,
            "ml-8 self-end rounded-lg bg-stone-900 px-3 py-2 text-white",
            "mr-8 self-start rounded-lg bg-stone-100 px-3 py-2 text-stone-900",
        ),
        data_testid=rx.cond(mine, "chat-shopper", "chat-assistant"),
    )


def _chip(lang: str, chip: Chip) -> rx.Component:
    t = gettext(lang)
    return rx.el.button(
        chip.label,
        type="button",
        on_click=ChatState.say(chip.text),
        disabled=ChatState.busy,
        aria_label=t("Offer") + " " + chip.label,
        class_name="rounded-full border border-stone-400 bg-white px-3 py-1 text-sm hover:bg-stone-50",
        data_testid="chat-chip",
    )


def _deal(lang: str) -> rx.Component:
    t = gettext(lang)
    return rx.el.div(
        rx.el.p(t("Deal agreed at"), " ", rx.el.strong(ChatState.deal_price), class_name="font-medium"),
        rx.el.button(
            rx.cond(
                ChatState.cart_busy,
                t("Adding…"),
                t("Add to cart at") + " " + ChatState.deal_price,
            ),
            type="button",
            id="deal-add",
            on_click=ChatState.add_deal_to_cart,
            disabled=ChatState.cart_busy,
            class_name="mt-2 rounded bg-green-800 px-4 py-2 font-medium text-white disabled:opacity-50",
            data_testid="deal-add",
        ),
        rx.el.div(
            rx.cond(
                ChatState.cart_added,
                rx.el.p(
                    t("Added to your cart at the agreed price.") + " ",
                    rx.el.a(t("View cart"), href=localized(lang, "cart"), class_name="underline"),
                    data_testid="deal-added",
                ),
            ),
            rx.cond(
                ChatState.cart_error != "",
                rx.el.p(
                    ChatState.cart_error, role="alert", class_name="text-red-700", data_testid="deal-error"
                ),
            ),
            aria_live="polite",
            class_name="mt-2 text-sm",
        ),
        class_name="mt-3 rounded border border-green-700 bg-green-50 p-3 text-green-900",
        data_testid="deal",
    )


def _conversation(lang: str) -> rx.Component:
    t = gettext(lang)
    is_open = ChatState.status == "open"
    return rx.el.div(
        rx.el.p(t("List price:"), " ", ChatState.list_price, class_name="text-sm text-stone-600"),
        rx.el.ol(
            rx.foreach(ChatState.messages, lambda m: _message(lang, m)),
            role="log",
            aria_live="polite",
            aria_label=t("Conversation with the assistant"),
            class_name="mt-2 flex max-h-80 flex-col gap-2 overflow-y-auto",
            data_testid="chat-log",
        ),
        rx.cond(
            ChatState.typing,
            rx.el.p(t("The assistant is typing…"), class_name="mt-1 text-sm text-stone-500", role="status"),
        ),
        rx.cond(
            is_open & (ChatState.offer != ""),
            rx.el.p(
                rx.cond(ChatState.final, t("Final offer:"), t("Current offer:")),
                " ",
                rx.el.strong(ChatState.offer),
                class_name="mt-2 text-sm",
                data_testid="chat-offer",
            ),
        ),
        rx.cond(
            is_open,
            rx.el.div(
                rx.cond(
                    ChatState.chips.length() > 0,
                    rx.el.div(
                        rx.el.span(t("Quick offers:"), class_name="mr-1 text-sm text-stone-600"),
                        rx.foreach(ChatState.chips, lambda c: _chip(lang, c)),
                        class_name="mt-2 flex flex-wrap items-center gap-2",
                        role="group",
                        aria_label=t("Quick offers"),
                    ),
                ),
                rx.el.form(
                    rx.el.label(t("Your message"), html_for="chat-input", class_name="sr-only"),
                    rx.el.input(
                        id="chat-input",
                        name="message",
                        type="text",
                        max_length=3999,
                        auto_complete="off",
                        placeholder=t("Make an offer or ask a question"),
                        class_name="min-w-0 flex-1 rounded border border-stone-300 px-2 py-1.5",
                        data_testid="chat-input",
                    ),
                    rx.el.button(
                        t("Send"),
                        type="submit",
                        disabled=ChatState.busy,
                        class_name=BUTTON + " bg-stone-900 text-white",
                        data_testid="chat-send",
                    ),
                    on_submit=ChatState.submit,
                    reset_on_submit=True,
                    class_name="mt-3 flex gap-2",
                ),
                rx.el.div(
                    rx.cond(
                        ChatState.offer != "",
                        rx.el.button(
                            t("Accept") + " " + ChatState.offer,
                            type="button",
                            on_click=ChatState.accept,
                            disabled=ChatState.busy,
                            class_name=BUTTON + " bg-green-800 text-white",
                            data_testid="chat-accept",
                        ),
                    ),
                    rx.el.button(
                        t("Leave"),
                        type="button",
                        on_click=ChatState.leave,
                        disabled=ChatState.busy,
                        class_name=BUTTON + " border border-stone-400 bg-white",
                        data_testid="chat-leave",
                    ),
                    class_name="mt-2 flex gap-2",
                ),
            ),
        ),
        rx.cond(ChatState.status == "agreed", _deal(lang)),
        rx.cond(
            (ChatState.status == "closed") | (ChatState.status == "expired"),
            rx.el.p(t("This negotiation is over."), class_name="mt-2 text-sm text-stone-600"),
        ),
    )


def chat_panel(lang: str) -> rx.Component:
    t = gettext(lang)
    variant = ProductState.variant
    showing = (ChatState.variant_id == variant.id) & (ChatState.variant_id != "")
    return rx.el.section(
        rx.el.h2(t("Make an offer"), id="chat-heading", class_name="text-lg font-semibold"),
        rx.cond(
            showing,
            _conversation(lang),
            rx.el.div(
                rx.el.p(
                    t("Open-box prices have some room. Tell our assistant what you would pay."),
                    class_name="text-sm text-stone-600",
                ),
                rx.el.button(
                    rx.cond(ChatState.busy, t("Opening…"), t("Negotiate the price")),
                    type="button",
                    on_click=ChatState.start,
                    disabled=ChatState.busy | ~variant.in_stock | (variant.id == ""),
                    class_name=BUTTON + " mt-2 bg-stone-900 text-white",
                    data_testid="chat-start",
                ),
            ),
        ),
        rx.cond(
            ChatState.notice != "",
            rx.el.p(
                ChatState.notice,
                role="status",
                class_name="mt-2 text-sm text-stone-700",
                data_testid="chat-notice",
            ),
        ),
        rx.cond(
            ChatState.error != "",
            rx.el.p(
                ChatState.error,
                role="alert",
                class_name="mt-2 text-sm text-red-700",
                data_testid="chat-error",
            ),
        ),
        aria_labelledby="chat-heading",
        class_name="mt-6 rounded border border-stone-300 p-4",
        data_testid="chat",
    )
