"""Signed-in shoppers: the browser keeps a random session id; the Medusa token stays here.

Only a SHA-256 of the session id is stored, so a database dump does not hand out sessions.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Field, SQLModel, delete, select

import db

DEFAULT_LIFETIME = timedelta(days=1)


class CustomerSession(SQLModel, table=True):
    __tablename__ = "customer_session"
    __table_args__ = {"schema": "shop"}

    id_hash: str = Field(primary_key=True, max_length=64)
    customer_id: str = Field(index=True, max_length=64)
    medusa_token: str
    created_at: datetime = Field(sa_type=sa.DateTime(timezone=True))
    expires_at: datetime = Field(sa_type=sa.DateTime(timezone=True), index=True)


def _hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def token_expiry(token: str, now: datetime) -> datetime:
    """The JWT's own `exp` (read, not verified: Medusa verifies it), else a day from now."""
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        return datetime.fromtimestamp(int(claims["exp"]), UTC)
    except (IndexError, KeyError, ValueError, TypeError):
        return now + DEFAULT_LIFETIME


async def create(customer_id: str, medusa_token: str) -> str:
    session_id = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    async with db.async_session() as s:
        s.add(
            CustomerSession(
                id_hash=_hash(session_id),
                customer_id=customer_id,
                medusa_token=medusa_token,
                created_at=now,
                expires_at=token_expiry(medusa_token, now),
            )
        )
    return session_id


async def token(session_id: str) -> str | None:
    """The Medusa token of a live session, or None (unknown, signed out or expired)."""
    if not session_id:
        return None
    async with db.async_session() as s:
        row = await s.get(CustomerSession, _hash(session_id))
        if row is None:
            return None
        if row.expires_at <= datetime.now(UTC):
            await s.delete(row)
            return None
        return row.medusa_token


async def end(session_id: str) -> None:
    if not session_id:
        return
    async with db.async_session() as s:
        await s.exec(delete(CustomerSession).where(CustomerSession.id_hash == _hash(session_id)))


async def purge_expired() -> int:
    async with db.async_session() as s:
        rows = (
            await s.exec(select(CustomerSession).where(CustomerSession.expires_at <= datetime.now(UTC)))
        ).all()
        for row in rows:
            await s.delete(row)
        return len(rows)
