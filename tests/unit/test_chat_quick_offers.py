"""Quick-offer chips of the chat panel: derived from the list price only, in the page's language."""

from __future__ import annotations

from decimal import Decimal

from assistant.parser import parse
from tob_app.state.chat import quick_offers


def test_chips_are_whole_prices_under_list_that_the_parser_reads_back():
    for lang in ("en", "fr"):
        chips = quick_offers(Decimal("1149.99"), "cad", lang)
        assert len(chips) == 3
        amounts = [parse(c.text).amount for c in chips]
        assert amounts == [Decimal("1092"), Decimal("1034"), Decimal("977")]
    assert quick_offers(Decimal("100"), "cad", "fr")[0].label == "95,00\u00a0$"
    assert quick_offers(Decimal("100"), "cad", "en")[0].text == "Would you take $95.00?"


def test_tiny_prices_give_no_duplicate_or_zero_chips():
    chips = quick_offers(Decimal("1.50"), "cad", "en")
    assert [c.label for c in chips] == ["$1.00"]


def test_failures_read_in_the_shoppers_language():
    from assistant import InvalidMessage, NegotiationDisabled
    from assistant.ratelimit import RateLimited
    from medusa import MedusaUnavailableError
    from tob_app.state.chat import failure_message

    assert failure_message(RateLimited("negotiation", 12), "fr") == (
        "Vous envoyez des messages trop rapidement. Attendez 12 secondes."
    )
    assert failure_message(RateLimited("client", 1), "en") == (
        "You are sending messages too quickly. Please wait 1 second."
    )
    assert "fixe" in failure_message(NegotiationDisabled("x"), "fr")
    assert failure_message(InvalidMessage("x"), "en") == "Please write a message of at most 3,999 characters."
    assert "temporairement indisponible" in failure_message(MedusaUnavailableError("down"), "fr")
    assert failure_message(RuntimeError("internal detail"), "en") == "Something went wrong. Please try again."


def test_chips_above_the_assistants_standing_offer_are_dropped():
    chips = quick_offers(Decimal("899.99"), "cad", "en", below=Decimal("850.00"))
    assert [c.label for c in chips] == ["$809.00", "$764.00"]
    assert quick_offers(Decimal("899.99"), "cad", "en", below=Decimal("700")) == []
