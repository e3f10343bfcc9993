"""Staff sessions: sign in with a Medusa staff account, look a session up, sign out.

The browser keeps a random session id (a cookie); the Medusa admin token stays in our table and is
never logged. A session ends at the earliest of: the token's own expiry, ``ADMIN_SESSION_HOURS``
after sign-in (default 8), or ``ADMIN_IDLE_MINUTES`` without any admin action (default 60).
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlmodel import delete, select

import db
from medusa import AuthenticationError, Medusa
from shop.sessions import token_expiry

from .models import StaffSession

log = logging.getLogger("staff")

# last_seen_at is written at most this often (every admin event reads the session).
TOUCH_EVERY = timedelta(seconds=60)


@dataclass(frozen=True)
class Staff:
    """Who is signed in, as handlers see them (no token)."""

    user_id: str
    email: str


@dataclass(frozen=True)
class Lookup:
    staff: Staff | None
    expired: bool = False  # there was a session, and it has ended


def session_hours() -> float:
    return float(os.environ.get("ADMIN_SESSION_HOURS") or 8)


def idle_minutes() -> float:
    return float(os.environ.get("ADMIN_IDLE_MINUTES") or 60)


def hash_id(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def is_live(row: StaffSession, now: datetime, idle: timedelta) -> bool:
    """A session is live before its hard expiry and while it has been used recently."""
    return now < row.expires_at and now - row.last_seen_at < idle


def expiry_for(token: str, now: datetime, hours: float) -> datetime:
    return min(token_expiry(token, now), now + timedelta(hours=hours))


class SignInError(Exception):
    """Wrong email or password, or not a staff account (the message is not shown as is)."""


async def sign_in(email: str, password: str, *, medusa: Medusa | None = None) -> tuple[str, Staff]:
    """Check the credentials with Medusa (``/auth/user/emailpass``) and open a session; returns the
    new session id (for the browser) and who signed in. Raises SignInError or MedusaError."""
    from catalog.source import medusa as shared

    client = medusa or shared()
    try:
        token = await client.admin.auth.login(email, password)
        user = await client.with_admin_token(token).admin.user.me()
    except AuthenticationError:
        raise SignInError("wrong email or password") from None
    session_id = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    async with db.async_session() as s:
        s.add(
            StaffSession(
                id_hash=hash_id(session_id),
                user_id=user.id,
                email=user.email,
                medusa_token=token,
                created_at=now,
                last_seen_at=now,
                expires_at=expiry_for(token, now, session_hours()),
            )
        )
    log.info("staff %s signed in", user.email)
    return session_id, Staff(user.id, user.email)


async def _row(session_id: str) -> tuple[StaffSession | None, bool]:
    """The live row for a session id and whether an ended one was found (and removed)."""
    if not session_id or not isinstance(session_id, str) or len(session_id) > 200:
        return None, False
    now = datetime.now(UTC)
    async with db.async_session() as s:
        row = await s.get(StaffSession, hash_id(session_id))
        if row is None:
            return None, False
        if not is_live(row, now, timedelta(minutes=idle_minutes())):
            await s.delete(row)
            return None, True
        if now - row.last_seen_at >= TOUCH_EVERY:
            row.last_seen_at = now
            s.add(row)
        s.expunge(row)
        return row, False


async def lookup(session_id: str) -> Lookup:
    """Who this session belongs to, or nobody (unknown, signed out, or expired)."""
    row, ended = await _row(session_id)
    if row is None:
        return Lookup(None, expired=ended)
    return Lookup(Staff(row.user_id, row.email))


async def admin_client(session_id: str) -> Medusa | None:
    """A Medusa client with this staff member's own token (the Admin API sees who acts)."""
    from catalog.source import medusa as shared

    row, _ = await _row(session_id)
    return shared().with_admin_token(row.medusa_token) if row is not None else None


async def sign_out(session_id: str) -> None:
    if not session_id:
        return
    async with db.async_session() as s:
        await s.exec(delete(StaffSession).where(StaffSession.id_hash == hash_id(session_id)))


async def purge_expired() -> int:
    now = datetime.now(UTC)
    idle = timedelta(minutes=idle_minutes())
    async with db.async_session() as s:
        rows = (await s.exec(select(StaffSession))).all()
        ended = [r for r in rows if not is_live(r, now, idle)]
        for row in ended:
            await s.delete(row)
        return len(ended)
