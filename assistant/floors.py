"""Floor prices that arrive with imported products (jobs/ingest): stored as variant rules.

An imported floor is an absolute amount for one currency of one variant (by SKU); amounts for
the variant's other currencies, and every other field of its rule, are kept.
"""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import select

import db

from .models import RuleRow
from .rule_store import row_to_rule, set_rule
from .rules import Level

IMPORTED_BY = "ingestion"


def store_imported_floor(handle: str, sku: str, amount: Decimal, currency: str) -> None:
    """The ingestion hand-off (`jobs.ingest.floors.apply_floor`); `handle` is informational."""
    if not isinstance(amount, Decimal) or amount < 0:
        raise ValueError("a floor price is a Decimal of at least 0")
    with db.session() as session:
        row = session.exec(
            select(RuleRow).where(RuleRow.level == Level.variant.value, RuleRow.target == sku)
        ).one_or_none()
        amounts = dict(row_to_rule(row).floor_amounts or {}) if row is not None else {}
        amounts[currency.lower()] = amount
        set_rule(
            session,
            Level.variant,
            sku,
            {"floor_amounts": amounts},
            by=IMPORTED_BY,
            note=f"imported for {handle}",
        )
