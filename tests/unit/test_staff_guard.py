"""The guard every admin handler goes through, and that every admin handler goes through it."""

import asyncio
import inspect

import pytest

from staff import guard
from staff.sessions import Staff, is_live
from staff.throttle import Throttle


class FakeState:
    def __init__(self, staff):
        self.staff = staff
        self.ran = []

    async def _staff_guard(self):
        return self.staff

    @guard.staff_only
    async def change(self, value):
        self.ran.append((value, guard.current_staff().email))
        return "done"

    @guard.staff_only
    async def stream(self):
        self.ran.append(guard.current_staff().email)
        yield 1
        yield 2


def test_without_a_session_the_body_never_runs():
    state = FakeState(None)
    assert asyncio.run(state.change("x")) is None
    assert state.ran == []

    async def drain():
        return [item async for item in state.stream()]

    assert asyncio.run(drain()) == []
    assert state.ran == []


def test_with_a_session_the_body_runs_and_knows_who_acts():
    state = FakeState(Staff("user_1", "admin@theopenbox.test"))
    assert asyncio.run(state.change("x")) == "done"

    async def drain():
        return [item async for item in state.stream()]

    assert asyncio.run(drain()) == [1, 2]
    assert state.ran == [("x", "admin@theopenbox.test"), "admin@theopenbox.test"]


def test_outside_a_guarded_handler_nobody_is_staff():
    with pytest.raises(guard.Unauthorized):
        guard.current_staff()


def test_wrapped_handlers_keep_their_signature_and_kind():
    assert list(inspect.signature(FakeState.change).parameters) == ["self", "value"]
    assert inspect.iscoroutinefunction(FakeState.change)
    assert inspect.isasyncgenfunction(FakeState.stream)


def test_every_admin_handler_is_guarded_or_deliberately_public():
    from tob_app.state import admin

    public = set()
    for cls in (admin.AdminState, *admin.VIEW_STATES):
        for name, handler in cls.event_handlers.items():
            if name in ("setvar",) or handler.fn.__qualname__.split(".")[0] not in {
                c.__name__ for c in (admin.AdminState, admin._ViewState, *admin.VIEW_STATES)
            }:
                continue
            fn = handler.fn
            assert getattr(fn, guard.STAFF_ONLY, False) or getattr(fn, guard.PUBLIC, False), name
            if getattr(fn, guard.PUBLIC, False):
                public.add(name)
    assert public == {"load", "sign_in"}


def test_sessions_end_on_expiry_and_on_idleness():
    from datetime import UTC, datetime, timedelta

    from staff.models import StaffSession

    now = datetime(2026, 11, 25, 12, tzinfo=UTC)
    row = StaffSession(
        id_hash="x", user_id="u", email="e", medusa_token="t", created_at=now,
        last_seen_at=now - timedelta(minutes=10), expires_at=now + timedelta(hours=1),
    )  # fmt: skip
    assert is_live(row, now, timedelta(minutes=60))
    assert not is_live(row, now, timedelta(minutes=5))
    assert not is_live(row, now + timedelta(hours=1), timedelta(hours=5))


def test_sign_in_is_throttled_per_email_and_address():
    clock = [0.0]
    throttle = Throttle(max_failures=3, window=60, clock=lambda: clock[0])
    for _ in range(3):
        assert not throttle.blocked("a@x", "1.2.3.4")
        throttle.failed("a@x", "1.2.3.4")
    assert throttle.blocked("a@x", "9.9.9.9") and throttle.blocked("b@x", "1.2.3.4")
    clock[0] = 61
    assert not throttle.blocked("a@x", "1.2.3.4")
