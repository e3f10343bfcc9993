"""Labelled form fields whose error message (from a state's `errors` dict) is announced and tied
to the field (`aria-invalid`, `aria-describedby`)."""

from __future__ import annotations

import reflex as rx

INPUT = "mt-1 w-full rounded border border-stone-300 px-2 py-1.5 aria-[invalid=true]:border-red-600"


def field_error(errors, key: str) -> rx.Component:
    return rx.el.p(
        rx.cond(errors.contains(key), errors[key], ""),
        id=f"{key}-error",
        class_name="mt-1 text-sm text-red-700",
    )


def invalid(errors, key: str):
    return rx.cond(errors.contains(key), "true", "false")


def text_field(
    errors,
    key: str,
    label: str,
    *,
    value=None,
    name: str | None = None,
    type_: str = "text",
    autocomplete: str = "",
    required: bool = True,
) -> rx.Component:
    """`key` is the element id and error key; `name` (default: `key`) is what the form submits."""
    return rx.el.div(
        rx.el.label(label, html_for=key, class_name="block text-sm font-medium"),
        rx.el.input(
            id=key,
            name=name or key,
            type=type_,
            default_value=value,
            auto_complete=autocomplete,
            required=required,
            aria_invalid=invalid(errors, key),
            aria_describedby=f"{key}-error",
            class_name=INPUT,
        ),
        field_error(errors, key),
    )
