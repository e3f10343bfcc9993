"""Negotiation rules in the real Postgres: seed, audited changes, constraints, the CLI."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

import db
from assistant.cli import main as cli
from assistant.models import RuleChangeRow, RuleRow
from assistant.rule_store import delete_rule, list_rules, load_rules, set_rule
from assistant.rules import Level, Mode, RuleError, Subject, resolve
from assistant.seed import DEMO_RULES, SEEDED_BY, seed_rules

D = Decimal
TARGET = "integration-test-product"


@pytest.fixture
def cleanup(stack):
    yield
    with db.session() as s:
        for level, target in ((Level.product, TARGET), (Level.product, "sony-wh-1000xm5-headphones")):
            row = s.exec(
                select(RuleRow).where(RuleRow.level == level, RuleRow.target == target)
            ).one_or_none()
            if row is not None and (target == TARGET or row.updated_by != SEEDED_BY):
                s.delete(row)
    seed_rules()  # put back any demo rule a test replaced


def test_the_stack_seeded_the_demo_rules_and_seeding_again_adds_nothing(stack):
    with db.session() as s:
        keys = {(r.level, r.target) for r in list_rules(s)}
    assert {(r.level.value, r.target) for r in DEMO_RULES} <= keys
    assert seed_rules() == 0


def test_seeding_never_overwrites_a_rule_staff_changed(cleanup):
    with db.session() as s:
        set_rule(s, Level.product, "sony-wh-1000xm5-headphones", {"max_rounds": 6}, by="ana")
    assert seed_rules() == 0
    with db.session() as s:
        row = s.exec(select(RuleRow).where(RuleRow.target == "sony-wh-1000xm5-headphones")).one()
        assert row.max_rounds == 6 and row.updated_by == "ana"
        assert row.floor_percent == D("88")  # fields not given keep their value


def test_set_changes_only_the_given_fields_and_records_who_and_when(cleanup):
    with db.session() as s:
        set_rule(s, Level.product, TARGET, {"floor_percent": D(70), "mode": Mode.margin}, by="ana")
    with db.session() as s:
        set_rule(s, Level.product, TARGET, {"floor_amounts": {"cad": D("90.00")}, "mode": None}, by="bob")
    with db.session() as s:
        row = s.exec(select(RuleRow).where(RuleRow.target == TARGET)).one()
        assert row.floor_percent is None and row.floor_amounts == {"cad": "90.00"}
        assert row.mode is None and row.updated_by == "bob" and row.updated_at >= row.created_at
        changes = s.exec(
            select(RuleChangeRow).where(RuleChangeRow.target == TARGET).order_by(RuleChangeRow.id)
        ).all()
        assert [(c.changed_by, c.action) for c in changes][-2:] == [("ana", "set"), ("bob", "set")]
        assert changes[-1].after == {"floor_amounts": {"cad": "90.00"}}
        rules = load_rules(s)
    policy = resolve(rules, Subject(TARGET), D("100.00"), "cad")
    assert policy.enabled and policy.floor == D("90.00") and policy.mode == Mode.balanced  # store mode


def test_an_invalid_change_writes_nothing(cleanup):
    with db.session() as s:
        set_rule(s, Level.product, TARGET, {"floor_percent": D(70)}, by="ana")
    with pytest.raises(RuleError), db.session() as s:
        set_rule(s, Level.product, TARGET, {"floor_percent": D(170)}, by="ana")
    with db.session() as s:
        assert s.exec(select(RuleRow).where(RuleRow.target == TARGET)).one().floor_percent == D(70)


def test_delete_makes_the_fields_inherited_again_and_is_audited(cleanup):
    with db.session() as s:
        set_rule(s, Level.product, TARGET, {"enabled": False}, by="ana")
    with db.session() as s:
        assert delete_rule(s, Level.product, TARGET, by="ana")
        assert not delete_rule(s, Level.product, TARGET, by="ana")
    with db.session() as s:
        assert resolve(load_rules(s), Subject(TARGET), D("100"), "cad").enabled
        last = s.exec(select(RuleChangeRow).order_by(RuleChangeRow.id.desc())).first()
        assert (last.action, last.target) == ("delete", TARGET)


@pytest.mark.parametrize(
    "values",
    [
        "('store', 'x', 'seed')",
        "('product', '', 'seed')",
        "('bogus', 'x', 'seed')",
    ],
)
def test_the_database_itself_refuses_impossible_rules(stack, values):
    with pytest.raises(IntegrityError), db.session() as s:
        s.execute(text(f"INSERT INTO assistant.rule (level, target, updated_by) VALUES {values}"))
    with pytest.raises(IntegrityError), db.session() as s:
        s.execute(
            text(
                "INSERT INTO assistant.rule (level, target, floor_percent, updated_by) "
                f"VALUES ('product', '{TARGET}', 0, 'seed')"
            )
        )


def test_cli_sets_lists_and_deletes(cleanup, capsys):
    assert cli(["rules", "set", "product", TARGET, "--floor", "cad:80,usd:60", "--mode", "conversion",
                "--max-rounds", "5", "--by", "cli-test"]) == 0  # fmt: skip
    assert cli(["rules", "list"]) == 0
    out = capsys.readouterr().out
    assert TARGET in out and "cad:80,usd:60" in out and "cli-test" in out
    assert cli(["rules", "set", "product", TARGET, "--floor", "150%"]) == 2
    assert "at most 100" in capsys.readouterr().err
    assert cli(["rules", "resolve", TARGET, "--price", "100", "--currency", "usd"]) == 0
    assert "floor: 60.00" in capsys.readouterr().out
    assert cli(["rules", "delete", "product", TARGET, "--by", "cli-test"]) == 0
    assert cli(["rules", "delete", "product", TARGET, "--by", "cli-test"]) == 1
