"""Rules in Postgres: list, set (field by field, audited), delete, and load for resolution."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, replace
from decimal import Decimal
from typing import Any

from sqlmodel import Session, select

from .models import RuleChangeRow, RuleRow, utcnow
from .rules import Level, Mode, Rule, RuleError, validate_rule

__all__ = ["RULE_FIELDS", "audit_values", "delete_rule", "list_rules", "row_to_rule", "set_rule"]

# The fields `set_rule` may change (None clears a field: it is inherited again).
RULE_FIELDS = (
    "enabled",
    "floor_percent",
    "floor_amounts",
    "mode",
    "max_rounds",
    "deal_validity_hours",
    "final_offer_at_floor",
)


def row_to_rule(row: RuleRow) -> Rule:
    amounts = None
    if row.floor_amounts is not None:
        amounts = {code: Decimal(str(value)) for code, value in row.floor_amounts.items()}
    return Rule(
        level=Level(row.level),
        target=row.target,
        enabled=row.enabled,
        floor_percent=Decimal(row.floor_percent) if row.floor_percent is not None else None,
        floor_amounts=amounts,
        mode=Mode(row.mode) if row.mode else None,
        max_rounds=row.max_rounds,
        deal_validity_hours=row.deal_validity_hours,
        final_offer_at_floor=row.final_offer_at_floor,
    )


def list_rules(session: Session) -> list[RuleRow]:
    """Every rule, store first, then by level and target."""
    rows = list(session.exec(select(RuleRow)).all())
    order = {level.value: i for i, level in enumerate(Level)}
    return sorted(rows, key=lambda r: (order[r.level], r.target))


def load_rules(session: Session) -> list[Rule]:
    return [row_to_rule(r) for r in list_rules(session)]


def audit_values(rule: Rule) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for f in fields(rule):
        value = getattr(rule, f.name)
        if f.name in ("level", "target") or value is None:
            continue
        if isinstance(value, Decimal):
            value = str(value)
        elif isinstance(value, Mapping):
            value = {k: str(v) for k, v in value.items()}
        elif isinstance(value, Mode):
            value = value.value
        values[f.name] = value
    return values


def set_rule(
    session: Session,
    level: Level | str,
    target: str,
    changes: Mapping[str, Any],
    *,
    by: str,
    note: str | None = None,
) -> RuleRow:
    """Create the rule or change the given fields of it (others keep their values). Validated
    as a whole before anything is written; every change is recorded with who made it."""
    level = Level(level)
    target = (target or "").strip()
    if not by or not by.strip():
        raise RuleError("say who is changing the rule (by=...)")
    unknown = set(changes) - set(RULE_FIELDS)
    if unknown:
        raise RuleError(f"unknown rule field(s): {', '.join(sorted(unknown))}")
    row = session.exec(
        select(RuleRow).where(RuleRow.level == level.value, RuleRow.target == target).with_for_update()
    ).one_or_none()
    current = row_to_rule(row) if row is not None else Rule(level=level, target=target)
    updates = dict(changes)
    # One floor kind at a time: setting one clears the other.
    if updates.get("floor_percent") is not None:
        updates.setdefault("floor_amounts", None)
    if updates.get("floor_amounts") is not None:
        updates.setdefault("floor_percent", None)
    rule = validate_rule(replace(current, **updates))
    now = utcnow()
    if row is None:
        row = RuleRow(level=level.value, target=target, updated_by=by, created_at=now)
    row.enabled = rule.enabled
    row.floor_percent = rule.floor_percent
    row.floor_amounts = (
        {code: str(amount) for code, amount in rule.floor_amounts.items()} if rule.floor_amounts else None
    )
    row.mode = rule.mode.value if rule.mode else None
    row.max_rounds = rule.max_rounds
    row.deal_validity_hours = rule.deal_validity_hours
    row.final_offer_at_floor = rule.final_offer_at_floor
    if note is not None:
        row.note = note
    row.updated_by = by
    row.updated_at = now
    session.add(row)
    session.add(
        RuleChangeRow(level=level.value, target=target, action="set", after=audit_values(rule), changed_by=by)
    )
    session.flush()
    return row


def delete_rule(session: Session, level: Level | str, target: str, *, by: str) -> bool:
    """Remove a rule (its fields are inherited again); False when there was none."""
    level = Level(level)
    target = (target or "").strip()
    row = session.exec(
        select(RuleRow).where(RuleRow.level == level.value, RuleRow.target == target)
    ).one_or_none()
    if row is None:
        return False
    session.delete(row)
    session.add(RuleChangeRow(level=level.value, target=target, action="delete", after=None, changed_by=by))
    session.flush()
    return True
