"""Find the UI strings in our code: Babel's extractor, plus the `t("…")` calls inside f-strings
that it cannot see on Python 3.11 (an f-string is a single token there)."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("tob_app", "shop", "assistant", "jobs", "catalog")
KEYWORDS = {"t": None, "N_": None, "ngettext": (2, 3)}
# `t("…")` with a plain double-quoted literal, wherever it appears (including inside f-strings).
_CALL = re.compile(r"""(?<![\w.])t\(\s*"((?:[^"\\\n]|\\.)+)"\s*[,)]""")


def messages_in_code(root: Path = ROOT) -> set[str]:
    found: set[str] = set()
    for package in PACKAGES:
        folder = root / package
        if not folder.is_dir():
            continue
        for _, _, message, _, _ in extract_from_dir(str(folder), keywords=KEYWORDS):
            found.add(message if isinstance(message, str) else message[0])
        for path in folder.rglob("*.py"):
            for literal in _CALL.findall(path.read_text(encoding="utf-8")):
                found.add(literal.encode().decode("unicode_escape").encode("latin-1").decode("utf-8"))
    return found
