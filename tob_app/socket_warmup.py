"""Reflex opens its websocket's transport early, in a microtask queued while its modules are
evaluated, so the socket's set-up (socket.io's URL parsing, engine and transport creation) runs
inside the task that evaluates the page's modules: the longest task of a product page's boot.

This Reflex plugin compiles `utils/state.js` with that warm-up queued as a task of its own
(`setTimeout`): the transport still opens before React has hydrated, and the main thread gets a
break in between. Median of the longest module-evaluation task, interleaved pairs at 1× CPU:
product page 69 → 57 ms (10 pairs); listing 65 → 76 and 60 → 55 ms (two runs of 10 and 12
pairs; boot-time tasks vary ±30 ms from run to run here, so the gain is small and noisy).
"""

from __future__ import annotations

import logging

from reflex.plugins import Plugin

log = logging.getLogger(__name__)

STATE_JS = "utils/state.js"
_MICROTASK = (
    'if (typeof window !== "undefined") {\n  queueMicrotask(() => {\n    if (\n      socketStarted ||'
)
_TASK = 'if (typeof window !== "undefined") {\n  setTimeout(() => {\n    if (\n      socketStarted ||'


def warm_socket_in_own_task(state_js: str) -> str:
    if _TASK in state_js:  # .web kept from an earlier build
        return state_js
    if state_js.count(_MICROTASK) != 1:  # a Reflex upgrade changed it: keep it working, say so
        log.warning("socket_warmup: Reflex's socket warm-up not found in %s; left as is", STATE_JS)
        return state_js
    return state_js.replace(_MICROTASK, _TASK)


class SocketWarmupTask(Plugin):
    """Registered in rxconfig.py."""

    def pre_compile(self, **context) -> None:
        context["add_modify_task"](STATE_JS, warm_socket_in_own_task)
