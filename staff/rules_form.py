"""The rules editor: form fields → rule changes with per-field errors, the list-price check, and
the money preview of a product's resolved terms. Pure functions; messages in the staff's language.

Checks beyond :func:`assistant.rules.validate_rule`: a floor is never negative, a percent is in
0–100, and an absolute floor is never above the list price of what the rule targets.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from assistant.rules import MAX_ROUNDS_LIMIT, MAX_VALIDITY_HOURS, Level, Mode, Rule, Subject, resolve
from translations import N_, format_money, gettext

INHERIT = "inherit"
CURRENCIES = ("cad", "usd")
MODE_LABELS = {"conversion": N_("conversion"), "balanced": N_("balanced"), "margin": N_("margin")}
# assistant.rules.resolve's reasons, for staff in their language
WHY_LABELS = {
    "no rule enables negotiation": N_("no rule enables negotiation"),
    "negotiation is off": N_("negotiation is off"),
    "no floor is set": N_("no floor is set"),
    "the floor is at or above the list price": N_("the floor is at or above the list price"),
    "no room between floor and list price": N_("no room between floor and list price"),
}


@dataclass(frozen=True)
class RuleForm:
    level: str
    target: str
    changes: dict[str, Any]


def _decimal(text: str) -> Decimal | None:
    text = (text or "").strip().replace(" ", "").replace("\u00a0", "").replace("$", "")
    if not text:
        return None
    if "," in text and "." not in text:
        text = text.replace(",", ".")  # French decimal comma
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


def _int(text: str) -> int | None:
    text = (text or "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(text)
    return int(text)


def parse_rule_form(form: Mapping[str, Any], lang: str) -> tuple[RuleForm | None, dict[str, str]]:
    """Read the editor's fields. Returns the rule (level, target, every field: ``None`` = inherit)
    or the errors per field name."""
    t = gettext(lang)
    get = lambda key: str(form.get(key, "") or "").strip()  # noqa: E731
    errors: dict[str, str] = {}
    level = get("level")
    if level not in {lv.value for lv in Level}:
        errors["level"] = t("Choose a level.")
    target = get("target")
    if level == Level.store.value:
        target = ""
    elif level and not target:
        errors["target"] = t("Enter the handle or SKU this rule is for.")
    changes: dict[str, Any] = {}
    enabled = get("enabled") or INHERIT
    changes["enabled"] = None if enabled == INHERIT else enabled == "on"
    floor_kind = get("floor_kind") or INHERIT
    changes["floor_percent"] = None
    changes["floor_amounts"] = None
    if floor_kind == "percent":
        try:
            percent = _decimal(get("floor_percent"))
        except ValueError:
            percent = None
            errors["floor_percent"] = t("Enter a number.")
        if percent is None:
            errors.setdefault("floor_percent", t("Enter the floor as a percent of the list price."))
        elif not Decimal(0) < percent <= Decimal(100):
            errors["floor_percent"] = t("A percent is between 0 and 100.")
        else:
            changes["floor_percent"] = percent
    elif floor_kind == "amount":
        amounts: dict[str, Decimal] = {}
        for currency in CURRENCIES:
            key = f"floor_{currency}"
            try:
                amount = _decimal(get(key))
            except ValueError:
                errors[key] = t("Enter an amount.")
                continue
            if amount is None:
                continue
            if amount < 0:
                errors[key] = t("A floor cannot be negative.")
            elif amount == 0:
                errors[key] = t("A floor of zero would give the item away: enter an amount above 0.")
            elif amount != amount.quantize(Decimal("0.01")):
                errors[key] = t("Use at most 2 decimals.")
            else:
                amounts[currency] = amount
        if not amounts and not any(k.startswith("floor_") for k in errors):
            errors["floor_cad"] = t("Enter a floor in at least one currency.")
        changes["floor_amounts"] = amounts or None
    elif floor_kind != INHERIT:
        errors["floor_kind"] = t("Choose how the floor is set.")
    mode = get("mode") or INHERIT
    if mode != INHERIT and mode not in {m.value for m in Mode}:
        errors["mode"] = t("Choose a strategy.")
    changes["mode"] = None if mode == INHERIT else mode
    for key, limit in (("max_rounds", MAX_ROUNDS_LIMIT), ("deal_validity_hours", MAX_VALIDITY_HOURS)):
        try:
            value = _int(get(key))
        except ValueError:
            errors[key] = t("Enter a whole number.")
            continue
        if value is not None and not 1 <= value <= limit:
            errors[key] = t("Between 1 and {limit}.", limit=limit)
        changes[key] = value
    if errors:
        return None, errors
    return RuleForm(level, target, changes), {}


def floor_above_list_errors(
    amounts: Mapping[str, Decimal] | None, list_prices: Mapping[str, Iterable[Decimal]], lang: str
) -> dict[str, str]:
    """An absolute floor above the lowest list price it applies to (per currency) is refused:
    it would only switch negotiation off without saying so."""
    t = gettext(lang)
    errors: dict[str, str] = {}
    for currency, amount in (amounts or {}).items():
        prices = list(list_prices.get(currency, ()))
        if prices and amount > min(prices):
            errors[f"floor_{currency}"] = t(
                "The floor is above the list price ({price}).",
                price=format_money(min(prices), currency, lang),
            )
    return errors


@dataclass
class PreviewRow:
    """One variant in one currency under the rules as they stand (staff only)."""

    variant: str = ""
    currency: str = ""
    list_price: str = ""
    floor: str = ""
    floor_share: str = ""  # floor as a percent of list
    max_discount: str = ""
    negotiable: bool = False
    terms: str = ""  # mode, rounds, validity — or why it is not negotiable


def preview_rows(
    rules: Iterable[Rule],
    subject_variants: Iterable[tuple[Subject, str, Decimal, str]],
    lang: str,
) -> list[PreviewRow]:
    """For each (subject, variant label, list price, currency): the resolved floor in money."""
    t = gettext(lang)
    rules = list(rules)
    rows: list[PreviewRow] = []
    for subject, label, list_price, currency in subject_variants:
        policy = resolve(rules, subject, list_price, currency)
        row = PreviewRow(
            variant=label,
            currency=currency.upper(),
            list_price=format_money(policy.list_price, currency, lang),
            negotiable=policy.enabled,
        )
        if policy.enabled:
            row.floor = format_money(policy.floor, currency, lang)
            row.floor_share = f"{(policy.floor * 100 / policy.list_price).quantize(Decimal('0.1'))} %"
            row.max_discount = format_money(policy.list_price - policy.floor, currency, lang)
            row.terms = t(
                "{mode}, {rounds} rounds, deal valid {hours} h",
                mode=t(MODE_LABELS[policy.mode.value]),
                rounds=policy.max_rounds,
                hours=policy.deal_validity_hours,
            )
        else:
            why = policy.why_disabled or "negotiation is off"
            row.terms = t("Fixed price: {why}", why=t(WHY_LABELS.get(why, why)))
        rows.append(row)
    return rows
