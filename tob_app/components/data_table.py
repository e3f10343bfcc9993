"""The admin page's tables: one markup for every list (header row, one row per item, a line of text
when there is nothing to show), so each view only says its columns and what goes in a row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import reflex as rx

TH = "border-b border-stone-200 px-2 py-1 text-left text-xs font-semibold uppercase text-stone-600"
TD = "border-b border-stone-100 px-2 py-1 text-sm align-top"


@dataclass(frozen=True)
class Column:
    header: str
    class_name: str = ""  # added to every cell of the column


def cell(*children: Any, class_name: str = "", **props: Any) -> rx.Component:
    """A cell with its own attributes (a test id); plain values become cells by themselves."""
    return rx.el.td(*children, class_name=f"{TD} {class_name}".strip(), **props)


def _as_cell(content: Any, column: Column) -> rx.Component:
    if getattr(content, "tag", None) == "td":
        return content
    return cell(content, class_name=column.class_name)


def data_table(
    columns: Sequence[str | Column],
    items: Any,
    row: Callable[[Any], Sequence[Any]],
    *,
    test_id: str,
    row_test_id: str = "",
    empty: str = "",
) -> rx.Component:
    """``items``: a list var; ``row(item)``: what each column shows for one item (a value, a
    component, or a :func:`cell`); ``empty``: the text shown when ``items`` is empty."""
    cols = [c if isinstance(c, Column) else Column(c) for c in columns]

    def render(item: Any) -> rx.Component:
        contents = list(row(item))
        if len(contents) != len(cols):
            raise ValueError(f"{test_id}: a row has {len(contents)} cells for {len(cols)} columns")
        return rx.el.tr(
            *[_as_cell(content, col) for content, col in zip(contents, cols, strict=True)],
            **({"data_testid": row_test_id} if row_test_id else {}),
        )

    table = rx.el.div(
        rx.el.table(
            rx.el.thead(rx.el.tr(*[rx.el.th(c.header, scope="col", class_name=TH) for c in cols])),
            rx.el.tbody(rx.foreach(items, render)),
            class_name="w-full border-collapse",
            data_testid=test_id,
        ),
        class_name="overflow-x-auto",
    )
    if not empty:
        return table
    return rx.fragment(
        table,
        rx.cond(items.length() == 0, rx.el.p(empty, class_name="py-2 text-sm text-stone-500")),
    )
