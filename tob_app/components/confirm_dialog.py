"""A confirmation dialog before a destructive action, on Radix's unstyled Dialog primitive (focus
moves into it and stays there, Escape cancels, the page behind is inert), styled with Tailwind.

Controlled by the server: ``open`` is a state var; closing (Escape, Cancel) calls
``on_open_change(False)``; the confirm button calls ``on_confirm``. Cancel comes first so it has
the focus when the dialog opens: Enter alone never destroys anything.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex_components_radix.primitives import dialog

FOCUS = " focus:outline-none focus:ring-2 focus:ring-amber-500"


def confirm_dialog(
    *,
    open: Any,
    on_open_change: Any,
    on_confirm: Any,
    title: Any,
    description: Any,
    confirm_label: str,
    cancel_label: str,
    test_id: str,
) -> rx.Component:
    return dialog.root(
        dialog.portal(
            dialog.overlay(class_name="fixed inset-0 z-40 bg-stone-900/40"),
            dialog.content(
                dialog.title(title, class_name="text-lg font-semibold"),
                dialog.description(description, class_name="mt-2 text-sm text-stone-600"),
                rx.el.div(
                    rx.el.button(
                        cancel_label,
                        type="button",
                        on_click=on_open_change(False),
                        class_name="rounded border border-stone-300 bg-white px-3 py-1.5 text-sm "
                        "hover:bg-stone-100" + FOCUS,
                        data_testid=f"{test_id}-cancel",
                    ),
                    rx.el.button(
                        confirm_label,
                        type="button",
                        on_click=on_confirm,
                        class_name="rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white "
                        "hover:bg-red-800" + FOCUS,
                        data_testid=f"{test_id}-confirm",
                    ),
                    class_name="mt-4 flex justify-end gap-2",
                ),
                role="alertdialog",
                class_name="fixed left-1/2 top-1/3 z-50 w-[min(28rem,calc(100vw-2rem))] -translate-x-1/2 "
                "rounded border border-stone-200 bg-white p-5 shadow-lg",
                data_testid=test_id,
            ),
        ),
        open=open,
        on_open_change=on_open_change,
    )
