"""The one guard every admin event handler and admin API route goes through.

Handlers: decorate with ``@staff_only`` (or ``@staff_only(background=True)`` under a background
event). Before the handler body runs, the state's ``_staff_guard()`` checks the staff session on
the server (the cookie's session id against our table); without a live session the body never
runs, so nothing is read or changed. Inside, ``current_staff()`` says who acts (for audit ``by=``).

API routes: ``await staff_for_cookie(value)`` raises :class:`Unauthorized` (→ 401).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from .sessions import Staff, lookup

STAFF_ONLY = "__staff_only__"
PUBLIC = "__staff_public__"
COOKIE = "tob_admin"

_current: ContextVar[Staff | None] = ContextVar("current_staff", default=None)


class Unauthorized(Exception):
    """No live staff session."""


def current_staff() -> Staff:
    """Who runs the current guarded handler (raises outside one: a bug, not a user error)."""
    staff = _current.get()
    if staff is None:
        raise Unauthorized("not inside a staff-only handler")
    return staff


def staff_only(fn: Callable | None = None, *, background: bool = False):
    """Run the handler only for a live staff session. The state class provides
    ``async _staff_guard() -> Staff | None`` (which also clears what the page shows when the
    session is gone). With ``background=True`` the check takes the state lock itself."""

    def wrap(fn: Callable) -> Callable:
        async def check(self) -> Staff | None:
            if background:
                async with self:
                    return await self._staff_guard()
            return await self._staff_guard()

        if inspect.isasyncgenfunction(fn):

            @functools.wraps(fn)
            async def gen_wrapper(self, *args: Any, **kwargs: Any):
                staff = await check(self)
                if staff is None:
                    return
                token = _current.set(staff)
                try:
                    async for item in fn(self, *args, **kwargs):
                        yield item
                finally:
                    _current.reset(token)

            wrapper: Callable = gen_wrapper
        else:

            @functools.wraps(fn)
            async def co_wrapper(self, *args: Any, **kwargs: Any):
                staff = await check(self)
                if staff is None:
                    return None
                token = _current.set(staff)
                try:
                    result = fn(self, *args, **kwargs)
                    if inspect.isawaitable(result):
                        result = await result
                    return result
                finally:
                    _current.reset(token)

            wrapper = co_wrapper
        setattr(wrapper, STAFF_ONLY, True)
        return wrapper

    return wrap(fn) if fn is not None else wrap


def public(fn: Callable) -> Callable:
    """Mark a handler that is open to anyone on purpose (page load, sign-in): it may only touch
    the session itself, never staff data."""
    setattr(fn, PUBLIC, True)
    return fn


async def staff_for_cookie(session_id: str | None) -> Staff:
    found = await lookup(session_id or "")
    if found.staff is None:
        raise Unauthorized("session expired" if found.expired else "not signed in")
    return found.staff
