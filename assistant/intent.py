"""What a shopper's message means to the engine: the only thing the engine ever sees of it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

__all__ = ["Intent", "IntentKind", "Topic"]


class IntentKind(StrEnum):
    offer = "offer"  # a price: "would you take 80?"
    percent_off = "percent_off"  # "20% off" (of the list price)
    amount_off = "amount_off"  # "$50 off"
    accept = "accept"  # "deal", "ok", "d'accord" (takes the standing counter)
    decline = "decline"  # "no thanks", "non merci"
    question = "question"
    greeting = "greeting"
    haggle = "haggle"  # "too expensive", "can you do better?" — wants a lower price, names none
    unclear = "unclear"


class Topic(StrEnum):
    best_price = "best_price"  # "what's your lowest price?" — answered with the standing price only
    condition = "condition"
    warranty = "warranty"
    shipping = "shipping"
    stock = "stock"
    other = "other"


@dataclass(frozen=True)
class Intent:
    kind: IntentKind
    amount: Decimal | None = None  # offer / amount_off, major units
    percent: Decimal | None = None  # percent_off
    topic: Topic | None = None  # question

    @staticmethod
    def offer(amount: Decimal | str | int) -> Intent:
        return Intent(IntentKind.offer, amount=Decimal(amount))
