"""The storefront has one colour scheme (light; `<meta name="color-scheme" content="light">`).

Reflex puts a script in every page's `<head>` that reads the saved theme from localStorage and the
OS preference before the body is parsed. In a new browser profile the first localStorage access
waits on the browser process (~50 ms measured in a fresh Chromium context, before any of the page
is parsed), and on a dark-mode OS it set `color-scheme: dark`, so form controls and scrollbars
turned dark on a light page. This Reflex plugin compiles the document with a script that only
sets the light scheme (`rxconfig.py` also sets `default_color_mode="light"` for the runtime side).
"""

from __future__ import annotations

import json
import logging
import re

from reflex.plugins import Plugin

log = logging.getLogger(__name__)

DOCUMENT = "app/_document.js"
LIGHT = 'document.documentElement.classList.add("light");document.documentElement.style.colorScheme="light";'
# The head script's text as a JS string literal in the compiled document: jsx("script",{},"…").
_THEME_SCRIPT = re.compile(r'jsx\("script",\{\},("(?:[^"\\]|\\.)*localStorage\.getItem(?:[^"\\]|\\.)*")\)')


def light_only(document_js: str) -> str:
    replaced, count = _THEME_SCRIPT.subn(lambda _: f'jsx("script",{{}},{json.dumps(LIGHT)})', document_js)
    if count != 1:  # a Reflex upgrade changed the document: keep it working, say so
        log.warning("light_only: Reflex's theme script not found in %s; left as is", DOCUMENT)
        return document_js
    return replaced


class LightOnly(Plugin):
    """Registered in rxconfig.py."""

    def pre_compile(self, **context) -> None:
        context["add_modify_task"](DOCUMENT, light_only)
