"""The negotiation service: the I/O around the pure parts.

Each turn reads the negotiation (:mod:`assistant.turn_store`: one query, which also brings the
rules' version and the answer to a retried message), takes the variant's list price for the
negotiation's region from :mod:`assistant.prices` (kept fresh by Medusa's change events; a turn
does not wait on Medusa), resolves the rules (cached per version), runs parser → engine →
template reply, and stores both messages and the new state in one statement — two round trips to
Postgres. Two requests for one negotiation queue up: the one whose state changed under it plays
again holding the row lock. The turn that agrees a deal stores it (durably) with its code before
answering; the Medusa promotion is created right after, off the turn
(:func:`assistant.deals.schedule`). What it returns (:class:`Turn`) is safe to show
a shopper: no floor, no threshold, no rule.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from decimal import Decimal
from itertools import islice
from typing import Any

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

import db
from medusa import Medusa, Product, Variant
from translations import MEDUSA_LOCALES, normalize_lang

from . import deals, prices, turn_store
from .deals import new_code
from .engine import Action, Decision, Reason, State, Status, opening, step
from .intent import Intent, IntentKind, Topic
from .models import MessageRow, NegotiationRow, RuleRow, utcnow
from .narrator import Context
from .parser import MAX_TEXT_LENGTH, parse
from .replies import render
from .rule_store import row_to_rule
from .rules import Policy, Rule, Subject, resolve
from .turn_store import StoredNegotiation

__all__ = [
    "AssistantError",
    "Deal",
    "InvalidMessage",
    "Message",
    "NegotiationDisabled",
    "NegotiationNotFound",
    "NegotiationView",
    "New",
    "Turn",
    "VariantUnavailable",
    "get",
    "negotiate",
    "start",
]

log = logging.getLogger("assistant")

DEV_SECRET = "tob-dev-assistant-secret"  # local default; production sets ASSISTANT_SECRET


class AssistantError(Exception):
    """Base of the service's errors; the message is fit for the shopper-facing API."""


class InvalidMessage(AssistantError, ValueError):
    """Empty text, text over 4,000 characters, or an unknown language."""


class NegotiationNotFound(AssistantError, LookupError):
    pass


class VariantUnavailable(AssistantError, LookupError):
    """The variant does not exist in Medusa, or has no price in the region."""


class NegotiationDisabled(AssistantError):
    """The rules say this variant's price is fixed (HTTP 409)."""


@dataclass(frozen=True)
class New:
    """Start a negotiation with the first message: ``negotiate(New(variant_id, region_id), text)``."""

    variant_id: str
    region_id: str


@dataclass(frozen=True)
class Deal:
    price: Decimal
    currency_code: str
    expires_at: datetime
    promo_code: str | None = None


@dataclass(frozen=True)
class Turn:
    """One assistant answer. `offer_price` is the assistant's standing offer (its latest counter)
    while the negotiation is open, `final` when it will go no lower, `deal` the agreed price
    (with its promotion code once Medusa has it)."""

    negotiation_id: str
    status: str
    reply: str
    action: str
    offer_price: Decimal | None
    final: bool
    list_price: Decimal
    currency_code: str
    deal: Deal | None
    # For the narrator (assistant.narrator): the decision and what it may know. Server-side.
    context: Context | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class Message:
    role: str
    text: str
    created_at: datetime


@dataclass(frozen=True)
class NegotiationView:
    negotiation_id: str
    status: str
    product_id: str
    variant_id: str
    region_id: str
    list_price: Decimal
    currency_code: str
    lang: str
    offer_price: Decimal | None  # the standing counter while open
    deal: Deal | None
    messages: list[Message]


# --- small pure helpers ------------------------------------------------------------------


def secret() -> bytes:
    return (os.environ.get("ASSISTANT_SECRET") or DEV_SECRET).encode()


def jitter_for(variant_id: str, currency_code: str, key: bytes | None = None) -> Decimal:
    """The secret position of this variant's final counter in the mode's margin range, in [0, 1).

    Keyed by variant and currency, not by negotiation: starting over gives the same ladder, so
    restarting a negotiation cannot fish for a lower final counter.
    """
    message = f"{variant_id}:{currency_code.lower()}".encode()
    digest = hmac.new(key or secret(), message, hashlib.sha256).digest()
    return Decimal(int.from_bytes(digest[:4], "big") % 1_000_000) / Decimal(1_000_000)


def _state(row: NegotiationRow | StoredNegotiation) -> State:
    return State(
        status=Status(row.status),
        counters=tuple(Decimal(c) for c in row.counters or ()),
        best_offer=row.best_offer,
        last_offer=row.last_offer,
        deal_price=row.deal_price,
    )


def _deal(row: NegotiationRow | StoredNegotiation) -> Deal | None:
    if row.deal_price is None or row.expires_at is None:
        return None
    return Deal(
        price=_money(row.deal_price, row.currency_code),
        currency_code=row.currency_code,
        expires_at=row.expires_at,
        # The code once Medusa's promotion exists and discounts (it is off while the list price
        # is at or below the agreed one).
        promo_code=row.promo_code
        if row.promotion_id is not None and (row.promotion_amount is None or row.promotion_amount > 0)
        else None,
    )


def _money(amount: Decimal, currency_code: str) -> Decimal:
    from .rules import currency_quantum

    return Decimal(amount).quantize(currency_quantum(currency_code))


def _check_text(text: str) -> str:
    if not isinstance(text, str) or not text.strip():
        raise InvalidMessage("the message is empty")
    if len(text) > MAX_TEXT_LENGTH:
        raise InvalidMessage(f"the message is longer than {MAX_TEXT_LENGTH:,} characters")
    return text.strip()


def _subject(product: Product, variant: Variant) -> Subject:
    handles: list[str] = []
    for category in product.categories:
        handles.append(category.handle)
        parent = category.parent_category
        while parent is not None:
            handles.append(parent.handle)
            parent = parent.parent_category
    return Subject(product.handle, variant.sku, tuple(dict.fromkeys(handles)))


# --- I/O ---------------------------------------------------------------------------------


def _client(medusa: Medusa | None) -> Medusa:
    if medusa is not None:
        return medusa
    from catalog.source import medusa as shared

    return shared()


async def _variant_by_id(
    medusa: Medusa, variant_id: str, region_id: str, lang: str
) -> tuple[Product, Variant]:
    if not isinstance(variant_id, str) or not variant_id.strip():
        raise VariantUnavailable("unknown variant")
    page = await medusa.store.product.list(
        region_id=region_id,
        locale=MEDUSA_LOCALES[lang],
        extra_query={"variants.id": variant_id},
        limit=1,
    )
    return _pick_variant(page.items[0] if page.items else None, variant_id)


async def _variant_of(
    medusa: Medusa, product_id: str, variant_id: str, region_id: str
) -> tuple[Product, Variant]:
    """The variant as priced now, from the price cache (see assistant.prices); read afresh when
    the cached product lacks it (a variant added since)."""
    product = await prices.product(medusa, product_id, region_id)
    if product is None or not any(v.id == variant_id for v in product.variants):
        product = await prices.product(medusa, product_id, region_id, fresh=True)
    return _pick_variant(product, variant_id)


def _pick_variant(product: Product | None, variant_id: str) -> tuple[Product, Variant]:
    if product is not None:
        for variant in product.variants:
            if variant.id == variant_id:
                if variant.price is None:
                    raise VariantUnavailable("this item has no price in your region")
                return product, variant
    raise VariantUnavailable("unknown variant")


async def _rules(session: AsyncSession) -> list[Rule]:
    rows = (await session.exec(select(RuleRow))).all()
    return [row_to_rule(r) for r in rows]


_policies: dict[tuple, Policy] = {}


def _resolve(rules: Sequence[Rule], version: int | None, product: Product, variant: Variant) -> Policy:
    """`resolve` memoized per rules version, subject and price (a few hundred bytes each; the
    memo is dropped whole when it grows past a bound or the version moves)."""
    price = variant.price
    assert price is not None
    subject = _subject(product, variant)
    if version is None:  # no version row to key on: resolve every time
        return resolve(rules, subject, price.amount, price.currency_code)
    key = (version, subject, price.amount, price.currency_code)
    policy = _policies.get(key)
    if policy is None:
        if len(_policies) >= 4096 or any(k[0] != version for k in islice(_policies, 1)):
            _policies.clear()
        policy = _policies[key] = resolve(rules, subject, price.amount, price.currency_code)
    return policy


async def _policy(session: AsyncSession, product: Product, variant: Variant) -> Policy:
    price = variant.price
    assert price is not None
    return resolve(await _rules(session), _subject(product, variant), price.amount, price.currency_code)


def _turn(
    row: NegotiationRow | StoredNegotiation, decision: Decision, reply: str, *, max_rounds: int | None = None
) -> Turn:
    """What the shopper sees: the reply, the assistant's standing offer while open, the deal."""
    standing = Decimal(row.counters[-1]) if row.counters and row.status == Status.open.value else None
    final = decision.action == Action.final_offer or (
        standing is not None and max_rounds is not None and len(row.counters) >= max_rounds
    )
    return Turn(
        negotiation_id=str(row.id),
        status=row.status,
        reply=reply,
        action=decision.action.value,
        offer_price=_money(standing, row.currency_code) if standing is not None else None,
        final=final,
        list_price=_money(row.list_price, row.currency_code),
        currency_code=row.currency_code,
        deal=_deal(row),
    )


def _add_message(session: AsyncSession, row: NegotiationRow, **values: Any) -> None:
    seq = values.pop("seq")
    session.add(MessageRow(negotiation_id=row.id, seq=seq, **values))


async def start(variant_id: str, region_id: str, lang: str = "en", *, medusa: Medusa | None = None) -> Turn:
    """Open a negotiation for a variant in a region; the first assistant message states the list
    price. Raises VariantUnavailable (unknown variant, sold out, no price in the region) or
    NegotiationDisabled."""
    lang = normalize_lang(lang)
    client = _client(medusa)
    product, variant = await _variant_by_id(client, variant_id, region_id, lang)
    prices.remember(product, region_id)  # the conversation's turns start from this read
    if not variant.in_stock:
        raise VariantUnavailable("this item is sold out")
    price = variant.price
    assert price is not None
    async with db.async_session() as session:
        policy = await _policy(session, product, variant)
        if not policy.enabled:
            raise NegotiationDisabled("the price of this item is not negotiable")
        row = NegotiationRow(
            product_id=product.id,
            product_handle=product.handle,
            variant_id=variant.id,
            region_id=region_id,
            currency_code=price.currency_code,
            lang=lang,
            list_price=policy.list_price,
        )
        session.add(row)
        await session.flush()
        decision = opening(policy)
        reply = render(decision, lang, currency_code=row.currency_code, negotiation_id=str(row.id), turn=0)
        _add_message(
            session, row, seq=0, role="assistant", text=reply, action=decision.action.value,
            reason=decision.reason.value, price=decision.price,
        )  # fmt: skip
        return _turn(row, decision, reply)


async def negotiate(
    negotiation: str | uuid.UUID | New,
    text: str,
    lang: str | None = None,
    *,
    client_key: str | None = None,
    medusa: Medusa | None = None,
    now: datetime | None = None,
) -> Turn:
    """One shopper message → the assistant's answer (stored with the message).

    `negotiation` is an id, or :class:`New` to open one with this first message. `client_key`
    makes retries safe: the same key for the same negotiation returns the stored answer instead
    of playing the turn twice.
    """
    text = _check_text(text)
    if client_key is not None and (not client_key.strip() or len(client_key) > 64):
        raise InvalidMessage("client_key must be 1 to 64 characters")
    if isinstance(negotiation, New):
        first = await start(negotiation.variant_id, negotiation.region_id, lang or "en", medusa=medusa)
        negotiation = first.negotiation_id
    negotiation_id = _parse_id(negotiation)
    client = _client(medusa)
    now = now or utcnow()
    intent = parse(text)
    play = _Play(negotiation_id, text, intent, lang, client_key, client, now)
    for attempt in range(2):
        try:
            async with turn_store.connection() as conn:
                result = await play(conn)
                if result is None:  # another message on this negotiation was stored meanwhile
                    async with conn.transaction():
                        result = await play(conn, lock=True)
            break
        except turn_store.StaleConnection:
            if attempt:
                raise
    assert result is not None  # the locked replay cannot lose a race
    turn, promotion_due = result
    if promotion_due:  # committed above: the promotion is created off the turn
        deals.schedule(turn.negotiation_id, medusa=client)
    return turn


@dataclass
class _Play:
    """One shopper message played on the negotiation's stored state (see assistant.turn_store)."""

    negotiation_id: uuid.UUID
    text: str
    intent: Intent
    lang: str | None
    client_key: str | None
    client: Medusa
    now: datetime

    async def __call__(self, conn: Any, *, lock: bool = False) -> tuple[Turn, bool] | None:
        """The turn and whether its deal's promotion is due; None when another turn was stored
        since this one read the state (nothing written)."""
        text, intent, now = self.text, self.intent, self.now
        loaded = await turn_store.load(conn, self.negotiation_id, self.client_key, lock=lock)
        if loaded is None:
            raise NegotiationNotFound("no such negotiation")
        row = loaded.row
        if loaded.replay is not None:
            answer = loaded.replay
            decision = Decision(Action(answer.action), Reason(answer.reason), answer.price)
            return _turn(row, decision, answer.text), False
        read_turns = row.turns
        if self.lang is not None:
            row.lang = normalize_lang(self.lang)

        state = _state(row)
        if state.status == Status.agreed and row.expires_at is not None and row.expires_at <= now:
            row.status, row.outcome = Status.expired.value, "expired"
            state = _state(row)

        product, variant = await _variant_of(self.client, row.product_id, row.variant_id, row.region_id)
        rules = await turn_store.rules(conn, loaded.rules_version)
        policy = _resolve(rules, loaded.rules_version, product, variant)
        if policy.currency_code != row.currency_code:
            raise VariantUnavailable("the region's currency changed; start a new negotiation")
        decision, new_state = step(policy, state, intent, jitter_for(row.variant_id, row.currency_code))

        row.list_price = policy.list_price
        row.counters = [str(c) for c in new_state.counters]
        row.best_offer, row.last_offer = new_state.best_offer, new_state.last_offer
        if new_state.status != state.status:
            row.status = new_state.status.value
            if new_state.status == Status.agreed:
                row.deal_price = new_state.deal_price
                row.expires_at = now + timedelta(hours=policy.deal_validity_hours)
                row.outcome = "agreed"
                if row.deal_price < row.list_price:  # at list price there is nothing to discount
                    row.promo_code = new_code()
            elif new_state.status == Status.closed:
                row.outcome = "declined"
        turn_no = row.turns + 1
        reply = render(
            decision,
            row.lang,
            currency_code=row.currency_code,
            negotiation_id=str(row.id),
            turn=turn_no,
            deal_validity_hours=policy.deal_validity_hours,
        )
        if intent.kind == IntentKind.question and intent.topic != Topic.best_price:
            reply = await _product_answer(text, row.lang, row.product_handle, reply, self.client)
        row.turns = turn_no
        row.updated_at = now
        stored = await turn_store.save(
            conn,
            row,
            read_turns=read_turns,
            shopper={
                "seq": 2 * turn_no - 1, "text": text, "intent": intent.kind.value,
                "offer": intent.amount if intent.kind == IntentKind.offer else None,
                "client_key": self.client_key,
            },
            assistant={
                "seq": 2 * turn_no, "text": reply, "action": decision.action.value,
                "reason": decision.reason.value, "price": decision.price,
            },
            created_at=utcnow(),
        )  # fmt: skip
        if not stored:
            return None
        turn = _turn(row, decision, reply, max_rounds=policy.max_rounds)
        context = Context(
            decision=decision, reply=reply, lang=row.lang, currency_code=row.currency_code,
            negotiation_id=str(row.id), seq=2 * turn_no, shopper_text=text, product_title=product.title or "",
            deal_validity_hours=policy.deal_validity_hours,
        )  # fmt: skip
        # The deal just agreed, or one whose promotion Medusa refused earlier and is due again.
        promotion_due = (
            row.status == Status.agreed.value
            and row.promo_code is not None
            and row.promotion_id is None
            and (row.promotion_retry_at is None or row.promotion_retry_at <= now)
        )
        return replace(turn, context=context), promotion_due


def _parse_id(value: str | uuid.UUID) -> uuid.UUID:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise NegotiationNotFound("no such negotiation") from None


async def get(negotiation_id: str | uuid.UUID) -> NegotiationView:
    """Status and transcript, for reloading the chat."""
    nid = _parse_id(negotiation_id)
    async with db.async_session() as session:
        row = await session.get(NegotiationRow, nid)
        if row is None:
            raise NegotiationNotFound("no such negotiation")
        messages = (
            await session.exec(
                select(MessageRow).where(MessageRow.negotiation_id == nid).order_by(MessageRow.seq)
            )
        ).all()
        status = row.status
        if status == Status.agreed.value and row.expires_at is not None and row.expires_at <= utcnow():
            status = Status.expired.value
        return NegotiationView(
            negotiation_id=str(row.id),
            status=status,
            product_id=row.product_id,
            variant_id=row.variant_id,
            region_id=row.region_id,
            list_price=_money(row.list_price, row.currency_code),
            currency_code=row.currency_code,
            lang=row.lang,
            offer_price=(
                _money(Decimal(row.counters[-1]), row.currency_code)
                if row.counters and status == Status.open.value
                else None
            ),
            deal=_deal(row),
            messages=[Message(m.role, m.text, m.created_at) for m in messages],
        )


# --- product questions: answered by the knowledge index (assistant/knowledge) --------------


async def _product_answer(question: str, lang: str, handle: str, fallback: str, client: Medusa) -> str:
    """ "is it scratched?", "quelles dimensions ?": the product's facts (never a price); the
    template reply when the knowledge module cannot answer."""
    from .knowledge import answer

    try:
        return (await answer(question, lang, handle, medusa=client)).text
    except Exception:
        log.exception("product question not answered from the knowledge index")
        return fallback
