"""Floor prices from ingestion files: the hand-off to the negotiation rules.

A floor price is the lowest price the assistant may accept for a variant. It is never sent to
Medusa (the Store API exposes product metadata) and never reaches the browser. Ingestion keeps
each floor it reads in its row results (``jobs.ingestion_rows.floor_amount`` / ``floor_currency``)
and passes it to :func:`apply_floor`.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

FloorHandler = Callable[[str, str, Decimal, str], None]

_handler: FloorHandler | None = None


def set_floor_handler(handler: FloorHandler | None) -> FloorHandler | None:
    """Register the function that stores a floor in the negotiation rules (``None`` removes it);
    returns the one it replaces."""
    global _handler
    previous, _handler = _handler, handler
    return previous


def apply_floor(handle: str, sku: str, amount: Decimal, currency: str) -> bool:
    """Hand a floor price for the variant ``sku`` of product ``handle`` to the negotiation rules.

    The ``assistant`` package owns floor prices and their table; it registers its writer with
    :func:`set_floor_handler` when it is imported by the process that runs ingestion. Returns
    True when a handler stored the floor, False when none is registered: the row result then says
    "floor provided" and keeps the amount, so the floor can be applied later from the ingestion
    results without re-reading the file. ``amount`` is a Decimal in major units, ``currency`` a
    lower-case ISO 4217 code.
    """
    if isinstance(amount, float) or not isinstance(amount, Decimal):
        raise TypeError("a floor price must be a Decimal")
    if _handler is None:
        return False
    _handler(handle, sku, amount, currency.lower())
    return True
