"""An agreed price becomes a single-use Medusa promotion code.

The code is drawn when the deal is agreed and stored with the negotiation *before* Medusa is
asked, so a retry after any failure finds or creates exactly one promotion for it: usage limit
1, a fixed amount off (list − agreed) on one unit of exactly that variant of that product, in
that currency, inside a campaign that ends when the deal expires, with the negotiation id in
its metadata.
"""

from __future__ import annotations

import base64
import logging
import os
import secrets
import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlmodel import select

import db
from medusa import AuthenticationError, Medusa, MedusaError

from .models import NegotiationRow, utcnow

__all__ = ["CODE_PREFIX", "ensure_promotion", "new_code", "promotion_body"]

log = logging.getLogger("assistant.deals")

CODE_PREFIX = "DEAL-"
CODE_BYTES = 10  # 80 random bits


def new_code() -> str:
    """``DEAL-`` + 16 base32 characters from the OS's CSPRNG (80 bits; unguessable)."""
    return CODE_PREFIX + base64.b32encode(secrets.token_bytes(CODE_BYTES)).decode().rstrip("=")


def promotion_body(
    *,
    code: str,
    negotiation_id: str,
    product_id: str,
    variant_id: str,
    currency_code: str,
    list_price: Decimal,
    deal_price: Decimal,
    starts_at: datetime,
    expires_at: datetime,
    tax_inclusive: bool = False,
) -> dict[str, Any]:
    """The ``POST /admin/promotions`` body for one deal (pure)."""
    amount_off = list_price - deal_price
    if amount_off <= 0:
        raise ValueError("a deal below the list price is needed for a promotion")
    return {
        "code": code,
        "type": "standard",
        "status": "active",
        "is_automatic": False,
        "is_tax_inclusive": tax_inclusive,
        "limit": 1,
        "metadata": {"negotiation_id": negotiation_id, "source": "assistant"},
        "campaign": {
            "name": f"Negotiated deal {negotiation_id}",
            "campaign_identifier": f"negotiation-{negotiation_id}",
            "starts_at": starts_at,
            "ends_at": expires_at,
        },
        "application_method": {
            "type": "fixed",
            "target_type": "items",
            "allocation": "each",
            "value": amount_off,
            "currency_code": currency_code,
            "max_quantity": 1,
            "target_rules": [
                {"attribute": "items.product.id", "operator": "in", "values": [product_id]},
                {"attribute": "items.variant_id", "operator": "in", "values": [variant_id]},
            ],
        },
        "rules": [{"attribute": "currency_code", "operator": "in", "values": [currency_code]}],
    }


_admin_token: str | None = None


async def _admin(medusa: Medusa, *, fresh: bool = False) -> Medusa:
    """A copy of the client logged in as the staff user (token cached per process)."""
    global _admin_token
    if _admin_token is None or fresh:
        _admin_token = await medusa.admin.auth.login(
            os.environ.get("MEDUSA_ADMIN_EMAIL", "admin@theopenbox.test"),
            os.environ.get("MEDUSA_ADMIN_PASSWORD", "supersecret"),
        )
    return medusa.with_admin_token(_admin_token)


async def ensure_promotion(negotiation_id: str | uuid.UUID, *, medusa: Medusa | None = None) -> str | None:
    """The deal's promotion code, creating the promotion in Medusa if it does not exist yet.

    ``None`` when the negotiation has no live deal. Safe to call again after any failure: the
    row lock serializes callers and the stored code is looked up before anything is created.
    Raises :class:`medusa.MedusaError` when Medusa cannot be reached (the deal stays agreed;
    call again later).
    """
    from .service import _client

    client = _client(medusa)
    nid = uuid.UUID(str(negotiation_id))
    async with db.async_session() as session:
        row = (
            await session.exec(select(NegotiationRow).where(NegotiationRow.id == nid).with_for_update())
        ).one_or_none()
        if row is None or row.status != "agreed" or row.promo_code is None or row.deal_price is None:
            return None
        if row.expires_at is None or row.expires_at <= utcnow() or row.deal_price >= row.list_price:
            return None
        if row.promotion_id is not None:
            return row.promo_code
        try:
            admin = await _admin(client)
            promotion_id = await _find_or_create(admin, row)
        except AuthenticationError:
            admin = await _admin(client, fresh=True)
            promotion_id = await _find_or_create(admin, row)
        row.promotion_id = promotion_id
        row.updated_at = utcnow()
        session.add(row)
        return row.promo_code


async def _find_or_create(admin: Medusa, row: NegotiationRow) -> str:
    existing = await admin.admin.promotion.list(code=row.promo_code, limit=1, fields="id,code")
    if existing.items:
        return existing.items[0].id
    product = await admin.store.product.retrieve(row.product_id, region_id=row.region_id)
    variant = next((v for v in product.variants if v.id == row.variant_id), None)
    tax_inclusive = bool(
        variant and variant.calculated_price and variant.calculated_price.is_calculated_price_tax_inclusive
    )
    body = promotion_body(
        code=row.promo_code,  # type: ignore[arg-type]
        negotiation_id=str(row.id),
        product_id=row.product_id,
        variant_id=row.variant_id,
        currency_code=row.currency_code,
        list_price=Decimal(row.list_price),
        deal_price=Decimal(row.deal_price),  # type: ignore[arg-type]
        starts_at=row.created_at,
        expires_at=row.expires_at,  # type: ignore[arg-type]
        tax_inclusive=tax_inclusive,
    )
    try:
        return (await admin.admin.promotion.create(body)).id
    except MedusaError:
        # A create that reached Medusa but whose answer was lost: look once more before failing.
        again = await admin.admin.promotion.list(code=row.promo_code, limit=1, fields="id,code")
        if again.items:
            return again.items[0].id
        raise
