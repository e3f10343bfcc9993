"""Negotiation rules and their resolution for one variant: pure data and functions, no I/O.

A rule sits at one of four levels — store, category, product, variant — and sets any subset of
the fields below; a field left unset is inherited from the next less specific level. Targets are
the names staff see and that survive a re-seed: a category or product *handle*, a variant *SKU*
(the store rule has the empty target). When two rules of the same level apply (a product in two
categories), the one safer for the store's money wins field by field: the higher floor, the
tougher mode, fewer rounds, the shorter validity, negotiation off over on.

With no rule at all, negotiation is off: a price can only be negotiated once staff said so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal
from enum import StrEnum

from babel.numbers import get_currency_precision

__all__ = [
    "DEFAULT_DEAL_VALIDITY_HOURS",
    "DEFAULT_MAX_ROUNDS",
    "MAX_ROUNDS_LIMIT",
    "Level",
    "Mode",
    "Policy",
    "Rule",
    "RuleError",
    "Subject",
    "currency_quantum",
    "parse_floor",
    "resolve",
    "validate_rule",
]

DEFAULT_MAX_ROUNDS = 4
DEFAULT_DEAL_VALIDITY_HOURS = 24
MAX_ROUNDS_LIMIT = 12
MAX_VALIDITY_HOURS = 24 * 14


class Level(StrEnum):
    store = "store"
    category = "category"
    product = "product"
    variant = "variant"


# Resolution order, least specific first.
SPECIFICITY = {Level.store: 0, Level.category: 1, Level.product: 2, Level.variant: 3}


class Mode(StrEnum):
    """How the assistant trades: `conversion` opens near the floor and concedes fast, `margin`
    opens near list and concedes slowly."""

    conversion = "conversion"
    balanced = "balanced"
    margin = "margin"


TOUGHNESS = {Mode.conversion: 0, Mode.balanced: 1, Mode.margin: 2}


class RuleError(ValueError):
    """A rule that cannot be stored as given (the message says why, for staff)."""


@dataclass(frozen=True)
class Rule:
    """One stored rule. ``None`` means "inherit from the less specific level"."""

    level: Level
    target: str = ""
    enabled: bool | None = None
    floor_percent: Decimal | None = None  # floor as a percent of the list price, 0 < p <= 100
    floor_amounts: Mapping[str, Decimal] | None = None  # absolute floor per currency code (lower-case)
    mode: Mode | None = None
    max_rounds: int | None = None
    deal_validity_hours: int | None = None
    final_offer_at_floor: bool | None = None  # may the final counter be the floor itself?

    @property
    def sets_floor(self) -> bool:
        return self.floor_percent is not None or self.floor_amounts is not None


@dataclass(frozen=True)
class Subject:
    """What is being negotiated, as rules see it."""

    product_handle: str
    variant_sku: str | None = None
    category_handles: Sequence[str] = ()  # the product's categories and their ancestors


@dataclass(frozen=True)
class Policy:
    """The resolved terms for one variant at one list price. Server-side only: never send a
    Policy (it holds the floor) to the browser or into a reply."""

    enabled: bool
    list_price: Decimal
    currency_code: str
    floor: Decimal
    mode: Mode = Mode.balanced
    max_rounds: int = DEFAULT_MAX_ROUNDS
    deal_validity_hours: int = DEFAULT_DEAL_VALIDITY_HOURS
    final_offer_at_floor: bool = False
    why_disabled: str | None = None  # for staff and logs
    sources: tuple[str, ...] = field(default=())  # which rules contributed, e.g. ("store:", "product:x")

    @property
    def quantum(self) -> Decimal:
        return currency_quantum(self.currency_code)


def currency_quantum(currency_code: str) -> Decimal:
    """The smallest unit of the currency: Decimal('0.01') for CAD, Decimal('1') for JPY."""
    digits = get_currency_precision(currency_code.upper())
    return Decimal(1).scaleb(-digits)


def _ceil_to(amount: Decimal, quantum: Decimal) -> Decimal:
    return amount.quantize(quantum, rounding=ROUND_CEILING)


def validate_rule(rule: Rule) -> Rule:
    """Raise RuleError for values no rule may hold; return the rule with normalized fields."""
    if rule.level == Level.store and rule.target:
        raise RuleError("the store rule has no target")
    if rule.level != Level.store and not rule.target.strip():
        raise RuleError(f"a {rule.level} rule needs a target ({_target_name(rule.level)})")
    if rule.floor_percent is not None and rule.floor_amounts is not None:
        raise RuleError("give the floor as a percent of list or as amounts per currency, not both")
    if rule.floor_percent is not None:
        p = rule.floor_percent
        if not isinstance(p, Decimal) or not p.is_finite() or p <= 0 or p > 100:
            raise RuleError("a floor percent must be above 0 and at most 100 (percent of the list price)")
    amounts: dict[str, Decimal] | None = None
    if rule.floor_amounts is not None:
        if not rule.floor_amounts:
            raise RuleError("give at least one currency for an absolute floor")
        amounts = {}
        for code, amount in rule.floor_amounts.items():
            code = code.strip().lower()
            if len(code) != 3 or not code.isalpha():
                raise RuleError(f"not a currency code: {code!r}")
            if not isinstance(amount, Decimal) or not amount.is_finite() or amount <= 0:
                raise RuleError(f"the {code.upper()} floor must be a positive amount")
            quantum = currency_quantum(code)
            if amount != amount.quantize(quantum):
                raise RuleError(f"the {code.upper()} floor has more decimals than the currency")
            amounts[code] = amount
    if rule.max_rounds is not None and not 1 <= rule.max_rounds <= MAX_ROUNDS_LIMIT:
        raise RuleError(f"max rounds must be between 1 and {MAX_ROUNDS_LIMIT}")
    if rule.deal_validity_hours is not None and not 1 <= rule.deal_validity_hours <= MAX_VALIDITY_HOURS:
        raise RuleError(f"deal validity must be between 1 and {MAX_VALIDITY_HOURS} hours")
    mode = Mode(rule.mode) if rule.mode is not None else None
    return Rule(
        level=Level(rule.level),
        target=rule.target.strip(),
        enabled=rule.enabled,
        floor_percent=rule.floor_percent,
        floor_amounts=amounts,
        mode=mode,
        max_rounds=rule.max_rounds,
        deal_validity_hours=rule.deal_validity_hours,
        final_offer_at_floor=rule.final_offer_at_floor,
    )


def _target_name(level: Level) -> str:
    return {Level.category: "category handle", Level.product: "product handle", Level.variant: "SKU"}.get(
        level, ""
    )


def parse_floor(text: str) -> tuple[Decimal | None, dict[str, Decimal] | None]:
    """`"80%"` → percent 80; `"cad:900,usd:700"` → amounts. Raises RuleError on anything else."""
    from decimal import InvalidOperation

    text = text.strip().replace(" ", "")
    try:
        if text.endswith("%"):
            return Decimal(text[:-1]), None
        amounts: dict[str, Decimal] = {}
        for part in text.split(","):
            code, sep, amount = part.partition(":")
            if not sep:
                raise RuleError(f"write an absolute floor as currency:amount (e.g. cad:900), not {part!r}")
            amounts[code.lower()] = Decimal(amount)
        return None, amounts
    except InvalidOperation:
        raise RuleError(f"not a floor: {text!r} (e.g. 80% or cad:900,usd:700)") from None


def _applies(rule: Rule, subject: Subject) -> bool:
    if rule.level == Level.store:
        return True
    if rule.level == Level.category:
        return rule.target in subject.category_handles
    if rule.level == Level.product:
        return rule.target == subject.product_handle
    return subject.variant_sku is not None and rule.target == subject.variant_sku


def _floor_of(rule: Rule, list_price: Decimal, currency_code: str) -> Decimal | None:
    """This rule's floor at this list price, rounded up to the currency's unit; ``None`` when the
    rule has an absolute floor but not in this currency."""
    quantum = currency_quantum(currency_code)
    if rule.floor_percent is not None:
        return _ceil_to(list_price * rule.floor_percent / 100, quantum)
    assert rule.floor_amounts is not None
    amount = rule.floor_amounts.get(currency_code.lower())
    return None if amount is None else _ceil_to(amount, quantum)


def resolve(rules: Iterable[Rule], subject: Subject, list_price: Decimal, currency_code: str) -> Policy:
    """The terms for `subject` at `list_price`: each field from the most specific rule that sets
    it; ties within a level go to the value safer for the store."""
    currency_code = currency_code.lower()
    quantum = currency_quantum(currency_code)
    if not isinstance(list_price, Decimal) or not list_price.is_finite() or list_price <= 0:
        raise ValueError("list price must be a positive Decimal")
    list_price = list_price.quantize(quantum)
    by_level: dict[int, list[Rule]] = {}
    for rule in rules:
        if _applies(rule, subject):
            by_level.setdefault(SPECIFICITY[Level(rule.level)], []).append(rule)
    levels = sorted(by_level, reverse=True)  # most specific first
    sources: list[str] = []

    def pick(getter, safest):
        for level in levels:
            values = [(getter(r), r) for r in by_level[level] if getter(r) is not None]
            if values:
                value, rule = safest(values)
                sources.append(f"{rule.level}:{rule.target}")
                return value
        return None

    enabled = pick(lambda r: r.enabled, lambda vs: min(vs, key=lambda v: v[0]))  # False < True
    mode = pick(lambda r: r.mode, lambda vs: max(vs, key=lambda v: TOUGHNESS[Mode(v[0])]))
    max_rounds = pick(lambda r: r.max_rounds, lambda vs: min(vs, key=lambda v: v[0]))
    validity = pick(lambda r: r.deal_validity_hours, lambda vs: min(vs, key=lambda v: v[0]))
    at_floor = pick(lambda r: r.final_offer_at_floor, lambda vs: min(vs, key=lambda v: v[0]))

    floor: Decimal | None = None
    why: str | None = None
    for level in levels:
        setters = [r for r in by_level[level] if r.sets_floor]
        if not setters:
            continue
        floors = [_floor_of(r, list_price, currency_code) for r in setters]
        if any(f is None for f in floors):
            why = f"no {currency_code.upper()} floor in an absolute-floor rule"
        else:
            floor = max(floors)  # type: ignore[type-var]
            sources.append(",".join(f"{r.level}:{r.target}" for r in setters))
        break

    policy = Policy(
        enabled=bool(enabled),
        list_price=list_price,
        currency_code=currency_code,
        floor=floor if floor is not None else list_price,
        mode=Mode(mode) if mode is not None else Mode.balanced,
        max_rounds=max_rounds or DEFAULT_MAX_ROUNDS,
        deal_validity_hours=validity or DEFAULT_DEAL_VALIDITY_HOURS,
        final_offer_at_floor=bool(at_floor),
        sources=tuple(dict.fromkeys(sources)),
    )
    if enabled is None:
        why = "no rule enables negotiation"
    elif not enabled:
        why = "negotiation is off"
    elif floor is None:
        why = why or "no floor is set"
    elif floor >= list_price:
        why = "the floor is at or above the list price"
    elif list_price - floor < quantum:
        why = "no room between floor and list price"
    if why:
        return _disabled(policy, why)
    return policy


def _disabled(policy: Policy, why: str) -> Policy:
    return Policy(
        enabled=False,
        list_price=policy.list_price,
        currency_code=policy.currency_code,
        floor=policy.list_price,
        mode=policy.mode,
        max_rounds=policy.max_rounds,
        deal_validity_hours=policy.deal_validity_hours,
        final_offer_at_floor=policy.final_offer_at_floor,
        why_disabled=why,
        sources=policy.sources,
    )
