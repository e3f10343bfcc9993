"""Demo negotiation rules for the seeded catalog (medusa-backend/src/scripts/seed-data.ts).

:func:`seed_rules` is idempotent and never overwrites a rule staff changed: it only inserts the
rules that do not exist yet. The stack calls it on start, right after the migrations.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session

from db.engine import _engine, database_url

from .models import RuleChangeRow, RuleRow, utcnow
from .rule_store import audit_values
from .rules import Level, Mode, Rule, validate_rule

SEEDED_BY = "seed"

DEMO_RULES: tuple[Rule, ...] = (
    # Store-wide: negotiable, floor 85 % of list, balanced, 4 rounds, deals held 24 h.
    Rule(
        Level.store,
        enabled=True,
        floor_percent=Decimal("85"),
        mode=Mode.balanced,
        max_rounds=4,
        deal_validity_hours=24,
        final_offer_at_floor=False,
    ),
    # Bulky showroom furniture: move it.
    Rule(Level.category, "furniture", floor_percent=Decimal("80"), mode=Mode.conversion),
    # Phones hold their value: tougher.
    Rule(Level.category, "phones-wearables", floor_percent=Decimal("90"), mode=Mode.margin, max_rounds=3),
    # Popular headphones: margin, few rounds.
    Rule(
        Level.product,
        "sony-wh-1000xm5-headphones",
        floor_percent=Decimal("88"),
        mode=Mode.margin,
        max_rounds=3,
    ),
    # A big TV that should sell: conversion, more rounds, a deal held two days.
    Rule(
        Level.product,
        "lg-c3-oled-65",
        floor_percent=Decimal("78"),
        mode=Mode.conversion,
        max_rounds=5,
        deal_validity_hours=48,
    ),
    # A single-grade cooktop with absolute floors per currency.
    Rule(
        Level.product,
        "ge-profile-induction-cooktop",
        floor_amounts={"cad": Decimal("1549.00"), "usd": Decimal("1149.00")},
        mode=Mode.balanced,
    ),
    # Fixed price.
    Rule(Level.product, "apple-airpods-pro-2", enabled=False),
    # One variant: the fair-grade black Bosch dishwasher goes lower, and may end at the floor.
    Rule(
        Level.variant,
        "TOB-SHE53C85N-FR-BLAC",
        floor_percent=Decimal("75"),
        mode=Mode.conversion,
        final_offer_at_floor=True,
    ),
)


def _values(rule: Rule) -> dict[str, Any]:
    return {
        "level": rule.level.value,
        "target": rule.target,
        "enabled": rule.enabled,
        "floor_percent": rule.floor_percent,
        "floor_amounts": (
            {code: str(amount) for code, amount in rule.floor_amounts.items()} if rule.floor_amounts else None
        ),
        "mode": rule.mode.value if rule.mode else None,
        "max_rounds": rule.max_rounds,
        "deal_validity_hours": rule.deal_validity_hours,
        "final_offer_at_floor": rule.final_offer_at_floor,
        "note": "demo seed",
        "updated_by": SEEDED_BY,
        "updated_at": utcnow(),
        "created_at": utcnow(),
    }


def seed_rules(rules: tuple[Rule, ...] = DEMO_RULES, url: str | None = None) -> int:
    """Insert the demo rules that are missing on `url` (default: `DATABASE_URL`); returns how
    many were inserted. Needs only the database (the rules name handles and SKUs)."""
    inserted = 0
    with Session(_engine(database_url(url))) as s, s.begin():
        for rule in rules:
            rule = validate_rule(rule)
            stmt = (
                insert(RuleRow.__table__)  # type: ignore[attr-defined]
                .values(**_values(rule))
                .on_conflict_do_nothing(constraint="rule_level_target_key")
                .returning(RuleRow.__table__.c.id)  # type: ignore[attr-defined]
            )
            if s.connection().execute(stmt).first() is not None:
                inserted += 1
                s.add(
                    RuleChangeRow(
                        level=rule.level.value,
                        target=rule.target,
                        action="set",
                        after=audit_values(rule),
                        changed_by=SEEDED_BY,
                    )
                )
    return inserted
