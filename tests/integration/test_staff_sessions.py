"""Staff sessions against the real Medusa and Postgres: sign-in, lookup, expiry, sign-out, and the
dashboard's Admin API figures with the staff member's own token."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

import db
from staff import dashboard, sessions


@pytest.fixture
def login(stack):
    return stack.settings.admin_email, stack.settings.admin_password


async def test_sign_in_keeps_the_token_on_the_server_and_out_of_the_logs(login, caplog):
    caplog.set_level(logging.DEBUG)
    session_id, staff = await sessions.sign_in(*login)
    assert staff.email == login[0]
    found = await sessions.lookup(session_id)
    assert found.staff == staff and not found.expired
    with db.engine().connect() as conn:
        token, id_hash = conn.execute(
            text("SELECT medusa_token, id_hash FROM staff.staff_session WHERE id_hash = :h"),
            {"h": sessions.hash_id(session_id)},
        ).one()
    assert token.count(".") == 2 and id_hash != session_id  # a JWT stored; the id only hashed
    assert not any(token in record.getMessage() for record in caplog.records)
    client = await sessions.admin_client(session_id)
    counts = await dashboard.order_counts(client)
    assert 0 <= counts.today <= counts.week
    await sessions.sign_out(session_id)
    assert (await sessions.lookup(session_id)).staff is None
    assert await sessions.admin_client(session_id) is None


async def test_wrong_passwords_and_shopper_accounts_are_not_staff(login, stack):
    from shop import accounts

    with pytest.raises(sessions.SignInError):
        await sessions.sign_in(login[0], "not-the-password")
    email = f"shopper-{uuid.uuid4().hex[:8]}@example.com"
    await accounts.register(email, "correct-horse-1", first_name="Ana", last_name="T")
    with pytest.raises(sessions.SignInError):
        await sessions.sign_in(email, "correct-horse-1")


async def test_an_idle_session_expires_and_says_so(login):
    session_id, _ = await sessions.sign_in(*login)
    with db.engine().begin() as conn:
        conn.execute(
            text("UPDATE staff.staff_session SET last_seen_at = :t WHERE id_hash = :h"),
            {"t": datetime.now(UTC) - timedelta(hours=3), "h": sessions.hash_id(session_id)},
        )
    found = await sessions.lookup(session_id)
    assert found.staff is None and found.expired
    assert (await sessions.lookup(session_id)).expired is False  # gone: it now reads as unknown


async def test_the_admin_route_needs_a_live_session(login):
    import httpx

    from staff.api import api

    session_id, _ = await sessions.sign_in(*login)
    transport = httpx.ASGITransport(app=api())
    async with httpx.AsyncClient(transport=transport, base_url="http://shop.test") as client:
        assert (await client.get("/api/admin/runs/1/rows.csv")).status_code == 401
        ok = await client.get("/api/admin/runs/1/rows.csv", cookies={"tob_admin": session_id})
        assert ok.status_code == 200 and ok.text.startswith("line,handle,sku,status,message")
        cross = await client.get(
            "/api/admin/runs/1/rows.csv",
            cookies={"tob_admin": session_id},
            headers={"origin": "https://evil.test"},
        )
        assert cross.status_code == 403
        await sessions.sign_out(session_id)
        assert (
            await client.get("/api/admin/runs/1/rows.csv", cookies={"tob_admin": session_id})
        ).status_code == 401
