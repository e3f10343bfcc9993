"""Extract UI strings into translations/{en,fr}/LC_MESSAGES/messages.po (keeps existing translations).

Run with `make translations`; then fill in the empty French `msgstr`s. A unit test fails while any is empty.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "fr")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp) / "messages.pot"
        pybabel = [sys.executable, "-m", "babel.messages.frontend"]
        subprocess.run(
            [
                *pybabel,
                "extract",
                "-F",
                "babel.cfg",
                "-k",
                "t",
                "-k",
                "ngettext:2,3",
                "--no-location",
                "--sort-output",
                "-o",
                str(pot),
                ".",
            ],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        for lang in LANGS:
            po = ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po"
            action = "update" if po.exists() else "init"
            subprocess.run(
                [
                    *pybabel,
                    action,
                    "-i",
                    str(pot),
                    "-d",
                    str(ROOT / "translations"),
                    "-l",
                    lang,
                    "--no-wrap",
                    *(["--ignore-obsolete", "--no-fuzzy-matching"] if action == "update" else []),
                ],
                cwd=ROOT,
                check=True,
                stdout=subprocess.DEVNULL,
            )


if __name__ == "__main__":
    main()
