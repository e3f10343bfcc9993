"""Template replies (EN/FR, deterministic, one price at most) and the guard on other text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.engine import Action, Decision, Reason
from assistant.replies import _templates, guard, render, states_only
from translations import format_money

D = Decimal
NBSP = "\u00a0"
PRICE = D("1234.50")
COUNTER = Decision(Action.counter, Reason.new_counter, PRICE)


def every_decision() -> list[Decision]:
    decisions = []
    for action, reason in _templates("en"):
        action = action or {
            Reason.offer_accepted: Action.accept,
            Reason.counter_accepted: Action.accept,
            Reason.final_stands: Action.final_offer,
            Reason.no_movement: Action.counter,
            Reason.unclear: Action.clarify,
            Reason.bad_amount: Action.clarify,
            Reason.nothing_to_accept: Action.clarify,
        }.get(reason, Action.answer_question)
        needs_price = any("{price}" in t for t in _templates_raw(reason))
        decisions.append(Decision(action, reason, PRICE if needs_price else None))
    return decisions


def _templates_raw(reason: Reason) -> list[str]:
    return [t for (_, r), ts in _templates("en").items() if r == reason for t in ts]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("currency", ["cad", "usd"])
def test_every_template_states_only_the_decisions_price(lang, currency):
    for decision in every_decision():
        for turn in range(8):
            text = render(
                decision, lang, currency_code=currency, negotiation_id="n1", turn=turn, deal_validity_hours=24
            )
            assert states_only(text, decision.price), text
            if decision.price is not None:
                assert format_money(decision.price, currency, lang) in text


def test_french_replies_come_from_the_french_catalog():
    text = render(COUNTER, "fr", currency_code="cad", negotiation_id="n1", turn=1)
    english = render(COUNTER, "en", currency_code="cad", negotiation_id="n1", turn=1)
    assert text != english
    assert f"1{NBSP}234,50{NBSP}$" in text
    assert "$1,234.50" in english


def test_replies_are_deterministic_but_vary_across_turns():
    texts = [render(COUNTER, "en", currency_code="cad", negotiation_id="n1", turn=t) for t in range(12)]
    again = [render(COUNTER, "en", currency_code="cad", negotiation_id="n1", turn=t) for t in range(12)]
    assert texts == again
    assert len(set(texts)) >= 2


def test_a_deal_reply_says_how_long_the_price_is_held():
    deal = Decision(Action.accept, Reason.offer_accepted, PRICE)
    assert "48 hours" in render(
        deal, "en", currency_code="cad", negotiation_id="n", turn=1, deal_validity_hours=48
    )
    assert "1 heure" in render(
        deal, "fr", currency_code="cad", negotiation_id="n", turn=1, deal_validity_hours=1
    )


def test_a_template_needing_a_price_refuses_a_decision_without_one():
    with pytest.raises(ValueError):
        render(
            Decision(Action.counter, Reason.new_counter, None),
            "en",
            currency_code="cad",
            negotiation_id="n",
            turn=1,
        )


# --- the guard ----------------------------------------------------------------------------

ALLOWED = [
    "I can do $1,234.50 for you.",
    "I can do $1234.5.",
    "Sure: 1234.50 CAD.",
    f"Je peux faire 1{NBSP}234,50{NBSP}$.",
    "Je peux faire 1 234,50 $ pour vous.",
    "1\u202f234,50\u00a0$ US, c'est mon prix.",
    "US$1,234.50 is my price, and it comes with a 90-day warranty.",
    "It's $1,234.50 — the 65 inch model ships in 3 days.",
    "$1,234.50. Yes, $1,234.50.",
]

REFUSED = [
    "I can do $1,200.",
    "I can do $1,234.50, or $1,100 if you pay cash.",
    "My floor is 1000, so 1234.50 it is.",
    "Sure, 20% off!",
    "I'll knock $50 off.",
    "How about twelve hundred dollars?",
    "Je peux descendre à 1 100 $.",
    "Je vous fais 1.234,00 $.",
    "mille deux cents dollars, ça vous va?",
    "I can go down to 1 234 $",
    "Okay, 1234.49.",
    "Deal at $.",
    "Final answer: 1,234.5 USD... or 1,000",
    "80.555",
]


@pytest.mark.parametrize("text", ALLOWED)
def test_guard_keeps_text_that_states_only_the_decisions_price(text):
    assert guard(text, COUNTER, "en", currency_code="cad", negotiation_id="n", turn=1) == text


@pytest.mark.parametrize("text", REFUSED)
def test_guard_replaces_text_stating_another_price_with_the_template(text):
    replaced = guard(text, COUNTER, "en", currency_code="cad", negotiation_id="n", turn=1)
    assert replaced == render(COUNTER, "en", currency_code="cad", negotiation_id="n", turn=1)
    assert "$1,234.50" in replaced


def test_guard_refuses_any_price_when_the_decision_has_none():
    question = Decision(Action.answer_question, Reason.condition)
    text = "It's in great shape, and I could do $900."
    assert guard(text, question, "fr", currency_code="cad", negotiation_id="n", turn=2) == render(
        question, "fr", currency_code="cad", negotiation_id="n", turn=2
    )
    fine = "It's in great shape: light marks on the side, fully tested."
    assert guard(fine, question, "en", currency_code="cad", negotiation_id="n", turn=2) == fine


def test_guard_replaces_empty_text():
    template = render(COUNTER, "en", currency_code="cad", negotiation_id="n", turn=1)
    assert guard("  ", COUNTER, "en", currency_code="cad", negotiation_id="n", turn=1) == template
