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
                "-k",
                "N_",
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
        _add_fstring_messages(pot)
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


def _add_fstring_messages(pot: Path) -> None:
    """Babel cannot see `t("…")` inside f-strings on Python 3.11; add those messages too."""
    sys.path.insert(0, str(ROOT))
    from babel.messages.pofile import read_po, write_po

    from translations.extract import messages_in_code

    with pot.open("rb") as fh:
        template = read_po(fh)
    for message in sorted(messages_in_code() - {m.id for m in template if isinstance(m.id, str)}):
        template.add(message)
    with pot.open("wb") as fh:
        write_po(fh, template, no_location=True, sort_output=True)


if __name__ == "__main__":
    main()
