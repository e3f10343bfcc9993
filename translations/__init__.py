"""UI language for every package: the gettext catalogs in this folder (Babel), money and numbers.

Pages are compiled once per language, so most strings are resolved at build time with
`gettext(lang)`; state code uses the same catalogs for strings that depend on data.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Literal

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal
from babel.support import Translations

Lang = Literal["en", "fr"]
LANGS: tuple[Lang, ...] = ("en", "fr")
DEFAULT_LANG: Lang = "en"

# Babel locale per UI language (prices and numbers), Medusa locale for translated content.
BABEL_LOCALES = {"en": "en_CA", "fr": "fr_CA"}
MEDUSA_LOCALES = {"en": "en-CA", "fr": "fr-CA"}
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}

TRANSLATIONS_DIR = Path(__file__).resolve().parent


def normalize_lang(value: str | None) -> Lang:
    value = (value or "").strip().lower()[:2]
    return value if value in LANGS else DEFAULT_LANG  # type: ignore[return-value]


@cache
def catalog(lang: str) -> Translations:
    """The language's messages, compiled in memory from its .po file (no compile step to forget)."""
    po_path = TRANSLATIONS_DIR / lang / "LC_MESSAGES" / "messages.po"
    with po_path.open("rb") as fh:
        po = read_po(fh, locale=BABEL_LOCALES[lang])
    buffer = BytesIO()
    write_mo(buffer, po)
    buffer.seek(0)
    return Translations(fp=buffer)


def gettext(lang: str):
    """Return `t(msgid, **fmt)` for a language; `t` formats `{name}` placeholders."""
    trans = catalog(normalize_lang(lang))

    def t(message: str, **fmt: object) -> str:
        text = trans.gettext(message)
        return text.format(**fmt) if fmt else text

    return t


def ngettext(lang: str, singular: str, plural: str, n: int, **fmt: object) -> str:
    trans = catalog(normalize_lang(lang))
    return trans.ngettext(singular, plural, n).format(n=format_number(n, lang), **fmt)


def format_money(amount: Decimal, currency_code: str, lang: str) -> str:
    """`fr` → `1 234,50 $`, `en` → `$1,234.50` (Babel; the fr spaces are non-breaking)."""
    return format_currency(amount, currency_code.upper(), locale=BABEL_LOCALES[normalize_lang(lang)])


def format_number(n: int | Decimal, lang: str) -> str:
    return format_decimal(n, locale=BABEL_LOCALES[normalize_lang(lang)])


def N_(message: str) -> str:
    """Mark a string in data for extraction (`make translations`); translate it where shown with t()."""
    return message
