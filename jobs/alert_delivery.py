"""Delivering new alerts: one email (SMTP, shop/mail.py) and one Slack-compatible webhook post per
sync, each with bounded retries and backoff. Every attempt is recorded in
``jobs.alert_deliveries``; a failed delivery never loses an alert (it is stored first, and the
next sync tries the failed delivery again, up to ``ALERT_DELIVERY_MAX_ROUNDS`` times).

Settings (.env.example): ``ALERT_EMAIL_TO`` (comma-separated; empty → no email),
``ALERT_EMAIL_LANG`` (en|fr), ``ALERT_WEBHOOK_URL`` (empty → no webhook),
``ALERT_DELIVERY_ATTEMPTS`` (per delivery, default 4), ``ALERT_DELIVERY_BACKOFF_SECONDS`` (first
wait, doubled each time, default 1), ``ALERT_WEBHOOK_TIMEOUT_SECONDS`` (default 10).
"""

from __future__ import annotations

import logging
import os
import smtplib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage

import httpx
from sqlmodel import col, select

import db
from shop import mail
from translations import gettext, ngettext, normalize_lang

from .alert_models import Alert, AlertDelivery
from .alert_rules import BACK_IN_STOCK, FEED_UNREADABLE, LOW_STOCK, OUT_OF_STOCK, SYNC_FAILED, UNKNOWN_SKU
from .alerts import AlertRow
from .models import utcnow

log = logging.getLogger("jobs.alerts")

EMAIL, WEBHOOK = "email", "webhook"
PENDING, SENT, FAILED = "pending", "sent", "failed"
MAX_LISTED = 50  # alerts listed one by one in a message; the rest are counted


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, "").strip() or default


@dataclass(frozen=True)
class DeliverySettings:
    email_to: tuple[str, ...]
    email_lang: str
    webhook_url: str
    attempts: int
    backoff_seconds: float
    webhook_timeout: float
    max_rounds: int

    @classmethod
    def from_env(cls) -> DeliverySettings:
        return cls(
            email_to=tuple(a.strip() for a in _env("ALERT_EMAIL_TO").split(",") if a.strip()),
            email_lang=normalize_lang(_env("ALERT_EMAIL_LANG", "en")),
            webhook_url=_env("ALERT_WEBHOOK_URL"),
            attempts=max(1, int(_env("ALERT_DELIVERY_ATTEMPTS", "4"))),
            backoff_seconds=float(_env("ALERT_DELIVERY_BACKOFF_SECONDS", "1")),
            webhook_timeout=float(_env("ALERT_WEBHOOK_TIMEOUT_SECONDS", "10")),
            max_rounds=max(1, int(_env("ALERT_DELIVERY_MAX_ROUNDS", "5"))),
        )

    @property
    def targets(self) -> dict[str, str]:
        """Configured channel → where it delivers."""
        found = {EMAIL: ", ".join(self.email_to), WEBHOOK: self.webhook_url}
        return {channel: target for channel, target in found.items() if target}


# --- what the messages say -----------------------------------------------------------------------


def describe(alert: AlertRow, lang: str) -> str:
    """One line per alert, in the staff's language."""
    t = gettext(lang)
    d = alert.details
    product = f" ({alert.product_handle})" if alert.product_handle else ""
    if alert.kind == OUT_OF_STOCK:
        return t("Out of stock: {sku}{product}", sku=alert.sku, product=product)
    if alert.kind == LOW_STOCK:
        return t(
            "Low stock: {sku}{product}, {units} left (threshold {threshold})",
            sku=alert.sku,
            product=product,
            units=d.get("available"),
            threshold=d.get("threshold"),
        )
    if alert.kind == BACK_IN_STOCK:
        return t(
            "Back in stock: {sku}{product}, {units} available",
            sku=alert.sku,
            product=product,
            units=d.get("available"),
        )
    if alert.kind == UNKNOWN_SKU:
        return t("Unknown SKU in the stock feed: {sku}", sku=alert.sku)
    if alert.kind == FEED_UNREADABLE:
        return t(
            "The stock feed cannot be read: {feed}: {reason}", feed=alert.subject, reason=d.get("reason", "")
        )
    if alert.kind == SYNC_FAILED:
        return t("The inventory sync failed: {reason}", reason=d.get("reason", ""))
    return alert.message


def summary_lines(alerts: Sequence[AlertRow], lang: str) -> list[str]:
    lines = [describe(a, lang) for a in alerts[:MAX_LISTED]]
    if len(alerts) > MAX_LISTED:
        rest = len(alerts) - MAX_LISTED
        lines.append(ngettext(lang, "…and {n} more alert", "…and {n} more alerts", rest))
    return lines


def headline(alerts: Sequence[AlertRow], lang: str) -> str:
    n = len(alerts)
    return ngettext(lang, "The Open Box: {n} new stock alert", "The Open Box: {n} new stock alerts", n)


def email_message(alerts: Sequence[AlertRow], settings: DeliverySettings) -> EmailMessage:
    lang = settings.email_lang
    t = gettext(lang)
    message = EmailMessage()
    message["Subject"] = headline(alerts, lang)
    message["To"] = ", ".join(settings.email_to)
    body = "\n".join(f"- {line}" for line in summary_lines(alerts, lang))
    link = f"{mail.site_url()}/{lang}/admin"
    see = t("See and acknowledge the alerts: {url}", url=link)
    message.set_content(f"{body}\n\n{see}\n")
    return message


def webhook_payload(alerts: Sequence[AlertRow], lang: str) -> dict:
    """Slack's incoming-webhook format (``text`` with mrkdwn); Mattermost and others accept it too."""
    lines = "\n".join(f"• {line}" for line in summary_lines(alerts, lang))
    return {"text": f"*{headline(alerts, lang)}*\n{lines}"}


# --- sending with retries ------------------------------------------------------------------------


class PermanentFailure(Exception):
    """Retrying cannot help (e.g. the webhook answered 404)."""


def with_retries(
    send: Callable[[], None], attempts: int, backoff: float, sleep: Callable[[float], None] = time.sleep
) -> tuple[int, str | None]:
    """Try ``send`` up to ``attempts`` times, waiting backoff, 2×backoff… between tries.
    Returns (attempts made, last error or None when it went through)."""
    error = None
    for attempt in range(1, attempts + 1):
        try:
            send()
            return attempt, None
        except PermanentFailure as exc:
            return attempt, str(exc)
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"
            log.warning("alert delivery attempt %d/%d failed: %s", attempt, attempts, error)
            if attempt < attempts:
                sleep(backoff * 2 ** (attempt - 1))
    return attempts, error


def _post_webhook(url: str, payload: dict, timeout: float) -> None:
    response = httpx.post(url, json=payload, timeout=timeout)
    if response.status_code == 429 or response.status_code >= 500:
        raise RuntimeError(f"webhook answered HTTP {response.status_code}")
    if response.status_code >= 400:
        raise PermanentFailure(f"webhook answered HTTP {response.status_code}: {response.text[:200]}")


def _send_email(message: EmailMessage) -> None:
    try:
        mail._send_now(message)
    except smtplib.SMTPRecipientsRefused as exc:
        raise PermanentFailure(f"recipients refused: {exc}") from exc


def _attempt(delivery: AlertDelivery, alerts: list[AlertRow], settings: DeliverySettings) -> None:
    if delivery.channel == EMAIL:
        # A fresh message per attempt: sending stamps a Message-ID on it.
        send = lambda: _send_email(email_message(alerts, settings))  # noqa: E731
    else:
        payload = webhook_payload(alerts, settings.email_lang)
        send = lambda: _post_webhook(settings.webhook_url, payload, settings.webhook_timeout)  # noqa: E731
    tries, error = with_retries(send, settings.attempts, settings.backoff_seconds)
    with db.session() as s:
        row = s.get(AlertDelivery, delivery.id)
        assert row is not None
        row.attempts += tries
        row.status = FAILED if error else SENT
        row.last_error = error
        row.delivered_at = None if error else utcnow()
        s.add(row)


def _rows(ids: list[int]) -> list[AlertRow]:
    with db.session() as s:
        found = s.exec(select(Alert).where(col(Alert.id).in_(ids)).order_by(col(Alert.id))).all()
        return [AlertRow.of(a) for a in found]


def deliver(alerts: Sequence[AlertRow], settings: DeliverySettings | None = None) -> dict[str, str]:
    """Send ``alerts`` on every configured channel; returns channel → sent | failed."""
    settings = settings or DeliverySettings.from_env()
    outcome: dict[str, str] = {}
    if not alerts:
        return outcome
    for channel, target in settings.targets.items():
        with db.session() as s:
            delivery = AlertDelivery(
                channel=channel, target=target, alert_ids=[a.id for a in alerts], status=PENDING
            )
            s.add(delivery)
            s.flush()
            s.expunge(delivery)
        _attempt(delivery, list(alerts), settings)
        with db.session() as s:
            done = s.get(AlertDelivery, delivery.id)
            outcome[channel] = done.status if done else FAILED
    return outcome


def retry_failed(settings: DeliverySettings | None = None) -> dict[str, int]:
    """Deliveries that failed in earlier runs (within a day, fewer than max_rounds × attempts
    tries so far, to a target still configured): tried again. Returns {"sent": n, "failed": n}."""
    settings = settings or DeliverySettings.from_env()
    cutoff = utcnow() - timedelta(days=1)
    targets = settings.targets
    if not targets:
        return {SENT: 0, FAILED: 0}
    with db.session() as s:
        due = [
            d
            for d in s.exec(
                select(AlertDelivery)
                .where(
                    AlertDelivery.status == FAILED,
                    col(AlertDelivery.created_at) >= cutoff,
                    col(AlertDelivery.attempts) < settings.attempts * settings.max_rounds,
                    col(AlertDelivery.channel).in_(list(targets)),
                )
                .order_by(col(AlertDelivery.id))
            ).all()
            if targets.get(d.channel) == d.target
        ]
        for d in due:
            s.expunge(d)
    counts = {SENT: 0, FAILED: 0}
    for delivery in due:
        _attempt(delivery, _rows(list(delivery.alert_ids)), settings)
        with db.session() as s:
            done = s.get(AlertDelivery, delivery.id)
            counts[done.status if done else FAILED] += 1
    return counts
