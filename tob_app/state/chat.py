"""The negotiation chat on the product page.

The state calls :mod:`assistant` directly (never its HTTP API) and streams each reply into the
last message from a background event. What reaches the browser is what the shopper may see: the
transcript, the list price, the assistant's standing offer and the deal — never a floor or a
rule. The negotiation id is kept per variant in the browser's local storage, so a reload picks
the conversation up again from our tables.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
from decimal import ROUND_FLOOR, Decimal

import reflex as rx

import assistant
from assistant import narrator, ratelimit
from medusa import MedusaError, MedusaUnavailableError
from shop import cart as carts
from shop.messages import cart_error
from translations import format_money, format_number, gettext, ngettext

from .cart import CartState
from .product import ProductState
from .site import SiteState

log = logging.getLogger(__name__)

MAX_CHARS = 3999
TYPING_DELAY = 0.012  # seconds between words of a template reply (a reply appears as it is "typed")
CHIP_SHARES = (Decimal("0.95"), Decimal("0.90"), Decimal("0.85"))  # quick offers, as shares of list


@dataclasses.dataclass
class ChatMessage:
    role: str = "assistant"  # "assistant" | "shopper"
    text: str = ""


@dataclasses.dataclass
class Chip:
    label: str = ""  # the price, formatted
    text: str = ""  # what the shopper says when choosing it


def quick_offers(
    list_price: Decimal, currency_code: str, lang: str, below: Decimal | None = None
) -> list[Chip]:
    """Offers a little under the list price, in whole units (from the list price only); with
    `below`, only those under the assistant's standing offer (offering more would make no sense)."""
    t = gettext(lang)
    chips: list[Chip] = []
    for share in CHIP_SHARES:
        amount = (list_price * share).to_integral_value(rounding=ROUND_FLOOR)
        if amount <= 0 or any(c.label == format_money(amount, currency_code, lang) for c in chips):
            continue
        if below is not None and amount >= below:
            continue
        label = format_money(amount, currency_code, lang)
        chips.append(Chip(label=label, text=t("Would you take {price}?", price=label)))
    return chips


def failure_message(exc: Exception, lang: str) -> str:
    """What went wrong, in the shopper's language (never an internal message)."""
    t = gettext(lang)
    if isinstance(exc, ratelimit.RateLimited):
        return ngettext(
            lang,
            "You are sending messages too quickly. Please wait {n} second.",
            "You are sending messages too quickly. Please wait {n} seconds.",
            exc.retry_after,
        )
    if isinstance(exc, assistant.NegotiationDisabled):
        return t("The price of this item is fixed; it cannot be negotiated.")
    if isinstance(exc, assistant.VariantUnavailable):
        return t("This item cannot be negotiated right now.")
    if isinstance(exc, assistant.InvalidMessage):
        return t("Please write a message of at most {n} characters.", n=format_number(MAX_CHARS, lang))
    if isinstance(exc, MedusaUnavailableError):
        return t("The store is temporarily unavailable. Please try again in a moment.")
    log.exception("chat failed", exc_info=exc)
    return t("Something went wrong. Please try again.")


class ChatState(rx.State):
    # {variant_id: negotiation_id}, in the browser only
    sessions: str = rx.LocalStorage("{}", name="tob_chat")
    negotiation_id: str = ""
    variant_id: str = ""
    status: str = ""  # "" before a negotiation, then open / agreed / closed / expired
    messages: list[ChatMessage] = []
    list_price: str = ""
    offer: str = ""  # the assistant's standing offer, formatted
    final: bool = False
    deal_price: str = ""
    promo_code: str = ""  # shown once Medusa's promotion exists (created right after the deal)
    chips: list[Chip] = []
    busy: bool = False
    typing: bool = False
    notice: str = ""  # e.g. "the price of this item is fixed"
    error: str = ""
    cart_busy: bool = False
    cart_added: bool = False
    cart_error: str = ""

    # --- helpers --------------------------------------------------------------------------

    def _map(self) -> dict[str, str]:
        try:
            value = json.loads(self.sessions or "{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def _remember(self, variant_id: str, negotiation_id: str | None) -> None:
        sessions = self._map()
        if negotiation_id:
            sessions[variant_id] = negotiation_id
        else:
            sessions.pop(variant_id, None)
        self.sessions = json.dumps(dict(list(sessions.items())[-20:]))

    def _reset(self, variant_id: str = "") -> None:
        self.negotiation_id = ""
        self.variant_id = variant_id
        self.status = ""
        self.messages = []
        self.list_price = self.offer = self.deal_price = self.promo_code = ""
        self.final = False
        self.chips = []
        self.notice = self.error = self.cart_error = ""
        self.cart_added = False

    def _show_view(self, view: assistant.NegotiationView, lang: str) -> None:
        currency = view.currency_code
        self.negotiation_id = view.negotiation_id
        self.variant_id = view.variant_id
        self.status = view.status
        self.messages = [ChatMessage(m.role, m.text) for m in view.messages]
        self.list_price = format_money(view.list_price, currency, lang)
        self.offer = format_money(view.offer_price, currency, lang) if view.offer_price is not None else ""
        self.final = False
        self._show_deal(view.deal, view.list_price, lang)
        self.chips = (
            quick_offers(view.list_price, currency, lang, below=view.offer_price)
            if view.status == "open"
            else []
        )

    def _show_deal(self, deal: assistant.Deal | None, list_price: Decimal, lang: str) -> None:
        if deal is None:
            self.deal_price = self.promo_code = ""
            return
        self.deal_price = format_money(deal.price, deal.currency_code, lang)
        self.promo_code = deal.promo_code or ""

    async def _context(self) -> tuple[SiteState, str]:
        site = await self.get_state(SiteState)
        product = await self.get_state(ProductState)
        return site, product.variant.id

    # --- events ---------------------------------------------------------------------------

    @rx.event
    async def restore(self):
        """After the product page loads: the conversation about the shown variant, if any."""
        site, variant_id = await self._context()
        nid = self._map().get(variant_id, "")
        self._reset(variant_id if nid else "")
        if not nid:
            return
        try:
            view = await assistant.get(nid)
        except assistant.NegotiationNotFound:
            self._remember(variant_id, None)
            self._reset()
            return
        except Exception as exc:
            self.error = failure_message(exc, site.lang)
            return
        if view.region_id != site.region_id or view.variant_id != variant_id:
            self._reset()  # another region's currency: a new negotiation when the shopper asks
            return
        self._show_view(view, site.lang)

    @rx.event(background=True)
    async def start(self):
        """ "Make an offer": resume this variant's negotiation, or open a new one."""
        async with self:
            if self.busy:
                return
            site, variant_id = await self._context()
            lang, region_id = site.lang, site.region_id
            client = self.router.session.client_ip
            known = self._map().get(variant_id, "")
            self._reset(variant_id)
            self.busy = True
        try:
            view = None
            if known:
                try:
                    view = await assistant.get(known)
                except assistant.NegotiationNotFound:
                    view = None
                if view is not None and (
                    view.region_id != region_id or view.status not in ("open", "agreed")
                ):
                    view = None
            if view is None:
                await ratelimit.check(client=client)
                turn = await assistant.start(variant_id, region_id, lang)
                view = await assistant.get(turn.negotiation_id)
            async with self:
                self._remember(variant_id, view.negotiation_id)
                self._show_view(view, lang)
        except Exception as exc:
            async with self:
                message = failure_message(exc, lang)
                if isinstance(exc, assistant.NegotiationDisabled | assistant.VariantUnavailable):
                    self.notice = message
                else:
                    self.error = message
                self.variant_id = ""
        finally:
            async with self:
                self.busy = False
        yield rx.set_focus("chat-input")

    @rx.event
    def submit(self, form: dict):
        text = str(form.get("message", ""))
        if not text.strip():
            return None
        return ChatState.say(text)  # the form clears itself (reset_on_submit)

    @rx.event
    async def accept(self):
        t = gettext((await self.get_state(SiteState)).lang)
        return ChatState.say(t("It's a deal"))

    @rx.event
    async def leave(self):
        t = gettext((await self.get_state(SiteState)).lang)
        return ChatState.say(t("No thanks"))

    @rx.event(background=True)
    async def say(self, text: str):
        """One shopper message: shown at once, the reply streamed in as it is worded."""
        async with self:
            if self.busy or not self.negotiation_id:
                return
            site = await self.get_state(SiteState)
            lang = site.lang
            nid = self.negotiation_id
            client = self.router.session.client_ip
            self.error = ""
            self.busy = True
            self.typing = True
            self.messages = [*self.messages, ChatMessage("shopper", text)]
        agreed = failed = False
        try:
            await ratelimit.check(client=client, negotiation=nid)
            turn = await assistant.negotiate(nid, text, lang)
            async with self:
                self.messages = [*self.messages, ChatMessage("assistant", "")]
                self.typing = False
            pace = not narrator.configured()
            context = turn.context
            snapshots = narrator.stream_reply(context) if context is not None else _once(turn.reply)
            async for snapshot in snapshots:
                async with self:
                    self.messages = [*self.messages[:-1], ChatMessage("assistant", snapshot)]
                if pace:
                    await asyncio.sleep(TYPING_DELAY)
            async with self:
                self.status = "closed" if turn.status == "expired" else turn.status
                currency = turn.currency_code
                self.offer = (
                    format_money(turn.offer_price, currency, lang) if turn.offer_price is not None else ""
                )
                self.final = turn.final
                self._show_deal(turn.deal, turn.list_price, lang)
                self.chips = (
                    quick_offers(turn.list_price, currency, lang, below=turn.offer_price)
                    if turn.status == "open"
                    else []
                )
                agreed = turn.status == "agreed"
        except Exception as exc:
            failed = True
            async with self:
                self.error = failure_message(exc, lang)
                # The message was not taken: out of the transcript, back into the input box.
                if self.messages and self.messages[-1].role == "shopper":
                    self.messages = self.messages[:-1]
        finally:
            async with self:
                self.busy = False
                self.typing = False
        if failed:
            yield rx.set_value("chat-input", text)
        yield rx.set_focus("deal-add" if agreed else "chat-input")

    @rx.event(background=True)
    async def add_deal_to_cart(self):
        """Add the deal's variant (one unit) and apply its code; check the cart took the discount.

        The code is ensured first: its promotion is created now if the background task has not
        yet, and its amount checked against the current list price (nothing to apply when the
        list fell to or below the agreed price: the item is then added at its list price)."""
        async with self:
            if self.cart_busy or self.status != "agreed" or not self.negotiation_id:
                return
            site = await self.get_state(SiteState)
            cart_state = await self.get_state(CartState)
            lang, region_id, locale = site.lang, site.region_id, site.locale
            cart_id = cart_state.cart_id
            variant_id, nid = self.variant_id, self.negotiation_id
            self.cart_busy = True
            self.cart_error = ""
            self.cart_added = False
        t = gettext(lang)
        try:
            code = await assistant.ensure_promotion(nid)
            async with self:
                self.promo_code = code or ""
            cart = await carts.current(cart_id)
            if cart is None or not any(i.variant_id == variant_id for i in cart.items):
                cart = await carts.add(
                    cart_id, region_id=region_id, locale=locale, variant_id=variant_id, quantity=1
                )
            if code:
                result = await carts.apply_promo(cart, code)
                line = next((i for i in result.cart.items if i.variant_id == variant_id), None)
                ok = result.applied and line is not None and (line.discount_total or 0) > 0
                cart = result.cart
            else:  # a deal at the list price: nothing to discount
                ok = True
            async with self:
                cart_state = await self.get_state(CartState)
                cart_state._show(cart, lang)
                if ok:
                    self.cart_added = True
                else:
                    self.cart_error = t(
                        "The deal's code could not be applied to your cart. It may have expired or been used."
                    )
        except MedusaError as exc:
            async with self:
                self.cart_error = cart_error(exc, lang)
        finally:
            async with self:
                self.cart_busy = False


async def _once(text: str):
    yield text
