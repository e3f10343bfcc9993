"""A panel of scripted buyers against the real parser, engine and template replies (no I/O).

`python -m assistant bench` prints, per strategy mode and overall: deal rate, the average share
of the (list − floor) band the store kept, median turns to a deal, floor violations (must be 0)
and the p95 time of one turn (parse + decide + reply) in template mode.
"""

from __future__ import annotations

import hashlib
import random
import statistics
import time
from dataclasses import dataclass, replace
from decimal import ROUND_FLOOR, Decimal

from translations import format_money

from .engine import Action, State, Status, step
from .parser import parse
from .replies import render
from .rules import Level, Mode, Rule, Subject, resolve

__all__ = ["Buyer", "Outcome", "panel", "run_panel"]

FLOOR_PERCENTS = (Decimal(75), Decimal(80), Decimal(85), Decimal(90))
LIST_PRICES = (Decimal("89.99"), Decimal("199.99"), Decimal("449.99"), Decimal("1149.99"), Decimal("2899.99"))


@dataclass(frozen=True)
class Buyer:
    budget_share: Decimal  # budget as a share of list: 0.5 (below any floor) … 1.1 (above list)
    opening_share: Decimal  # first offer as a share of the budget
    patience: int  # messages before walking away
    lang: str

    def offer_text(self, amount: Decimal, currency: str) -> str:
        money = format_money(amount, currency, self.lang)
        return f"je vous en donne {money}" if self.lang == "fr" else f"would you take {money}?"

    def accept_text(self) -> str:
        return "marché conclu" if self.lang == "fr" else "deal"


@dataclass(frozen=True)
class Outcome:
    mode: Mode
    deal: bool
    turns: int
    kept_share: Decimal | None  # (deal − floor) / (list − floor)
    violations: int
    turn_seconds: list[float]


def panel(seed: int = 7, size: int = 600) -> list[tuple[Buyer, Rule, Decimal]]:
    """Deterministic buyers × store rules (mode set per run) × list prices: patient and
    impatient, EN and FR, budgets from below the floor to above list."""
    rng = random.Random(seed)
    cases = []
    for i in range(size):
        buyer = Buyer(
            budget_share=Decimal(rng.randint(50, 110)) / 100,
            opening_share=Decimal(rng.randint(40, 85)) / 100,
            patience=rng.choice((2, 3, 4, 6, 8, 12)),
            lang="fr" if i % 2 else "en",
        )
        rule = Rule(
            Level.store,
            enabled=True,
            floor_percent=rng.choice(FLOOR_PERCENTS),
            max_rounds=rng.choice((3, 4, 5)),
        )
        cases.append((buyer, rule, rng.choice(LIST_PRICES)))
    return cases


def negotiate_once(buyer: Buyer, rule: Rule, list_price: Decimal, negotiation_id: str) -> Outcome:
    policy = resolve([rule], Subject("p"), list_price, "cad")
    digest = hashlib.sha256(negotiation_id.encode()).digest()
    jitter = Decimal(int.from_bytes(digest[:4], "big") % 1_000_000) / 1_000_000
    budget = (list_price * buyer.budget_share).quantize(Decimal("0.01"), ROUND_FLOOR)
    offer = (budget * buyer.opening_share).quantize(Decimal(1), ROUND_FLOOR)
    raise_by = max((budget - offer) / 4, Decimal(1)).quantize(Decimal(1), ROUND_FLOOR)
    state, turns, violations, seconds = State(), 0, 0, []
    standing: Decimal | None = None
    while turns < buyer.patience and state.status == Status.open:
        text = (
            buyer.accept_text()
            if standing is not None and standing <= budget
            else buyer.offer_text(offer, "cad")
        )
        started = time.perf_counter()
        decision, state = step(policy, state, parse(text), jitter)
        render(
            decision,
            buyer.lang,
            currency_code="cad",
            negotiation_id=negotiation_id,
            turn=turns,
            deal_validity_hours=24,
        )
        seconds.append(time.perf_counter() - started)
        turns += 1
        if (
            decision.action in (Action.accept, Action.counter, Action.final_offer)
            and decision.price < policy.floor
        ):
            violations += 1
        if decision.action in (Action.counter, Action.final_offer):
            standing = decision.price
            if decision.action == Action.final_offer and standing > budget:
                break
        offer = min(offer + raise_by, budget)
    deal = state.status == Status.agreed
    kept = None
    if deal:
        kept = (state.deal_price - policy.floor) / (policy.list_price - policy.floor)
        violations += int(state.deal_price < policy.floor)
    return Outcome(policy.mode, deal, turns, kept, violations, seconds)


def run_panel(seed: int = 7, size: int = 600) -> dict[str, dict[str, float]]:
    """Every buyer meets every mode (paired), so the modes compare on the same shoppers."""
    outcomes = [
        negotiate_once(buyer, replace(rule, mode=mode), price, f"sim-{seed}-{i}")
        for i, (buyer, rule, price) in enumerate(panel(seed, size))
        for mode in Mode
    ]
    figures: dict[str, dict[str, float]] = {}
    for label, group in [("all", outcomes)] + [(m.value, [o for o in outcomes if o.mode == m]) for m in Mode]:
        deals = [o for o in group if o.deal]
        times = sorted(s for o in group for s in o.turn_seconds)
        figures[label] = {
            "negotiations": len(group),
            "deal_rate_pct": 100 * len(deals) / len(group),
            "band_kept_pct": float(100 * statistics.fmean(o.kept_share for o in deals)) if deals else 0.0,
            "median_turns_to_deal": statistics.median(o.turns for o in deals) if deals else 0.0,
            "floor_violations": sum(o.violations for o in group),
            "p95_turn_ms": 1000 * times[int(0.95 * (len(times) - 1))],
        }
    return figures


def main() -> int:
    figures = run_panel()
    columns = list(next(iter(figures.values())))
    print("| panel | " + " | ".join(columns) + " |")
    print("|---|" + "---:|" * len(columns))
    for label, row in figures.items():
        print(f"| {label} | " + " | ".join(f"{row[c]:.1f}" for c in columns) + " |")
    return 1 if figures["all"]["floor_violations"] else 0
