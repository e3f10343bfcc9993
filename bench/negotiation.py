"""Scripted buyers negotiate through :mod:`assistant.service` with the real database and Medusa.

`python -m bench.negotiation` (also part of `make bench`) starts Postgres and Medusa if needed,
then lets a panel of buyers — budgets from below the floor to above list, patient and impatient,
English and French — haggle over negotiable demo products in template mode. It prints the deal
rate, the average share of the (list − floor) band the store kept, the median turns to a deal,
floor violations (must be 0) and the server time of one turn (p50 / p95), split into turns that
only talk to Postgres and the turns that agree a deal. The deal's Medusa promotion is created
right after its turn, off it (assistant.deals.schedule): the bench also waits for it and reports
how long after the turn it existed, and checks its amount is exactly list − agreed.
"""

from __future__ import annotations

import asyncio
import datetime
import os
import platform
import statistics
import time
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from . import record

HANDLES = (
    "sony-wh-1000xm5-headphones",  # product rule: margin, 88 %, 3 rounds
    "lg-c3-oled-65",  # product rule: conversion, 78 %, 5 rounds
    "breville-barista-express",  # store rule: balanced, 85 %, 4 rounds
    "dyson-v15-detect-cordless-vacuum",
)
BUDGETS = (
    Decimal("0.60"),
    Decimal("0.80"),
    Decimal("0.88"),
    Decimal("0.95"),
    Decimal("1.00"),
    Decimal("1.10"),
)
PATIENCE = (3, 8)  # impatient / patient: messages before walking away
LANGS = ("en", "fr")


@dataclass
class Result:
    deal: bool
    turns: int
    kept: Decimal | None
    violations: int
    quiet_ms: list[float]  # turns that did not agree a deal
    deal_ms: list[float]
    db_only_ms: list[float]  # turns without a deal whose list price came from the service's cache
    cpu_ms: list[float]  # CPU time of this process per turn without a deal (load inflates it least)
    promotion_ms: list[float]  # from the end of the agreeing turn until Medusa's promotion existed
    promotion_errors: int  # promotions missing or not giving exactly list − agreed
    waited: int  # turns that read the product from Medusa before answering (price cache miss)


async def _policy(variant_id: str, region_id: str):
    """The resolved rule (floor included) — the bench is server code checking the server."""
    import db
    from assistant import service

    client = service._client(None)
    product, variant = await service._variant_by_id(client, variant_id, region_id, "en")
    async with db.async_session() as session:
        return await service._policy(session, product, variant)


async def haggle(variant_id: str, region_id: str, budget_share: Decimal, patience: int, lang: str) -> Result:
    import assistant
    from assistant import deals, prices
    from assistant.simulate import Buyer

    policy = await _policy(variant_id, region_id)
    buyer = Buyer(budget_share=budget_share, opening_share=Decimal("0.7"), patience=patience, lang=lang)
    budget = (policy.list_price * budget_share).quantize(Decimal("0.01"), ROUND_FLOOR)
    offer = (budget * buyer.opening_share).quantize(Decimal(1), ROUND_FLOOR)
    step = max((budget - offer) / 4, Decimal(1)).quantize(Decimal(1), ROUND_FLOOR)
    first = await assistant.start(variant_id, region_id, lang)
    nid = first.negotiation_id
    quiet, agreed, cpu, db_only, promotion, violations, errors, turns = [], [], [], [], [], 0, 0, 0
    waited = 0
    standing: Decimal | None = None
    status = "open"
    while turns < patience and status == "open":
        text = (
            buyer.accept_text()
            if standing is not None and standing <= budget
            else buyer.offer_text(offer, "cad")
        )
        waits = prices.stats.waits
        started, cpu_started = time.perf_counter(), time.process_time()
        turn = await assistant.negotiate(nid, text, lang)
        ended = time.perf_counter()
        elapsed = 1000 * (ended - started)
        cached = prices.stats.waits == waits
        waited += not cached
        turns += 1
        status = turn.status
        if status != "agreed":
            cpu.append(1000 * (time.process_time() - cpu_started))
        (agreed if status == "agreed" else quiet).append(elapsed)
        if status == "agreed" and turn.deal is not None and turn.deal.price < turn.list_price:
            await asyncio.gather(*list(deals._tasks))  # the background creation of the promotion
            promotion.append(1000 * (time.perf_counter() - ended))
            errors += not await _promotion_exact(nid, turn.deal.price, turn.list_price)
        if status != "agreed" and cached:
            db_only.append(elapsed)
        for price in (turn.offer_price, turn.deal.price if turn.deal else None):
            if price is not None and price < policy.floor:
                violations += 1
        standing = turn.offer_price
        if turn.final and standing is not None and standing > budget:
            break
        offer = min(offer + step, budget)
    view = await assistant.get(nid)
    kept = None
    if view.deal is not None:
        kept = (view.deal.price - policy.floor) / (policy.list_price - policy.floor)
    return Result(
        deal=view.deal is not None, turns=turns, kept=kept, violations=violations, quiet_ms=quiet,
        deal_ms=agreed, db_only_ms=db_only, cpu_ms=cpu, promotion_ms=promotion, promotion_errors=errors,
        waited=waited,
    )  # fmt: skip


async def _promotion_exact(negotiation_id: str, deal_price: Decimal, list_price: Decimal) -> bool:
    """The deal's promotion exists in Medusa and takes exactly list − agreed off."""
    import db
    from assistant import service
    from assistant.deals import _admin
    from assistant.models import NegotiationRow

    async with db.async_session() as session:
        row = await session.get(NegotiationRow, service._parse_id(negotiation_id))
        promotion_id = row.promotion_id if row is not None else None
    if promotion_id is None:
        return False
    admin = await _admin(service._client(None))
    promo = await admin.admin.promotion.retrieve(promotion_id)
    method = promo.application_method
    return promo.status == "active" and method is not None and method.value == list_price - deal_price


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[int(q * (len(ordered) - 1))] if ordered else 0.0


async def measure() -> dict[str, float]:
    from medusa import Medusa

    async with Medusa.from_env() as medusa:
        region = next(r for r in (await medusa.store.region.list()).items if r.currency_code == "cad")
        variants = []
        for handle in HANDLES:
            product = await medusa.store.product.retrieve_by_handle(handle, region_id=region.id)
            variants.append(next(v for v in product.variants if v.in_stock and v.price))
    results: list[Result] = []
    await haggle(variants[0].id, region.id, BUDGETS[0], 2, "en")  # warm-up: connections, caches
    for variant in variants:
        for share in BUDGETS:
            for patience in PATIENCE:
                for lang in LANGS:
                    results.append(await haggle(variant.id, region.id, share, patience, lang))
    deals = [r for r in results if r.deal]
    quiet = [ms for r in results for ms in r.quiet_ms]
    agreed = [ms for r in results for ms in r.deal_ms]
    return {
        "negotiations": len(results),
        "deal_rate_pct": 100 * len(deals) / len(results),
        "band_kept_pct": float(100 * statistics.fmean(r.kept for r in deals)) if deals else 0.0,
        "median_turns_to_deal": statistics.median(r.turns for r in deals) if deals else 0.0,
        "floor_violations": sum(r.violations for r in results),
        "turns": len(quiet) + len(agreed),
        "turn_p50_ms": _pct(quiet + agreed, 0.5),
        "turn_p95_ms": _pct(quiet + agreed, 0.95),
        "turn_without_deal_p95_ms": _pct(quiet, 0.95),
        "turn_postgres_only_p95_ms (price cached)": _pct([ms for r in results for ms in r.db_only_ms], 0.95),
        "turns_that_read_medusa (price cache miss)": sum(r.waited for r in results),
        "deal_turn_p95_ms": _pct(agreed, 0.95),
        "promotion_ready_after_deal_p50_ms (background)": _pct(
            [ms for r in results for ms in r.promotion_ms], 0.5
        ),
        "promotion_ready_after_deal_p95_ms (background)": _pct(
            [ms for r in results for ms in r.promotion_ms], 0.95
        ),
        "promotions_wrong_or_missing": sum(r.promotion_errors for r in results),
        "turn_without_deal_cpu_p95_ms (this process)": _pct([ms for r in results for ms in r.cpu_ms], 0.95),
        "load_average_1min": os.getloadavg()[0],
    }


def table(figures: dict[str, float]) -> str:
    lines = [
        "### Negotiation panel through assistant.service (template mode, real Postgres + Medusa)",
        "",
        "| figure | value | goal |",
        "|---|---:|---:|",
    ]
    goals = {
        "floor_violations": "0",
        "turn_p95_ms": "≤ 30",
        "turn_without_deal_p95_ms": "≤ 30",
        "turn_postgres_only_p95_ms (price cached)": "≤ 30",
        "deal_turn_p95_ms": "≤ 30",
        "promotions_wrong_or_missing": "0",
    }
    for key, value in figures.items():
        lines.append(f"| {key} | {value:.1f} | {goals.get(key, '')} |")
    return "\n".join(lines)


def main() -> int:
    from bench.__main__ import BENCH_ENV
    from stack.services import Stack

    for key, value in BENCH_ENV.items():
        os.environ.setdefault(key, value)
    os.environ.pop("OPENAI_API_KEY", None)  # template mode: the goal is for the deterministic path
    with Stack() as stack:
        stack.start_postgres()
        stack.start_medusa()
        os.environ.update(stack.env)
        figures = asyncio.run(measure())
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    report = f"## {stamp} — {platform.node()} ({os.cpu_count()} cores)\n\n{table(figures)}"
    record(report)
    return 1 if figures["floor_violations"] or figures["promotions_wrong_or_missing"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
