"""Mail to shoppers in their language: password-reset links and order confirmations.

Sent over SMTP (`SMTP_HOST`, `SMTP_PORT`, optional `SMTP_USER`/`SMTP_PASSWORD`/`SMTP_STARTTLS`),
from `MAIL_FROM`. Locally the stack's catcher receives everything (stack/mailcatcher.py).
"""

from __future__ import annotations

import asyncio
import os
import smtplib
from email.message import EmailMessage
from email.utils import make_msgid
from urllib.parse import urlencode

from translations import gettext, normalize_lang

DEFAULT_FROM = "The Open Box <orders@theopenbox.test>"


def _settings() -> dict[str, str]:
    return {
        "host": os.environ.get("SMTP_HOST", "").strip() or "127.0.0.1",
        "port": os.environ.get("SMTP_PORT", "").strip() or "1025",
        "user": os.environ.get("SMTP_USER", "").strip(),
        "password": os.environ.get("SMTP_PASSWORD", ""),
        "starttls": os.environ.get("SMTP_STARTTLS", "").strip().lower(),
        "from": os.environ.get("MAIL_FROM", "").strip() or DEFAULT_FROM,
        "site": os.environ.get("TOB_PUBLIC_URL", "").strip().rstrip("/")
        or f"http://localhost:{os.environ.get('TOB_PORT', '3000')}",
    }


def site_url() -> str:
    return _settings()["site"]


def password_reset_message(to: str, token: str, lang: str) -> EmailMessage:
    lang = normalize_lang(lang)
    t = gettext(lang)
    link = f"{site_url()}/{lang}/account/reset/new?{urlencode({'email': to, 'token': token})}"
    message = EmailMessage()
    message["Subject"] = t("Reset your password")
    message["To"] = to
    message.set_content(
        "\n\n".join(
            [
                t("Someone asked to reset the password of your The Open Box account."),
                t("To choose a new password, open this link within 15 minutes:"),
                link,
                t("If you did not ask for this, ignore this message: your password stays the same."),
            ]
        )
        + "\n"
    )
    return message


def order_confirmation_message(
    to: str, lang: str, number: str, lines: list[str], total: str, url: str
) -> EmailMessage:
    t = gettext(lang)
    message = EmailMessage()
    message["Subject"] = t("Your order #{number} is confirmed", number=number)
    message["To"] = to
    message.set_content(
        "\n\n".join(
            [
                t("Thank you for your order"),
                "\n".join(lines),
                f"{t('Total')}: {total}",
                t("See your order: {url}", url=url),
            ]
        )
        + "\n"
    )
    return message


def _send_now(message: EmailMessage) -> None:
    cfg = _settings()
    if "From" not in message:
        message["From"] = cfg["from"]
    message["Message-ID"] = make_msgid(domain="theopenbox.test")
    with smtplib.SMTP(cfg["host"], int(cfg["port"]), timeout=10) as smtp:
        if cfg["starttls"] in ("1", "true", "yes"):
            smtp.starttls()
        if cfg["user"]:
            smtp.login(cfg["user"], cfg["password"])
        smtp.send_message(message)


async def send(message: EmailMessage) -> None:
    """Send without blocking the event loop; raises OSError/SMTPException when the relay refuses."""
    await asyncio.to_thread(_send_now, message)
