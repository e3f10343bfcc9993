"""Ask V8 to compile the storefront's boot scripts eagerly, off the main thread.

V8 compiles a function lazily, on the main thread, the first time it is called, unless told
otherwise. Nearly every function in React, React Router, Reflex's runtime and the page modules
runs while a page boots, so that compilation lands in the boot's long tasks (Total Blocking
Time). The magic comment `//# allFunctionsCalledOnLoad` at the top of a script (Chromium 136+;
other engines ignore it) makes V8 compile all of the script's functions while it loads it, on a
background thread.

This Reflex plugin prepends the comment, after the production build and before the files are
compressed, to the scripts a storefront page loads at boot: those its prerendered HTML preloads
or imports. The staff pages' own chunk (a large admin bundle, mostly unused on any one screen)
is left lazy. Interleaved pairs at 4× CPU, median TBT over 8 loads without / with: listing
228 → 180 ms, product 238 → 156 ms, home 174 → 137 ms (bench/RESULTS.md, section 2026-11-26 15:01–16:28).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from reflex.plugins import Plugin

log = logging.getLogger(__name__)

MAGIC_COMMENT = b"//# allFunctionsCalledOnLoad\n"
# `<link rel="modulepreload" href="/assets/…js"/>` and the boot script's `import … "/assets/…js"`
# and `import("/assets/…js")`.
_SCRIPT_URL = re.compile(rb'(?:modulepreload" href=|import\s*\(?\s*|from\s*)"/(assets/[^"]+\.js)"')
STAFF_PAGES = "admin"


def boot_scripts(static_dir: Path) -> set[Path]:
    """The scripts the prerendered storefront pages load at boot."""
    scripts: set[Path] = set()
    for page in static_dir.rglob("*.html"):
        if STAFF_PAGES in page.relative_to(static_dir).with_suffix("").parts:
            continue
        for url in _SCRIPT_URL.findall(page.read_bytes()):
            script = static_dir / url.decode()
            if script.is_file():
                scripts.add(script)
    return scripts


def add_compile_hints(static_dir: Path) -> int:
    """Prepend the comment to each boot script that lacks it; returns how many were changed."""
    changed = 0
    for script in sorted(boot_scripts(static_dir)):
        code = script.read_bytes()
        if not code.startswith(MAGIC_COMMENT):
            script.write_bytes(MAGIC_COMMENT + code)
            changed += 1
    return changed


class CompileHints(Plugin):
    """Registered in rxconfig.py."""

    def post_build(self, **context) -> None:
        changed = add_compile_hints(Path(context["static_dir"]))
        if not changed:  # a Reflex or React Router upgrade changed the pages' markup: say so
            log.warning("compile_hints: no boot script found in the prerendered pages")
