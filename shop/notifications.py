"""Mail that follows shop events: order confirmations (sent when our checkout makes the order)
and password-reset links (Medusa's `auth.password_reset` event, posted to us by its subscriber).

A mail failure is logged and never undoes the order or the reset.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from typing import Any

from catalog.source import medusa
from translations import format_money, normalize_lang

from . import mail

log = logging.getLogger(__name__)
_background: set[asyncio.Task] = set()


async def order_placed(order_id: str, lang: str) -> None:
    order = await medusa().store.order.retrieve(order_id)
    if not order.email:
        return
    lang = normalize_lang(lang)
    lines = []
    for item in order.items:
        subtotal = item.subtotal if item.subtotal is not None else item.unit_price * item.quantity
        title = " — ".join(p for p in (item.product_title or item.title, item.variant_title) if p)
        lines.append(f"{item.quantity} × {title}: {format_money(subtotal, order.currency_code, lang)}")
    url = f"{mail.site_url()}/{lang}/order/{order.id}/confirmed"
    total = format_money(order.total, order.currency_code, lang)
    await mail.send(
        mail.order_confirmation_message(order.email, lang, str(order.display_id or ""), lines, total, url)
    )


def order_placed_later(order_id: str, lang: str) -> None:
    """Send the confirmation in the background: the shopper's redirect does not wait for SMTP."""

    async def run() -> None:
        try:
            await order_placed(order_id, lang)
        except Exception:
            log.exception("order %s: the confirmation mail was not sent", order_id)

    task = asyncio.get_running_loop().create_task(run())
    _background.add(task)
    task.add_done_callback(_background.discard)


async def password_reset(data: Mapping[str, Any]) -> bool:
    """Mail the reset link of Medusa's `auth.password_reset` event; False when it is not ours
    (a staff user's reset, or a malformed event)."""
    if data.get("actor_type") != "customer":
        return False
    email, token = data.get("entity_id"), data.get("token")
    if not isinstance(email, str) or not isinstance(token, str) or "@" not in email:
        return False
    metadata = data.get("metadata") if isinstance(data.get("metadata"), dict) else {}
    await mail.send(mail.password_reset_message(email, token, str(metadata.get("lang", "en"))))
    return True
