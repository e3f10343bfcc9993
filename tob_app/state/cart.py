"""The shopper's cart: its id lives in a cookie (survives reloads and browser restarts), the cart
itself in Medusa. A Medusa failure shows a message and never forgets the cart id."""

from __future__ import annotations

import contextlib
import logging

import reflex as rx

from medusa import Cart, MedusaError, MedusaUnavailableError
from shop import cart as carts
from shop.messages import cart_error, promo_not_applied
from translations import gettext

from .cart_views import CartView, cart_view
from .page import PageLoader
from .site import ONE_YEAR, SiteState

log = logging.getLogger(__name__)


class CartState(rx.State):
    cart_id: str = rx.Cookie("", name="tob_cart", max_age=ONE_YEAR, same_site="lax")
    cart: CartView = CartView()
    loading: bool = True
    unavailable: bool = False
    busy: bool = False
    error: str = ""
    # Product page: the result of the last "Add to cart".
    added: str = ""
    promo_error: str = ""

    # Units being added right now: the header counts them at once (Medusa takes ~0.5 s to confirm
    # a line here) and drops them again if Medusa refuses.
    pending: int = 0
    # A cart Medusa made for this tab that the browser may not have stored yet: the cookie is
    # written when the state's answer reaches the page, and a page loaded before that (the shopper
    # followed the header count at once) starts without it, since a page load resets cookie vars
    # to what the browser holds. Kept until a page load brings the cookie back.
    _unsaved_cart_id: str = ""

    @rx.var
    def count(self) -> int:
        return self.cart.count + self.pending

    async def _site(self) -> SiteState:
        return await self.get_state(SiteState)

    def _show(self, cart: Cart | None, lang: str) -> None:
        self.cart = cart_view(cart, lang)
        if cart is not None:
            if cart.id != self.cart_id:
                self._unsaved_cart_id = cart.id
            self.cart_id = cart.id

    def _failed(self, exc: MedusaError, lang: str) -> None:
        if not isinstance(exc, MedusaUnavailableError):
            log.warning("cart: Medusa refused: %s", exc)
        self.error = cart_error(exc, lang)

    @rx.event
    async def refresh(self):
        """After every page load: the header count, and the cart in the page's region and language."""
        site = await self._site()
        self.unavailable = False
        if self.cart_id:
            self._unsaved_cart_id = ""
        elif self._unsaved_cart_id:  # assigning marks the cookie for writing: only when there is one
            self.cart_id = self._unsaved_cart_id
        try:
            cart = await carts.current(self.cart_id)
            if cart is not None and (cart.region_id != site.region_id or cart.locale != site.locale):
                cart = await carts.for_shopper(cart.id, region_id=site.region_id, locale=site.locale)
            self._show(cart, site.lang)
        except MedusaError as exc:
            self.unavailable = True
            self._failed(exc, site.lang)
        finally:
            self.loading = False

    @rx.event
    async def add(self, form: dict):
        site = await self._site()
        t = gettext(site.lang)
        self.added = ""
        self.error = ""
        try:
            quantity = int(form.get("quantity") or 1)
        except ValueError:
            quantity = 0
        if quantity < 1:
            self.error = t("Choose a quantity of at least 1.")
            return
        self.busy = True
        self.pending = quantity
        yield
        try:
            cart = await carts.add(
                self.cart_id,
                region_id=site.region_id,
                locale=site.locale,
                variant_id=str(form.get("variant_id", "")),
                quantity=quantity,
            )
            self._show(cart, site.lang)
            self.added = t("Added to your cart.")
        except MedusaError as exc:
            self._failed(exc, site.lang)
        finally:
            self.busy = False
            self.pending = 0

    @rx.event
    async def set_quantity(self, line_id: str, value: str):
        site = await self._site()
        self.error = ""
        try:
            quantity = int(value)
        except ValueError:
            return
        self.busy = True
        yield
        try:
            self._show(await carts.set_quantity(self.cart_id, line_id, quantity), site.lang)
        except MedusaError as exc:
            self._failed(exc, site.lang)
            await self._reload(site)
        finally:
            self.busy = False

    @rx.event
    async def remove(self, line_id: str):
        site = await self._site()
        self.error = ""
        self.busy = True
        yield
        try:
            self._show(await carts.remove(self.cart_id, line_id), site.lang)
        except MedusaError as exc:
            self._failed(exc, site.lang)
        finally:
            self.busy = False

    @rx.event
    async def apply_promo(self, form: dict):
        site = await self._site()
        t = gettext(site.lang)
        code = str(form.get("code", "")).strip()
        self.promo_error = ""
        if not code:
            self.promo_error = t("Enter a code.")
            return
        self.busy = True
        yield
        try:
            cart = await carts.current(self.cart_id)
            if cart is None:
                self.promo_error = t("Your cart is empty.")
                return
            result = await carts.apply_promo(cart, code)
            self._show(result.cart, site.lang)
            if not result.applied:
                self.promo_error = promo_not_applied(site.lang)
        except MedusaError as exc:
            self.promo_error = cart_error(exc, site.lang)
        finally:
            self.busy = False

    @rx.event
    async def remove_promo(self, code: str):
        site = await self._site()
        self.busy = True
        yield
        try:
            cart = await carts.current(self.cart_id)
            if cart is not None:
                self._show(await carts.remove_promo(cart, code), site.lang)
        except MedusaError as exc:
            self.promo_error = cart_error(exc, site.lang)
        finally:
            self.busy = False

    async def _reload(self, site: SiteState) -> None:
        # On failure the message already says what went wrong, and the last view stays.
        with contextlib.suppress(MedusaError):
            self._show(await carts.current(self.cart_id), site.lang)

    def forget(self) -> None:
        """After an order: the next visit starts a new cart."""
        self.cart_id = ""
        self._unsaved_cart_id = ""
        self.cart = CartView()


def cart_in(lang: str) -> rx.Var[bool]:
    """Whether the cart on hand is written in this page's language. Right after a page load in the
    other language the state still holds the previous page's cart until `refresh` reads it again:
    pages show their loading line meanwhile, not the other language's titles and prices."""
    return (CartState.cart.id == "") | (CartState.cart.lang == lang)


class CartPageState(PageLoader, rx.State):
    """`/{lang}/cart`: language, region and navigation like every page; the cart is CartState's."""
