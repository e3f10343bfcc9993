"""`python -m assistant rules list|set|delete|seed|resolve` — negotiation rules for staff, until
the admin page exists; `python -m assistant bench` — the scripted-buyer panel. Floors show here:
this is a staff tool on the server, never the browser."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from .rules import MAX_ROUNDS_LIMIT, Level, Mode, RuleError, Subject, parse_floor, resolve

CLEARABLE = {
    "enabled": "enabled",
    "floor": "floor",
    "mode": "mode",
    "max-rounds": "max_rounds",
    "validity-hours": "deal_validity_hours",
    "final-at-floor": "final_offer_at_floor",
}


def _bool(text: str) -> bool:
    value = text.strip().lower()
    if value in ("on", "yes", "true", "1"):
        return True
    if value in ("off", "no", "false", "0"):
        return False
    raise argparse.ArgumentTypeError(f"expected on/off, got {text!r}")


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"not an amount: {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m assistant", description=__doc__)
    top = parser.add_subparsers(dest="group", required=True)
    top.add_parser("bench", help="scripted buyers against the engine: deal rate, band kept, floor violations")
    rules = top.add_parser("rules", help="negotiation rules")
    sub = rules.add_subparsers(dest="command", required=True)

    sub.add_parser("list", help="every rule, store first")

    set_ = sub.add_parser(
        "set",
        help="create a rule or change some of its fields",
        description="Targets: store (none), category handle, product handle, variant SKU. "
        "Fields not given keep their value; --clear makes a field inherited again.",
    )
    set_.add_argument("level", choices=[level.value for level in Level])
    set_.add_argument("target", nargs="?", default="")
    set_.add_argument("--enabled", type=_bool, help="on|off")
    set_.add_argument("--floor", help="percent of list (80%%) or amounts per currency (cad:900,usd:700)")
    set_.add_argument("--mode", choices=[m.value for m in Mode])
    set_.add_argument("--max-rounds", type=int, help=f"1..{MAX_ROUNDS_LIMIT}")
    set_.add_argument("--validity-hours", type=int, help="how long an agreed price is held (default 24)")
    set_.add_argument("--final-at-floor", type=_bool, help="may the final counter be the floor itself")
    set_.add_argument("--clear", action="append", default=[], choices=sorted(CLEARABLE), help="inherit again")
    set_.add_argument("--note")
    set_.add_argument("--by", help="who makes the change (default: your user name)")

    delete = sub.add_parser("delete", help="remove a rule (its fields are inherited again)")
    delete.add_argument("level", choices=[level.value for level in Level])
    delete.add_argument("target", nargs="?", default="")
    delete.add_argument("--by")

    sub.add_parser("seed", help="insert the demo rules that are missing (never overwrites)")

    res = sub.add_parser("resolve", help="the terms that apply to one variant at a list price")
    res.add_argument("product_handle")
    res.add_argument("--sku")
    res.add_argument("--category", action="append", default=[], help="category handle (repeatable)")
    res.add_argument("--price", type=_decimal, required=True, help="list price")
    res.add_argument("--currency", default="cad")
    return parser


def _changes(args: argparse.Namespace) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for flag in args.clear:
        name = CLEARABLE[flag]
        if name == "floor":
            changes["floor_percent"] = None
            changes["floor_amounts"] = None
        else:
            changes[name] = None
    if args.enabled is not None:
        changes["enabled"] = args.enabled
    if args.floor is not None:
        percent, amounts = parse_floor(args.floor)
        changes["floor_percent"], changes["floor_amounts"] = percent, amounts
    if args.mode is not None:
        changes["mode"] = Mode(args.mode)
    if args.max_rounds is not None:
        changes["max_rounds"] = args.max_rounds
    if args.validity_hours is not None:
        changes["deal_validity_hours"] = args.validity_hours
    if args.final_at_floor is not None:
        changes["final_offer_at_floor"] = args.final_at_floor
    return changes


def _fmt(value: Any) -> str:
    if value is None:
        return "·"
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, dict):
        return ",".join(f"{k}:{v}" for k, v in sorted(value.items()))
    if isinstance(value, Decimal):
        return f"{value.normalize():f}%"
    return str(value)


def print_rules(rows: Sequence[Any], out=None) -> None:
    out = out or sys.stdout
    header = ("level", "target", "enabled", "floor", "mode", "rounds", "valid_h", "at_floor", "by", "updated")
    lines = [header]
    for r in rows:
        floor = r.floor_amounts if r.floor_amounts is not None else r.floor_percent
        lines.append(
            (
                r.level,
                r.target or "-",
                _fmt(r.enabled),
                _fmt(floor),
                _fmt(r.mode),
                _fmt(r.max_rounds),
                _fmt(r.deal_validity_hours),
                _fmt(r.final_offer_at_floor),
                r.updated_by,
                r.updated_at.strftime("%Y-%m-%d %H:%M UTC"),
            )
        )
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(header))]
    for line in lines:
        print("  ".join(str(v).ljust(w) for v, w in zip(line, widths, strict=True)).rstrip(), file=out)
    print("(· = inherited)", file=out)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.group == "bench":
        from .simulate import main as bench

        return bench()
    import db

    from .rule_store import delete_rule, list_rules, load_rules, set_rule
    from .seed import seed_rules

    by = getattr(args, "by", None) or os.environ.get("TOB_STAFF") or getpass.getuser()
    try:
        if args.command == "list":
            with db.session() as s:
                print_rules(list_rules(s))
        elif args.command == "set":
            changes = _changes(args)
            if not changes and args.note is None:
                print("nothing to change: give at least one field", file=sys.stderr)
                return 2
            with db.session() as s:
                row = set_rule(s, args.level, args.target, changes, by=by, note=args.note)
                print_rules([row])
        elif args.command == "delete":
            with db.session() as s:
                if not delete_rule(s, args.level, args.target, by=by):
                    print(f"no {args.level} rule {args.target!r}", file=sys.stderr)
                    return 1
            print(f"deleted the {args.level} rule {args.target or ''}".rstrip())
        elif args.command == "seed":
            print(f"{seed_rules()} demo rule(s) inserted")
        elif args.command == "resolve":
            with db.session() as s:
                rules = load_rules(s)
            policy = resolve(
                rules, Subject(args.product_handle, args.sku, tuple(args.category)), args.price, args.currency
            )
            for name in ("enabled", "why_disabled", "list_price", "floor", "mode", "max_rounds"):
                print(f"{name}: {getattr(policy, name)}")
            print(f"deal_validity_hours: {policy.deal_validity_hours}")
            print(f"final_offer_at_floor: {policy.final_offer_at_floor}")
            print(f"from: {', '.join(policy.sources) or 'no rule'}")
    except RuleError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0
