"""Debian's Chromium for browser tests and benchmarks (Playwright never downloads a browser here)."""

import shutil

# Without the background-networking flags Chromium keeps dialing Google's hosts, which this
# closed network refuses; --no-sandbox because CI runs as root.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def executable() -> str:
    path = shutil.which("chromium")
    if not path:
        raise RuntimeError("Debian's chromium is not installed (`make install` installs it)")
    return path
