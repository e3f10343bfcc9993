"""`/{lang}/checkout`: address → delivery → payment → review → order, each step saved in Medusa.

Every error is shown in the shopper's language next to the field or step it concerns.
"""

from __future__ import annotations

import logging

import reflex as rx

from catalog import navigation
from medusa import Address, Cart, MedusaError, NotFoundError
from medusa.cart_models import ADDRESS_FIELDS
from shop import addresses, checkout
from shop import cart as carts
from shop.messages import cart_error
from translations import gettext

from .cart import CartState
from .cart_views import Choice, address_lines, payment_choice, shipping_choice
from .page import PageLoader
from .site import SiteState

log = logging.getLogger(__name__)

STEPS = ("address", "delivery", "payment", "review")


def _choices(items: list[addresses.Choice]) -> list[Choice]:
    return [Choice(value=c.code, label=c.name) for c in items]


def _address_from(form: dict, prefix: str) -> dict[str, str]:
    return addresses.clean_address({name: str(form.get(f"{prefix}.{name}", "")) for name in ADDRESS_FIELDS})


class CheckoutState(PageLoader, rx.State):
    step: str = "address"
    empty: bool = False
    email: str = ""
    shipping: dict[str, str] = {}
    billing: dict[str, str] = {}
    billing_same: bool = True
    countries: list[Choice] = []
    provinces: list[Choice] = []
    billing_provinces: list[Choice] = []
    errors: dict[str, str] = {}
    step_error: str = ""
    saving: bool = False
    shipping_options: list[Choice] = []
    shipping_option_id: str = ""
    payment_methods: list[Choice] = []
    provider_id: str = ""
    placing: bool = False
    done_url: str = ""
    review_shipping: list[str] = []
    review_billing: list[str] = []
    review_delivery: str = ""
    review_payment: str = ""
    # A signed-in shopper's address book (this region's countries), to fill the form from.
    saved_addresses: list[Choice] = []
    _saved_forms: dict[str, dict[str, str]] = {}
    form_key: int = 0  # bumped to redraw the address inputs with new values

    # --- loading -----------------------------------------------------------------------------
    async def _load(self, site: SiteState) -> None:
        cart_state = await self.get_state(CartState)
        self.errors, self.step_error, self.placing, self.saving = {}, "", False, False
        if cart_state.cart_id:
            try:
                done = await checkout.completed_order(cart_state.cart_id)
            except NotFoundError:
                done = None
            if done is not None:  # reloaded while the order was being placed
                cart_state.forget()
                self.done_url = f"/{site.lang}/order/{done.id}/confirmed"
                return
        cart = await carts.current(cart_state.cart_id)
        if cart is None or not cart.items:
            self.empty = True
            return
        self.empty = False
        if cart.region_id != site.region_id or cart.locale != site.locale:
            cart = await carts.for_shopper(cart.id, region_id=site.region_id, locale=site.locale)
        cart_state._show(cart, site.lang)
        region = await navigation.region(site.region_id)
        self.countries = _choices(addresses.countries(region.country_codes, site.lang))
        self._fill_from(cart, site.lang)
        await self._prefill_from_account(cart, site.lang)
        methods = await checkout.payment_methods(site.region_id)
        self.payment_methods = [payment_choice(m, site.lang) for m in methods]
        if self.provider_id not in {m.value for m in self.payment_methods}:
            self.provider_id = self.payment_methods[0].value if len(self.payment_methods) == 1 else ""
        if self.step == "address" or not self._address_done(cart):
            self.step = "address" if not self._address_done(cart) else "delivery"
        if self.step != "address":
            await self._load_shipping(cart, site.lang)

    def _clear(self) -> None:
        self.step = "address"

    @staticmethod
    def _address_done(cart: Cart) -> bool:
        return bool(cart.email and cart.shipping_address and cart.shipping_address.is_complete)

    def _fill_from(self, cart: Cart, lang: str) -> None:
        default_country = self.countries[0].value if self.countries else ""
        self.email = cart.email or ""
        self.shipping = cart.shipping_address.as_payload() if cart.shipping_address else {}
        self.shipping.setdefault("country_code", default_country)
        self.billing = cart.billing_address.as_payload() if cart.billing_address else {}
        self.billing.setdefault("country_code", default_country)
        self.billing_same = not cart.billing_address or cart.billing_address.as_payload() == self.shipping
        self.provinces = _choices(addresses.provinces(self.shipping["country_code"], lang))
        self.billing_provinces = _choices(addresses.provinces(self.billing["country_code"], lang))

    async def _prefill_from_account(self, cart: Cart, lang: str) -> None:
        """A signed-in shopper can pick from their address book (addresses in this region) and
        starts from their email and first saved address."""
        from .account import AccountState  # account.py builds on the cart state too

        self.saved_addresses, self._saved_forms = [], {}
        account = await self.get_state(AccountState)
        customer = await account._customer() if account.session_id else None
        if customer is None:
            return
        allowed = {c.value for c in self.countries}
        saved = [a for a in customer.addresses if a.id and (a.country_code or "").lower() in allowed]
        self.saved_addresses = [Choice(value=a.id, label=", ".join(address_lines(a, lang))) for a in saved]
        self._saved_forms = {a.id: a.as_payload() for a in saved}
        if cart.shipping_address and cart.shipping_address.is_complete:
            return
        self.email = self.email or customer.email
        if saved:
            self._use(saved[0].id, lang)

    def _use(self, address_id: str, lang: str) -> None:
        self.shipping = dict(self._saved_forms[address_id])
        self.provinces = _choices(addresses.provinces(self.shipping.get("country_code", ""), lang))
        self.form_key += 1

    async def _load_shipping(self, cart: Cart, lang: str) -> None:
        options = await checkout.shipping_options(cart.id)
        self.shipping_options = [shipping_choice(o, cart.currency_code, lang) for o in options]
        chosen = cart.shipping_methods[0].shipping_option_id if cart.shipping_methods else ""
        # Preselect the cheapest option (they are sorted by price) until the shopper picks one.
        self.shipping_option_id = chosen or (options[0].id if options else "")
        self.review_delivery = next((o.label for o in self.shipping_options if o.value == chosen), "")

    # --- steps -------------------------------------------------------------------------------
    @rx.event
    def edit(self, step: str):
        if step in STEPS:
            self.step = step
            self.step_error = ""

    @rx.event
    async def set_country(self, value: str):
        site = await self.get_state(SiteState)
        self.shipping = {**self.shipping, "country_code": value}
        self.provinces = _choices(addresses.provinces(value, site.lang))

    @rx.event
    async def use_saved_address(self, address_id: str):
        """Fill the shipping address from the address book (the shopper can still edit it)."""
        if address_id not in self._saved_forms:
            return
        site = await self.get_state(SiteState)
        self._use(address_id, site.lang)
        self.errors = {k: v for k, v in self.errors.items() if not k.startswith("shipping.")}

    @rx.event
    async def set_billing_country(self, value: str):
        site = await self.get_state(SiteState)
        self.billing = {**self.billing, "country_code": value}
        self.billing_provinces = _choices(addresses.provinces(value, site.lang))

    @rx.event
    def set_billing_same(self, checked: bool):
        self.billing_same = bool(checked)

    @rx.event
    async def submit_address(self, form: dict):
        site = await self.get_state(SiteState)
        t = gettext(site.lang)
        cart_state = await self.get_state(CartState)
        allowed = [c.value for c in self.countries]
        email = str(form.get("email", "")).strip()
        shipping = _address_from(form, "shipping")
        billing = shipping if self.billing_same else _address_from(form, "billing")
        self.email, self.shipping = email, shipping
        if not self.billing_same:
            self.billing = billing
        errors: dict[str, str] = {}
        if message := addresses.email_error(email, site.lang):
            errors["email"] = message
        errors |= {
            f"shipping.{k}": v for k, v in addresses.address_errors(shipping, allowed, site.lang).items()
        }
        if not self.billing_same:
            errors |= {
                f"billing.{k}": v for k, v in addresses.address_errors(billing, allowed, site.lang).items()
            }
        self.errors = errors
        self.step_error = ""
        if errors:
            self.step_error = t("Please correct the fields marked below.")
            return
        self.saving = True
        yield
        try:
            cart = await checkout.save_contact(
                cart_state.cart_id, email=email, shipping=shipping, billing=billing
            )
            cart_state._show(cart, site.lang)
            await self._load_shipping(cart, site.lang)
            self.step = "delivery"
        except MedusaError as exc:
            self.step_error = cart_error(exc, site.lang)
        finally:
            self.saving = False

    @rx.event
    async def submit_delivery(self, form: dict):
        site = await self.get_state(SiteState)
        t = gettext(site.lang)
        cart_state = await self.get_state(CartState)
        option_id = str(form.get("shipping_option", ""))
        if option_id not in {o.value for o in self.shipping_options}:
            self.step_error = t("Choose a delivery option.")
            return
        self.saving = True
        self.step_error = ""
        yield
        try:
            cart = await checkout.choose_shipping(cart_state.cart_id, option_id)
            cart_state._show(cart, site.lang)
            self.shipping_option_id = option_id
            self.review_delivery = next(o.label for o in self.shipping_options if o.value == option_id)
            self.step = "payment"
        except MedusaError as exc:
            self.step_error = cart_error(exc, site.lang)
        finally:
            self.saving = False

    @rx.event
    async def submit_payment(self, form: dict):
        site = await self.get_state(SiteState)
        t = gettext(site.lang)
        provider_id = str(form.get("provider_id", ""))
        if provider_id not in {m.value for m in self.payment_methods}:
            self.step_error = t("Choose a payment method.")
            return
        self.provider_id = provider_id
        self.step_error = ""
        self.review_shipping = address_lines(Address(**self.shipping), site.lang)
        self.review_billing = address_lines(
            Address(**(self.shipping if self.billing_same else self.billing)), site.lang
        )
        self.review_delivery = next(
            (o.label for o in self.shipping_options if o.value == self.shipping_option_id), ""
        )
        self.review_payment = next((m.label for m in self.payment_methods if m.value == provider_id), "")
        self.step = "review"

    @rx.event
    async def place_order(self):
        if self.placing:
            return
        site = await self.get_state(SiteState)
        t = gettext(site.lang)
        cart_state = await self.get_state(CartState)
        cart_id = cart_state.cart_id
        self.placing = True
        self.step_error = ""
        yield
        try:
            order = await checkout.place_order(cart_id, self.provider_id, site.lang)
        except checkout.CheckoutError as exc:
            log.warning("checkout: Medusa kept cart %s: %s", cart_id, exc)
            self.step_error = t(
                "We could not place your order. Check your cart and try again; you have not been charged."
            )
            self.placing = False
            return
        except MedusaError as exc:
            self.step_error = cart_error(exc, site.lang)
            self.placing = False
            return
        cart_state.forget()
        yield rx.redirect(f"/{site.lang}/order/{order.id}/confirmed")

    # --- view helpers ------------------------------------------------------------------------
    @rx.event
    def after_load(self):
        """Runs after `load`: a cart that already became an order goes to its confirmation."""
        if self.done_url:
            url, self.done_url = self.done_url, ""
            return rx.redirect(url, replace=True)
