"""What the assistant says: template replies in EN/FR (gettext) and the price guard.

A reply states at most one price — the engine's decision — formatted for the shopper's locale.
Variants are picked deterministically from the negotiation id and the turn, so a replay gives
the same words. :func:`guard` is the gate for any other text (a future LLM narrator): if it
states a price, a percentage or a number that is not the decision's price, the template reply
is sent instead.
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from functools import cache, lru_cache

from translations import format_money, gettext, ngettext, normalize_lang

from .engine import Action, Decision, Reason
from .parser import find_amounts, normalize

__all__ = ["guard", "render", "states_only"]


@cache
def _templates(lang: str) -> dict[tuple[Action | None, Reason], list[str]]:
    """Every template, keyed by (action or None for any, reason). `{price}` is the decision's."""
    t = gettext(lang)
    return {
        (None, Reason.opening): [
            t("Hi! This one is listed at {price}. Make me an offer and I'll see what I can do."),
            t("Hello! The price is {price}. What would you like to offer?"),
            t("Welcome! It's {price} as listed. Tell me what you'd like to pay."),
        ],
        (None, Reason.disabled): [
            t("Sorry, the price of this item is fixed at {price}; it is not open to negotiation."),
        ],
        (Action.counter, Reason.new_counter): [
            t("I can't go that low, but I can do {price}."),
            t("How about {price}? That's a good price for this one."),
            t("Let's meet partway: {price}."),
            t("I can come down to {price}."),
        ],
        (Action.final_offer, Reason.new_counter): [
            t("My final offer is {price}. I can't go any lower."),
            t("The best I can do is {price}, and that's final."),
        ],
        (None, Reason.no_movement): [
            t("My offer of {price} still stands."),
            t("I'm still at {price}. Can you come up a little?"),
        ],
        (None, Reason.final_stands): [
            t("Sorry, {price} is my final offer."),
            t("I can't go below {price}; that's my final price."),
        ],
        (None, Reason.offer_accepted): [
            t("Deal! {price} it is."),
            t("You've got it: {price}."),
            t("That works for me. Deal at {price}."),
        ],
        (None, Reason.counter_accepted): [
            t("Great, it's a deal at {price}."),
            t("Deal at {price}!"),
        ],
        (None, Reason.already_agreed): [
            t("We already have a deal at {price}."),
        ],
        (None, Reason.declined): [
            t("No problem. If you change your mind, I'm here."),
            t("Understood, thanks for stopping by."),
        ],
        (None, Reason.closed): [
            t("This negotiation is closed. Start a new one to make another offer."),
        ],
        (None, Reason.expired): [
            t("This deal has expired. Start a new negotiation to make another offer."),
        ],
        (None, Reason.unclear): [
            t("Sorry, I didn't understand. Tell me the price you'd like to pay, or ask me about the item."),
            t("I'm not sure what you mean. What price would you like to offer?"),
        ],
        (None, Reason.bad_amount): [
            t("That doesn't look like a price I can work with. What would you like to pay?"),
        ],
        (None, Reason.nothing_to_accept): [
            t("I haven't made you an offer yet. What price did you have in mind?"),
        ],
        (Action.clarify, Reason.haggle): [
            t("The price right now is {price}. What would you like to offer?"),
            t("I'm at {price} for now. Make me an offer!"),
        ],
        (Action.final_offer, Reason.haggle): [
            t("Sorry, {price} is my final offer."),
        ],
        (None, Reason.greeting): [
            t("Hello! The price is {price}. What would you like to offer?"),
            t("Hi there! It's {price} right now. Make me an offer."),
        ],
        (None, Reason.best_price): [
            t("Right now the best I can do is {price}. Make me an offer!"),
            t("My price at the moment is {price}. What would you like to pay?"),
        ],
        (None, Reason.condition): [
            t(
                "Each unit's condition grade (Like new, Good or Fair) is on the product page, "
                "with notes on any marks. I can help you with the price."
            ),
        ],
        (None, Reason.warranty): [
            t(
                "Every unit is tested by our technicians and covered by The Open Box warranty; "
                "the details are on the product page."
            ),
        ],
        (None, Reason.shipping): [
            t("Shipping options and their prices for your region are shown at checkout."),
        ],
        (None, Reason.stock): [
            t("Availability is shown on the product page next to each condition."),
        ],
        (None, Reason.question): [
            t("I can help with the price. The description on this page has the details about the item."),
        ],
    }


# Babel formats the same few prices over and over in a negotiation; the text depends only on them.
_money = lru_cache(maxsize=4096)(format_money)


def _choose(options: list[str], negotiation_id: str, turn: int, reason: Reason) -> str:
    digest = hashlib.sha256(f"{negotiation_id}:{turn}:{reason}".encode()).digest()
    return options[int.from_bytes(digest[:4], "big") % len(options)]


def render(
    decision: Decision,
    lang: str,
    *,
    currency_code: str,
    negotiation_id: str,
    turn: int,
    deal_validity_hours: int | None = None,
) -> str:
    """The template reply for `decision` in `lang` (deterministic for a negotiation and turn)."""
    lang = normalize_lang(lang)
    templates = _templates(lang)
    options = templates.get((decision.action, decision.reason)) or templates.get((None, decision.reason))
    if not options:
        options = templates[(None, Reason.unclear)]
    text = _choose(options, negotiation_id, turn, decision.reason)
    if "{price}" in text:
        if decision.price is None:
            raise ValueError(f"template for {decision.reason} needs a price")
        text = text.format(price=_money(decision.price, currency_code, lang))
    if decision.action == Action.accept and decision.reason != Reason.already_agreed and deal_validity_hours:
        text += " " + ngettext(
            lang,
            "This price is held for you for {n} hour.",
            "This price is held for you for {n} hours.",
            deal_validity_hours,
        )
    return text


# Spelled-out numbers and currency words a narrator could use to state a price in words.
_NUMBER_WORDS = re.compile(
    r"\b(?:hundred|thousand|grand|cents?|cent|mille|centaines?|milliers?|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    r"vingts?|trente|quarante|cinquante|soixante|septante|huitante|nonante)\b"
)
_CURRENCY_WORDS = re.compile(r"\$|\b(?:dollars?|bucks?|cad|usd|piasses?|piastres?|balles?)\b|€|£")


def states_only(text: str, price: Decimal | None) -> bool:
    """True when every amount `text` states equals `price` (and none when `price` is None).

    Deliberately strict: a bare number that is not a measurement, a percentage, a discount, a
    number in words next to a currency, or a currency sign without a readable amount all count
    as stating a different price.
    """
    norm = normalize(text)
    amounts, unreadable = find_amounts(norm)
    if unreadable:
        return False
    for amount in amounts:
        if amount.kind != "price" or price is None or amount.value != price:
            return False
    stated_with_sign = sum(1 for a in amounts if a.strong)
    if len(_CURRENCY_WORDS.findall(norm)) > max(stated_with_sign, len(amounts)):
        return False
    return not _NUMBER_WORDS.search(norm)


def guard(
    text: str,
    decision: Decision,
    lang: str,
    *,
    currency_code: str,
    negotiation_id: str,
    turn: int,
    deal_validity_hours: int | None = None,
) -> str:
    """`text` if it states no price but the decision's; otherwise the template reply."""
    if text and text.strip() and states_only(text, decision.price):
        return text
    return render(
        decision,
        lang,
        currency_code=currency_code,
        negotiation_id=negotiation_id,
        turn=turn,
        deal_validity_hours=deal_validity_hours,
    )
