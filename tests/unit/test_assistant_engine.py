"""The negotiation engine: money invariants as Hypothesis properties, plus worked examples."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from assistant.engine import (
    SHAPES,
    Action,
    Decision,
    FloorViolation,
    Reason,
    State,
    Status,
    acceptance_threshold,
    ladder,
    opening,
    step,
)
from assistant.intent import Intent, IntentKind, Topic
from assistant.rules import Level, Mode, Policy, Rule, Subject, resolve

D = Decimal
MONEY_ACTIONS = (Action.accept, Action.counter, Action.final_offer)

# --- strategies --------------------------------------------------------------------------

cents = st.integers(min_value=500, max_value=2_000_000).map(lambda c: D(c) / 100)
percents = st.integers(min_value=3000, max_value=9990).map(lambda p: D(p) / 100)
jitters = st.integers(min_value=0, max_value=999_999).map(lambda j: D(j) / 1_000_000)


@st.composite
def policies(draw) -> Policy:
    list_price = draw(cents)
    if draw(st.booleans()):
        floor_rule = {"floor_percent": draw(percents)}
    else:
        floor_cents = draw(st.integers(min_value=1, max_value=int(list_price * 100) - 1))
        floor_rule = {"floor_amounts": {"cad": D(floor_cents) / 100}}
    rule = Rule(
        Level.store,
        enabled=True,
        mode=draw(st.sampled_from(list(Mode))),
        max_rounds=draw(st.integers(min_value=1, max_value=12)),
        final_offer_at_floor=draw(st.booleans()),
        **floor_rule,
    )
    policy = resolve([rule], Subject("p"), list_price, "cad")
    assume(policy.enabled)
    return policy


def offers_for(policy: Policy):
    top = int(policy.list_price * 150)
    return st.integers(min_value=1, max_value=top).map(lambda c: Intent.offer(D(c) / 100))


@st.composite
def scenarios(draw):
    policy = draw(policies())
    intent = st.one_of(
        offers_for(policy),
        offers_for(policy),
        offers_for(policy),
        st.just(Intent(IntentKind.accept)),
        st.just(Intent(IntentKind.decline)),
        st.just(Intent(IntentKind.haggle)),
        st.just(Intent(IntentKind.unclear)),
        st.just(Intent(IntentKind.greeting)),
        st.just(Intent(IntentKind.question, topic=Topic.best_price)),
        st.integers(min_value=1, max_value=99).map(lambda p: Intent(IntentKind.percent_off, percent=D(p))),
        st.integers(min_value=1, max_value=int(policy.list_price)).map(
            lambda a: Intent(IntentKind.amount_off, amount=D(a))
        ),
    )
    # Shoppers who mostly raise their offers, to walk the whole ladder.
    rising = st.lists(offers_for(policy), min_size=1, max_size=14).map(
        lambda xs: sorted(xs, key=lambda i: i.amount)
    )
    mixed = st.lists(intent, min_size=1, max_size=20)
    return policy, draw(jitters), draw(st.one_of(rising, mixed))


def offer_value(policy: Policy, intent: Intent) -> Decimal | None:
    q = policy.quantum
    if intent.kind == IntentKind.offer:
        return intent.amount.quantize(q, rounding="ROUND_FLOOR")
    if intent.kind == IntentKind.percent_off:
        return (policy.list_price * (100 - intent.percent) / 100).quantize(q, rounding="ROUND_FLOOR")
    if intent.kind == IntentKind.amount_off:
        return (policy.list_price - intent.amount).quantize(q, rounding="ROUND_FLOOR")
    return None


def play(policy, jitter, intents):
    """Run the turns; yield (state before, intent, decision, state after)."""
    state = State()
    for intent in intents:
        decision, after = step(policy, state, intent, jitter)
        yield state, intent, decision, after
        state = after


# --- invariants --------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_never_agrees_or_counters_below_the_floor_nor_above_list(scenario):
    policy, jitter, intents = scenario
    for _, _, decision, _ in play(policy, jitter, intents):
        if decision.action in MONEY_ACTIONS:
            assert policy.floor <= decision.price <= policy.list_price
            assert decision.price == decision.price.quantize(policy.quantum)


@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_counters_never_go_up(scenario):
    policy, jitter, intents = scenario
    last = None
    for _, _, decision, after in play(policy, jitter, intents):
        assert list(after.counters) == sorted(after.counters, reverse=True)
        if decision.action in (Action.counter, Action.final_offer):
            if last is not None:
                assert decision.price <= last
            last = decision.price


@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_never_counters_below_the_shoppers_latest_offer(scenario):
    policy, jitter, intents = scenario
    for _, intent, decision, _ in play(policy, jitter, intents):
        offer = offer_value(policy, intent)
        if offer is not None and decision.action in (Action.counter, Action.final_offer):
            assert decision.price > offer


@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_an_offer_at_or_above_the_threshold_is_accepted_and_only_then(scenario):
    policy, jitter, intents = scenario
    for before, intent, decision, _ in play(policy, jitter, intents):
        offer = offer_value(policy, intent)
        if offer is None or offer <= 0 or before.status != Status.open:
            continue
        threshold = acceptance_threshold(policy, before, jitter)
        assert threshold >= policy.floor
        if offer >= threshold:
            assert decision.action == Action.accept
            assert threshold <= decision.price <= min(offer, policy.list_price)
        else:
            assert decision.action != Action.accept


@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_after_max_rounds_the_last_counter_is_final(scenario):
    policy, jitter, intents = scenario
    for before, _, decision, after in play(policy, jitter, intents):
        assert len(after.counters) <= policy.max_rounds
        if len(before.counters) == policy.max_rounds and decision.action in (
            Action.counter,
            Action.final_offer,
        ):
            assert decision.action == Action.final_offer
            assert decision.price == before.counters[-1]
        if decision.action == Action.counter:
            assert len(after.counters) < policy.max_rounds


@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_one_deal_per_negotiation(scenario):
    policy, jitter, intents = scenario
    deals = []
    for _, _, decision, after in play(policy, jitter, intents):
        if decision.action == Action.accept:
            deals.append(decision.price)
        if deals:
            assert after.status == Status.agreed
            assert after.deal_price == deals[0]
    assert len(deals) <= 1


@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_the_floor_itself_is_never_offered_unless_the_rule_allows_it(scenario):
    policy, jitter, intents = scenario
    for before, _, decision, _ in play(policy, jitter, intents):
        if decision.action in (Action.counter, Action.final_offer) and not policy.final_offer_at_floor:
            assert decision.price > policy.floor
        if decision.action in (Action.clarify, Action.answer_question, Action.reject) and decision.price:
            # Talk without a new price only restates a price already on the table.
            assert decision.price in (policy.list_price, *before.counters, before.deal_price)


@settings(max_examples=300, deadline=None)
@given(policies(), jitters)
def test_the_final_counter_keeps_a_secret_margin_above_the_floor(policy, jitter):
    assume(not policy.final_offer_at_floor)
    steps = ladder(policy, jitter)
    lo, _ = SHAPES[policy.mode].final_margin
    band = policy.list_price - policy.floor
    assert steps[-1] - policy.floor >= min(band * lo, band - policy.quantum) - policy.quantum
    assert steps[-1] > policy.floor


@settings(max_examples=200, deadline=None)
@given(policies(), jitters)
def test_bisecting_offers_finds_the_final_counter_not_the_floor(policy, jitter):
    """A shopper who exhausts the ladder and then bisects sees where acceptance starts: the final
    counter, which is above the floor unless the rule allows the floor."""
    state = State(counters=ladder(policy, jitter))
    lo, hi = D("0.00"), policy.list_price
    while hi - lo > D("0.01"):
        mid = ((lo + hi) / 2).quantize(D("0.01"))
        decision, _ = step(policy, state, Intent.offer(mid), jitter)
        if decision.action == Action.accept:
            hi = mid
        else:
            lo = mid
    assert hi == ladder(policy, jitter)[-1]
    if not policy.final_offer_at_floor:
        assert hi > policy.floor


@settings(max_examples=300, deadline=None)
@given(policies(), jitters)
def test_conversion_opens_lower_and_concedes_faster_than_balanced_and_margin(policy, jitter):
    ladders = {}
    for mode in Mode:
        p = Policy(**{**policy.__dict__, "mode": mode})
        ladders[mode] = ladder(p, jitter)
    for k in range(policy.max_rounds):
        assert ladders[Mode.conversion][k] <= ladders[Mode.balanced][k] <= ladders[Mode.margin][k]


def test_the_final_counter_differs_between_negotiations_of_the_same_rule():
    policy = resolve(
        [Rule(Level.store, enabled=True, floor_percent=D(80), mode=Mode.balanced, max_rounds=3)],
        Subject("p"),
        D("2899.99"),
        "cad",
    )
    finals = {ladder(policy, D(j) / 100)[-1] for j in range(0, 100, 7)}
    assert len(finals) >= 3
    assert min(finals) > policy.floor


# --- worked examples ---------------------------------------------------------------------


def policy_for(list_price="449.99", floor="80", mode=Mode.balanced, rounds=4, at_floor=False) -> Policy:
    rule = Rule(
        Level.store,
        enabled=True,
        floor_percent=D(floor),
        mode=mode,
        max_rounds=rounds,
        final_offer_at_floor=at_floor,
    )
    return resolve([rule], Subject("p"), D(list_price), "cad")


JITTER = D("0.5")


def test_a_balanced_negotiation_walks_down_to_a_final_offer_then_accepts_the_counter():
    policy = policy_for()
    assert policy.floor == D("360.00")
    steps = ladder(policy, JITTER)
    state = State()
    seen = []
    for offer in ("200", "250", "300", "320", "330"):
        decision, state = step(policy, state, Intent.offer(offer), JITTER)
        seen.append((decision.action, decision.price))
    assert seen[:4] == [
        (Action.counter, steps[0]),
        (Action.counter, steps[1]),
        (Action.counter, steps[2]),
        (Action.final_offer, steps[3]),
    ]
    assert seen[4] == (Action.final_offer, steps[3])
    decision, state = step(policy, state, Intent(IntentKind.accept), JITTER)
    assert decision == Decision(Action.accept, Reason.counter_accepted, steps[3])
    assert state.status == Status.agreed and state.deal_price == steps[3]


def test_an_absurd_offer_is_just_a_low_offer_that_gets_countered():
    policy = policy_for("500.00")
    decision, _ = step(policy, State(), Intent.offer("1"), JITTER)
    assert decision.action == Action.counter
    assert decision.price == ladder(policy, JITTER)[0]


def test_repeating_a_lowball_buys_no_concession():
    policy = policy_for()
    d1, s = step(policy, State(), Intent.offer("100"), JITTER)
    d2, s = step(policy, s, Intent.offer("100"), JITTER)
    d3, s = step(policy, s, Intent.offer("90"), JITTER)
    assert d1.price == d2.price == d3.price
    assert d2.reason == Reason.no_movement and len(s.counters) == 1


def test_an_offer_above_list_is_agreed_at_list_and_above_a_counter_at_that_counter():
    policy = policy_for()
    decision, _ = step(policy, State(), Intent.offer("999"), JITTER)
    assert decision == Decision(Action.accept, Reason.offer_accepted, policy.list_price)
    counter, state = step(policy, State(), Intent.offer("100"), JITTER)
    decision, _ = step(policy, state, Intent.offer("449"), JITTER)
    assert decision.action == Action.accept and decision.price == counter.price


def test_percent_and_amount_off_are_offers_against_the_list_price():
    policy = policy_for("100.00", floor="50")
    decision, _ = step(policy, State(), Intent(IntentKind.percent_off, percent=D(5)), JITTER)
    assert decision == Decision(Action.accept, Reason.offer_accepted, D("95.00"))
    decision, _ = step(policy, State(), Intent(IntentKind.amount_off, amount=D(90)), JITTER)
    assert decision.action == Action.counter
    decision, _ = step(policy, State(), Intent(IntentKind.percent_off, percent=D(100)), JITTER)
    assert decision.action == Action.clarify and decision.reason == Reason.bad_amount


def test_zero_or_negative_offers_ask_again_rather_than_guess():
    policy = policy_for()
    for amount in ("0", "0.001", "-5"):
        decision, state = step(policy, State(), Intent(IntentKind.offer, amount=D(amount)), JITTER)
        assert decision.action == Action.clarify and state == State()


def test_accepting_before_any_counter_asks_for_an_offer():
    decision, state = step(policy_for(), State(), Intent(IntentKind.accept), JITTER)
    assert decision.action == Action.clarify and decision.reason == Reason.nothing_to_accept
    assert state.status == Status.open


def test_declining_closes_and_nothing_moves_after():
    policy = policy_for()
    decision, state = step(policy, State(), Intent(IntentKind.decline), JITTER)
    assert decision.action == Action.reject and state.status == Status.closed
    decision, _ = step(policy, state, Intent.offer("440"), JITTER)
    assert decision == Decision(Action.reject, Reason.closed)


def test_an_expired_deal_takes_no_more_offers():
    state = State(status=Status.expired, deal_price=D("400.00"))
    decision, after = step(policy_for(), state, Intent.offer("440"), JITTER)
    assert decision == Decision(Action.reject, Reason.expired) and after == state


def test_asking_for_the_lowest_price_gets_the_standing_price_only():
    policy = policy_for()
    decision, _ = step(policy, State(), Intent(IntentKind.question, topic=Topic.best_price), JITTER)
    assert decision.price == policy.list_price
    counter, state = step(policy, State(), Intent.offer("100"), JITTER)
    decision, after = step(policy, state, Intent(IntentKind.question, topic=Topic.best_price), JITTER)
    assert decision.price == counter.price and after == state


def test_final_offer_at_floor_only_when_the_rule_says_so():
    assert ladder(policy_for(at_floor=True), JITTER)[-1] == D("360.00")
    assert ladder(policy_for(at_floor=False), JITTER)[-1] > D("360.00")


def test_one_round_rules_open_with_the_final_offer():
    policy = policy_for(rounds=1)
    decision, _ = step(policy, State(), Intent.offer("100"), JITTER)
    assert decision.action == Action.final_offer


def test_counters_sit_on_sensible_price_points():
    assert ladder(policy_for("1149.99"), JITTER) == tuple(
        p for p in ladder(policy_for("1149.99"), JITTER) if p % 25 == 0
    )
    assert all(p % 1 == 0 for p in ladder(policy_for("89.99"), JITTER))


def test_a_disabled_policy_rejects_and_opens_with_the_fixed_price():
    policy = resolve([Rule(Level.store, enabled=False)], Subject("p"), D("100"), "cad")
    assert opening(policy) == Decision(Action.reject, Reason.disabled, D("100.00"))
    decision, _ = step(policy, State(), Intent.offer("99"), JITTER)
    assert decision.action == Action.reject and decision.reason == Reason.disabled


def test_a_stricter_rule_mid_negotiation_never_honours_a_counter_below_the_new_floor():
    lenient = policy_for(floor="70")
    _, state = step(lenient, State(), Intent.offer("100"), JITTER)
    for _ in range(3):
        _, state = step(lenient, state, Intent.offer(str(state.best_offer + 1)), JITTER)
    strict = policy_for(floor="95")
    decision, _ = step(strict, state, Intent(IntentKind.accept), JITTER)
    assert decision.action == Action.final_offer and decision.price >= strict.floor


def test_the_last_line_of_defence_refuses_a_price_below_the_floor():
    from assistant.engine import _check

    policy = policy_for()
    with pytest.raises(FloorViolation):
        _check(policy, State(), Decision(Action.accept, Reason.offer_accepted, D("359.99")), State())
