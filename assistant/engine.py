"""The negotiation engine: (policy, state, parsed intent) → (decision, next state). Pure, Decimal.

The whole counter ladder of a negotiation is fixed up front by :func:`ladder` — `max_rounds`
counters from an opening near list down to a final counter that stays above the floor by a
secret, per-negotiation margin (``jitter``, derived server-side from a secret and the
negotiation id), each rounded *up* to a sensible price point. The assistant:

- accepts any offer at or above the counter it would make now (the *acceptance threshold*);
  the deal price never exceeds the list price nor a counter it already made;
- otherwise concedes one step down the ladder, but only when the shopper raised their offer
  (repeating a lowball does not buy concessions); the last step is announced as final and then
  stands;
- accepts its own standing counter when the shopper says "deal".

So nothing is ever agreed or countered below the floor; counters never go up; a counter is
never below the shopper's latest offer (that offer would have been accepted); and the lowest
price a shopper can learn — the final counter — sits above the floor by a margin they cannot
read back (the mode's margin range × the secret jitter, then rounded up to a price point).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from enum import StrEnum
from functools import lru_cache

from .intent import Intent, IntentKind, Topic
from .rules import Mode, Policy

__all__ = [
    "Action",
    "Decision",
    "Reason",
    "State",
    "Status",
    "acceptance_threshold",
    "ladder",
    "opening",
    "price_step",
    "step",
]


class Status(StrEnum):
    open = "open"
    agreed = "agreed"
    closed = "closed"  # the shopper walked away
    expired = "expired"  # the deal ran out


class Action(StrEnum):
    accept = "accept"
    counter = "counter"
    final_offer = "final_offer"
    reject = "reject"
    clarify = "clarify"
    answer_question = "answer_question"


class Reason(StrEnum):
    opening = "opening"
    new_counter = "new_counter"
    no_movement = "no_movement"  # the shopper did not raise their offer: the counter stands
    final_stands = "final_stands"
    offer_accepted = "offer_accepted"
    counter_accepted = "counter_accepted"
    already_agreed = "already_agreed"
    declined = "declined"
    closed = "closed"
    expired = "expired"
    disabled = "disabled"
    unclear = "unclear"
    bad_amount = "bad_amount"
    nothing_to_accept = "nothing_to_accept"
    haggle = "haggle"
    greeting = "greeting"
    best_price = "best_price"
    condition = "condition"
    warranty = "warranty"
    shipping = "shipping"
    stock = "stock"
    question = "question"


@dataclass(frozen=True)
class Decision:
    """What the assistant does this turn. ``price`` is the one price a reply may state."""

    action: Action
    reason: Reason
    price: Decimal | None = None

    @property
    def is_deal(self) -> bool:
        return self.action == Action.accept


@dataclass(frozen=True)
class State:
    status: Status = Status.open
    counters: tuple[Decimal, ...] = ()  # concessions made so far, in order (never increasing)
    best_offer: Decimal | None = None  # the shopper's highest offer so far
    last_offer: Decimal | None = None
    deal_price: Decimal | None = None

    @property
    def last_counter(self) -> Decimal | None:
        return self.counters[-1] if self.counters else None


@dataclass(frozen=True)
class ModeShape:
    open_share: Decimal  # share of the (list − floor) band given away by the first counter
    exponent: Decimal  # <1 concedes early, >1 holds out
    final_margin: tuple[Decimal, Decimal]  # final counter = floor + band × (lo..hi by jitter)


SHAPES = {
    Mode.conversion: ModeShape(Decimal("0.45"), Decimal("0.6"), (Decimal("0.05"), Decimal("0.15"))),
    Mode.balanced: ModeShape(Decimal("0.25"), Decimal("1"), (Decimal("0.10"), Decimal("0.22"))),
    Mode.margin: ModeShape(Decimal("0.12"), Decimal("1.6"), (Decimal("0.18"), Decimal("0.32"))),
}

# Price points counters snap to, by list price; the largest that fits the band eight times is used.
_STEPS = (Decimal("25"), Decimal("10"), Decimal("5"), Decimal("1"), Decimal("0.50"), Decimal("0.10"))


def price_step(policy: Policy) -> Decimal:
    """The price-point grid of counters: whole dollars, fives, tens… (never finer than the
    currency's unit), coarse enough to look natural and fine enough for the band."""
    band = policy.list_price - policy.floor
    quantum = policy.quantum
    for candidate in _STEPS:
        if candidate <= policy.list_price / 40 and candidate * 8 <= band and candidate >= quantum:
            return (candidate / quantum).to_integral_value(ROUND_CEILING) * quantum
    return quantum


def _ceil_step(amount: Decimal, step: Decimal) -> Decimal:
    return (amount / step).to_integral_value(ROUND_CEILING) * step


def _clamp_jitter(jitter: Decimal) -> Decimal:
    if not isinstance(jitter, Decimal) or not jitter.is_finite():
        raise ValueError("jitter must be a finite Decimal in [0, 1)")
    return min(max(jitter, Decimal(0)), Decimal("0.999999"))


@lru_cache(maxsize=4096)
def ladder(policy: Policy, jitter: Decimal) -> tuple[Decimal, ...]:
    """The `max_rounds` counters of this negotiation, non-increasing, each above the floor (or at
    it for the last one when the rule allows), each at most the list price."""
    if not policy.enabled:
        raise ValueError("negotiation is disabled for this policy")
    shape = SHAPES[policy.mode]
    jitter = _clamp_jitter(jitter)
    list_price, floor = policy.list_price, policy.floor
    band = list_price - floor
    step = price_step(policy)
    quantum = policy.quantum
    if policy.final_offer_at_floor:
        final_share = Decimal(1)
    else:
        lo, hi = shape.final_margin
        final_share = 1 - (lo + (hi - lo) * jitter)
    rounds = policy.max_rounds
    counters: list[Decimal] = []
    for k in range(rounds):
        t = Decimal(k) / Decimal(rounds - 1) if rounds > 1 else Decimal(1)
        share = shape.open_share + (final_share - shape.open_share) * (t**shape.exponent if t else t)
        share = min(max(share, Decimal(0)), final_share)
        raw = list_price - band * share
        if k == rounds - 1 and policy.final_offer_at_floor:
            price = floor
        else:
            price = _ceil_step(raw, step)
            if price >= list_price:  # the grid would erase the concession: round to the cent instead
                price = _ceil_step(raw, quantum)
            if price <= floor:  # rounding can only go up, but keep the floor strictly out of reach
                price = floor + quantum
        price = min(price, list_price)
        if counters:
            price = min(price, counters[-1])
        counters.append(price.quantize(quantum))
    return tuple(counters)


def acceptance_threshold(policy: Policy, state: State, jitter: Decimal) -> Decimal:
    """The lowest offer accepted now: the counter the assistant would make next (or the final
    counter once the ladder is spent). Always above the floor (at it only with
    `final_offer_at_floor`)."""
    steps = ladder(policy, jitter)
    return steps[min(len(state.counters), len(steps) - 1)]


def opening(policy: Policy) -> Decision:
    """The first message: the list price (or that the price is fixed)."""
    if not policy.enabled:
        return Decision(Action.reject, Reason.disabled, policy.list_price)
    return Decision(Action.answer_question, Reason.opening, policy.list_price)


def _down(amount: Decimal, quantum: Decimal) -> Decimal:
    return amount.quantize(quantum, rounding=ROUND_FLOOR)


def _offer_amount(policy: Policy, intent: Intent) -> Decimal | None:
    """The offer in the currency's unit (rounded down: the shopper never gains a cent by
    rounding), or ``None`` when it is not a usable positive price."""
    quantum = policy.quantum
    if intent.kind == IntentKind.offer and intent.amount is not None:
        amount = intent.amount
    elif intent.kind == IntentKind.percent_off and intent.percent is not None:
        if not 0 < intent.percent < 100:
            return None
        amount = policy.list_price * (100 - intent.percent) / 100
    elif intent.kind == IntentKind.amount_off and intent.amount is not None:
        if intent.amount <= 0:
            return None
        amount = policy.list_price - intent.amount
    else:
        return None
    if not amount.is_finite():
        return None
    amount = _down(amount, quantum)
    return amount if amount > 0 else None


def step(policy: Policy, state: State, intent: Intent, jitter: Decimal) -> tuple[Decision, State]:
    """One turn. Pure: the same inputs always give the same decision."""
    decision, new_state = _step(policy, state, intent, jitter)
    _check(policy, state, decision, new_state)
    return decision, new_state


def _standing_price(policy: Policy, state: State) -> Decimal:
    if state.status == Status.agreed and state.deal_price is not None:
        return state.deal_price
    return state.last_counter if state.last_counter is not None else policy.list_price


def _step(policy: Policy, state: State, intent: Intent, jitter: Decimal) -> tuple[Decision, State]:
    kind = intent.kind

    # Conversation that does not move money, in any status.
    if kind == IntentKind.greeting:
        return Decision(Action.answer_question, Reason.greeting, _standing_price(policy, state)), state
    if kind == IntentKind.question:
        topic = intent.topic or Topic.other
        if topic == Topic.best_price:
            return Decision(Action.answer_question, Reason.best_price, _standing_price(policy, state)), state
        reason = Reason(topic.value) if topic != Topic.other else Reason.question
        return Decision(Action.answer_question, reason), state
    if kind == IntentKind.unclear:
        return Decision(Action.clarify, Reason.unclear), state

    # One deal per negotiation; nothing moves once it is over.
    if state.status == Status.agreed:
        return Decision(Action.reject, Reason.already_agreed, state.deal_price), state
    if state.status == Status.closed:
        return Decision(Action.reject, Reason.closed), state
    if state.status == Status.expired:
        return Decision(Action.reject, Reason.expired), state
    if not policy.enabled:
        return Decision(Action.reject, Reason.disabled, policy.list_price), state

    if kind == IntentKind.decline:
        return Decision(Action.reject, Reason.declined), replace(state, status=Status.closed)

    steps = ladder(policy, jitter)
    rounds_used = len(state.counters)
    final = steps[-1]

    if kind == IntentKind.accept:
        last = state.last_counter
        if last is None:
            return Decision(Action.clarify, Reason.nothing_to_accept), state
        if last < final:  # the rule got stricter since that counter: offer what holds now
            return Decision(Action.final_offer, Reason.final_stands, final), replace(
                state, counters=(*state.counters, final)
            )
        deal = min(last, policy.list_price)
        return Decision(Action.accept, Reason.counter_accepted, deal), replace(
            state, status=Status.agreed, deal_price=deal
        )

    if kind == IntentKind.haggle:
        if rounds_used >= len(steps):
            return Decision(Action.final_offer, Reason.final_stands, final), state
        return Decision(Action.clarify, Reason.haggle, _standing_price(policy, state)), state

    offer = _offer_amount(policy, intent)
    if offer is None:
        return Decision(Action.clarify, Reason.bad_amount), state

    threshold = steps[min(rounds_used, len(steps) - 1)]
    moved = state.best_offer is None or offer > state.best_offer
    best = offer if state.best_offer is None else max(offer, state.best_offer)
    seen = replace(state, best_offer=best, last_offer=offer)

    if offer >= threshold:
        prices = [offer, policy.list_price]
        if state.last_counter is not None and state.last_counter >= threshold:
            prices.append(state.last_counter)
        deal = min(prices)
        return Decision(Action.accept, Reason.offer_accepted, deal), replace(
            seen, status=Status.agreed, deal_price=deal
        )
    if rounds_used >= len(steps):
        return Decision(Action.final_offer, Reason.final_stands, final), seen
    if not moved and state.last_counter is not None:
        return Decision(Action.counter, Reason.no_movement, max(state.last_counter, threshold)), seen
    # Under a stable rule this is at most the last counter; if staff raised the floor since, the
    # ladder moved up and the floor wins over "counters never go up".
    counter = steps[rounds_used]
    action = Action.final_offer if rounds_used + 1 >= len(steps) else Action.counter
    return Decision(action, Reason.new_counter, counter), replace(seen, counters=(*state.counters, counter))


class FloorViolation(AssertionError):
    """A decision that would sell below the floor: a bug, never sent."""


def _check(policy: Policy, before: State, decision: Decision, after: State) -> None:
    """Last line of defence: the money invariants, checked on every turn in production too."""
    if decision.action in (Action.accept, Action.counter, Action.final_offer):
        price = decision.price
        if price is None or price < policy.floor or price > policy.list_price:
            raise FloorViolation(f"{decision.action} at {price} is outside [floor, list]")
        if decision.action != Action.accept and not policy.final_offer_at_floor and price <= policy.floor:
            raise FloorViolation("a counter at the floor itself")
    if before.deal_price is not None and after.deal_price != before.deal_price:
        raise FloorViolation("a second deal in one negotiation")
