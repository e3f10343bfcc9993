"""Rule resolution: the most specific level wins field by field; ties go to the safer value."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.cli import build_parser
from assistant.rules import (
    Level,
    Mode,
    Rule,
    RuleError,
    Subject,
    currency_quantum,
    parse_floor,
    resolve,
    validate_rule,
)
from assistant.seed import DEMO_RULES

D = Decimal
STORE = Rule(Level.store, enabled=True, floor_percent=D(85), mode=Mode.balanced, max_rounds=4)
HEADPHONES = Subject("sony-wh-1000xm5-headphones", "TOB-WH1000XM5-LN", ("audio",))


def test_no_rule_means_the_price_is_fixed():
    policy = resolve([], HEADPHONES, D("449.99"), "cad")
    assert not policy.enabled and policy.why_disabled == "no rule enables negotiation"
    assert policy.floor == policy.list_price


def test_the_store_rule_applies_to_everything():
    policy = resolve([STORE], HEADPHONES, D("449.99"), "cad")
    assert policy.enabled and policy.mode == Mode.balanced and policy.max_rounds == 4
    assert policy.floor == D("382.50")  # 449.99 × 85 % = 382.4915, rounded up to the cent
    assert policy.deal_validity_hours == 24 and not policy.final_offer_at_floor


def test_the_most_specific_level_wins_field_by_field():
    rules = [
        STORE,
        Rule(Level.category, "audio", floor_percent=D(80), mode=Mode.conversion),
        Rule(Level.product, HEADPHONES.product_handle, mode=Mode.margin, max_rounds=2),
        Rule(Level.variant, "TOB-WH1000XM5-LN", deal_validity_hours=6),
    ]
    policy = resolve(rules, HEADPHONES, D("100.00"), "cad")
    assert policy.floor == D("80.00")  # category
    assert policy.mode == Mode.margin  # product beats category
    assert policy.max_rounds == 2  # product
    assert policy.deal_validity_hours == 6  # variant
    assert policy.enabled  # store


def test_rules_for_other_targets_do_not_apply():
    rules = [
        STORE,
        Rule(Level.product, "other", enabled=False),
        Rule(Level.variant, "OTHER-SKU", enabled=False),
    ]
    assert resolve(rules, HEADPHONES, D("100"), "cad").enabled


def test_a_product_can_switch_negotiation_off_and_a_variant_back_on():
    rules = [STORE, Rule(Level.product, HEADPHONES.product_handle, enabled=False)]
    policy = resolve(rules, HEADPHONES, D("100"), "cad")
    assert not policy.enabled and policy.why_disabled == "negotiation is off"
    rules.append(Rule(Level.variant, "TOB-WH1000XM5-LN", enabled=True))
    assert resolve(rules, HEADPHONES, D("100"), "cad").enabled


def test_ties_within_a_level_go_to_the_value_safer_for_the_store():
    subject = Subject("p", None, ("audio", "like-new"))
    rules = [
        STORE,
        Rule(Level.category, "audio", floor_percent=D(80), mode=Mode.conversion, max_rounds=6),
        Rule(Level.category, "like-new", floor_percent=D(90), mode=Mode.margin, max_rounds=3),
    ]
    policy = resolve(rules, subject, D("100"), "cad")
    assert policy.floor == D("90.00") and policy.mode == Mode.margin and policy.max_rounds == 3
    on_and_off = [
        STORE,
        Rule(Level.category, "audio", enabled=False),
        Rule(Level.category, "like-new", enabled=True),
    ]
    assert not resolve(on_and_off, subject, D("100"), "cad").enabled


def test_absolute_floors_are_per_currency_and_missing_currency_disables():
    rules = [STORE, Rule(Level.product, "p", floor_amounts={"cad": D("900.00")})]
    assert resolve(rules, Subject("p"), D("1000"), "cad").floor == D("900.00")
    usd = resolve(rules, Subject("p"), D("740"), "usd")
    assert not usd.enabled and "USD" in usd.why_disabled


def test_a_floor_at_or_above_list_disables_negotiation():
    rules = [STORE, Rule(Level.product, "p", floor_amounts={"cad": D("1000.00")})]
    policy = resolve(rules, Subject("p"), D("999.99"), "cad")
    assert not policy.enabled and policy.floor == policy.list_price


def test_percent_floors_round_up_to_the_currency_unit():
    rule = Rule(Level.store, enabled=True, floor_percent=D("33.3333"))
    assert resolve([rule], Subject("p"), D("10.00"), "cad").floor == D("3.34")
    assert resolve([rule], Subject("p"), D("1000"), "jpy").floor == D("334")
    assert currency_quantum("jpy") == D(1) and currency_quantum("CAD") == D("0.01")


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (Rule(Level.store, "x"), "no target"),
        (Rule(Level.product, ""), "needs a target"),
        (Rule(Level.store, floor_percent=D(0)), "above 0"),
        (Rule(Level.store, floor_percent=D(101)), "at most 100"),
        (Rule(Level.store, floor_percent=D(80), floor_amounts={"cad": D(5)}), "not both"),
        (Rule(Level.store, floor_amounts={}), "at least one currency"),
        (Rule(Level.store, floor_amounts={"dollars": D(5)}), "currency code"),
        (Rule(Level.store, floor_amounts={"cad": D(-5)}), "positive"),
        (Rule(Level.store, floor_amounts={"cad": D("5.001")}), "decimals"),
        (Rule(Level.store, max_rounds=0), "max rounds"),
        (Rule(Level.store, max_rounds=13), "max rounds"),
        (Rule(Level.store, deal_validity_hours=0), "validity"),
    ],
)
def test_invalid_rules_are_refused_with_a_reason(rule, message):
    with pytest.raises(RuleError, match=message):
        validate_rule(rule)


def test_floors_are_read_from_staff_notation():
    assert parse_floor("80%") == (D(80), None)
    assert parse_floor("cad:900, USD:700.50") == (None, {"cad": D(900), "usd": D("700.50")})
    for bad in ("eighty", "900", "cad:abc"):
        with pytest.raises(RuleError):
            parse_floor(bad)


def test_the_demo_rules_are_valid_and_cover_every_level_and_mode():
    for rule in DEMO_RULES:
        validate_rule(rule)
    assert {r.level for r in DEMO_RULES} == set(Level)
    assert {r.mode for r in DEMO_RULES if r.mode} == set(Mode)
    assert sum(1 for r in DEMO_RULES if r.level == Level.store) == 1


def test_demo_rule_targets_exist_in_the_seed_catalog():
    from pathlib import Path

    seed = (Path(__file__).resolve().parents[2] / "medusa-backend/src/scripts/seed-data.ts").read_text()
    for rule in DEMO_RULES:
        if rule.level in (Level.product, Level.category):
            assert f'handle: "{rule.target}"' in seed, rule.target
        if rule.level == Level.variant:
            _, model, _, _ = rule.target.split("-")
            assert f'model: "{model}"' in seed


def test_cli_parses_a_full_set_command():
    args = build_parser().parse_args(
        ["rules", "set", "product", "lg-c3-oled-65", "--floor", "78%", "--mode", "conversion",
         "--max-rounds", "5", "--enabled", "on", "--clear", "validity-hours", "--by", "ana"]
    )  # fmt: skip
    from assistant.cli import _changes

    assert _changes(args) == {
        "deal_validity_hours": None,
        "enabled": True,
        "floor_percent": D(78),
        "floor_amounts": None,
        "mode": Mode.conversion,
        "max_rounds": 5,
    }
