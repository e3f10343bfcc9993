"""`/{lang}/account`: sign in or register; then profile, address book and order history.

The browser holds only a random session id (cookie); the Medusa token never leaves the server.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging

import reflex as rx

from medusa import AuthenticationError, Customer, MedusaError
from medusa.cart_models import ADDRESS_FIELDS
from shop import accounts, addresses
from shop.messages import cart_error
from translations import format_money, gettext, ngettext

from .cart import CartState
from .cart_views import address_lines
from .page import PageLoader
from .site import SiteState

log = logging.getLogger(__name__)

THIRTY_DAYS = 30 * 24 * 3600
MIN_PASSWORD = 8


@dataclasses.dataclass
class SavedAddress:
    id: str = ""
    lines: list[str] = dataclasses.field(default_factory=list)
    form_values: dict[str, str] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass
class OrderRow:
    id: str = ""
    number: str = ""
    date: str = ""
    total: str = ""
    item_count: str = ""


class AccountState(rx.State):
    """Who is signed in; shared by the header and every account page."""

    session_id: str = rx.Cookie("", name="tob_session", max_age=THIRTY_DAYS, same_site="lax")
    signed_in: bool = False
    first_name: str = ""

    async def _customer(self) -> Customer | None:
        if not self.session_id:
            self.signed_in = False
            return None
        try:
            found = await accounts.customer(self.session_id)
        except accounts.NotSignedIn:
            self.session_id, self.signed_in, self.first_name = "", False, ""
            return None
        self.signed_in, self.first_name = True, found.first_name or ""
        return found

    @rx.event
    async def refresh(self):
        # On failure the header keeps its last state; pages show their own outage message.
        with contextlib.suppress(MedusaError):
            await self._customer()


class AccountPageState(PageLoader, rx.State):
    email: str = ""
    profile: dict[str, str] = {}
    saved_addresses: list[SavedAddress] = []
    orders: list[OrderRow] = []
    countries: list[dict[str, str]] = []
    provinces: list[dict[str, str]] = []
    editing_id: str = ""
    address_form: dict[str, str] = {}
    errors: dict[str, str] = {}
    message: str = ""
    sign_in_error: str = ""
    register_error: str = ""
    busy: bool = False

    async def _load(self, site: SiteState) -> None:
        account = await self.get_state(AccountState)
        self.errors, self.message, self.sign_in_error, self.register_error = {}, "", "", ""
        customer = await account._customer()
        if customer is None:
            return
        await self._show(customer, site.lang)
        page = await accounts.orders(account.session_id)
        self.orders = [
            OrderRow(
                id=o.id,
                number=str(o.display_id or ""),
                date=o.created_at.date().isoformat() if o.created_at else "",
                total=format_money(o.total, o.currency_code, site.lang),
                item_count=ngettext(site.lang, "{n} item", "{n} items", sum(i.quantity for i in o.items)),
            )
            for o in page.items
        ]

    async def _show(self, customer: Customer, lang: str) -> None:
        from catalog import navigation

        site = await self.get_state(SiteState)
        region = await navigation.region(site.region_id)
        self.email = customer.email
        self.profile = {
            "first_name": customer.first_name or "",
            "last_name": customer.last_name or "",
            "phone": customer.phone or "",
        }
        self.saved_addresses = [
            SavedAddress(id=a.id or "", lines=address_lines(a, lang), form_values=a.as_payload())
            for a in customer.addresses
        ]
        country = region.country_codes[0] if region.country_codes else "ca"
        self.countries = [{"value": c.code, "label": c.name} for c in addresses.countries(["ca", "us"], lang)]
        self.address_form = {"country_code": country}
        self.provinces = [{"value": c.code, "label": c.name} for c in addresses.provinces(country, lang)]
        self.editing_id = ""

    # --- signing in and out ---------------------------------------------------------------
    @rx.event
    async def sign_in(self, form: dict):
        site = await self.get_state(SiteState)
        t = gettext(site.lang)
        email, password = str(form.get("email", "")).strip(), str(form.get("password", ""))
        if not email or not password:
            self.sign_in_error = t("Enter your email and password.")
            return
        self.busy = True
        yield
        try:
            session_id, _ = await accounts.sign_in(email, password)
        except AuthenticationError:
            self.sign_in_error = t("Wrong email or password.")
            return
        except MedusaError as exc:
            self.sign_in_error = cart_error(exc, site.lang)
            return
        finally:
            self.busy = False
        await self._signed_in_as(session_id)

    @rx.event
    async def register(self, form: dict):
        site = await self.get_state(SiteState)
        t = gettext(site.lang)
        email = str(form.get("email", "")).strip()
        password = str(form.get("password", ""))
        first, last = str(form.get("first_name", "")).strip(), str(form.get("last_name", "")).strip()
        errors = {}
        if message := addresses.email_error(email, site.lang):
            errors["register.email"] = message
        if len(password) < MIN_PASSWORD:
            errors["register.password"] = t("Use at least {n} characters.", n=MIN_PASSWORD)
        if not first:
            errors["register.first_name"] = t("Required")
        if not last:
            errors["register.last_name"] = t("Required")
        self.errors = errors
        self.register_error = ""
        if errors:
            return
        self.busy = True
        yield
        try:
            session_id, _ = await accounts.register(email, password, first_name=first, last_name=last)
        except AuthenticationError:
            self.register_error = t("An account with this email already exists. Sign in instead.")
            return
        except MedusaError as exc:
            self.register_error = cart_error(exc, site.lang)
            return
        finally:
            self.busy = False
        await self._signed_in_as(session_id)

    async def _signed_in_as(self, session_id: str) -> None:
        """Remember the session, make the current cart the customer's, and show the account."""
        account = await self.get_state(AccountState)
        cart = await self.get_state(CartState)
        site = await self.get_state(SiteState)
        account.session_id = session_id
        if cart.cart_id:
            try:
                cart._show(await accounts.attach_cart(session_id, cart.cart_id), site.lang)
            except MedusaError as exc:
                log.warning("could not attach cart %s to the customer: %s", cart.cart_id, exc)
        await self._run()
        self.busy = False

    @rx.event
    async def sign_out(self):
        account = await self.get_state(AccountState)
        cart = await self.get_state(CartState)
        site = await self.get_state(SiteState)
        await accounts.sign_out(account.session_id)
        account.session_id, account.signed_in, account.first_name = "", False, ""
        cart.forget()  # the cart belongs to the customer now; a shared computer must not keep it
        self._clear()
        return rx.redirect(f"/{site.lang}/account")

    def _clear(self) -> None:
        self.email, self.profile, self.saved_addresses, self.orders = "", {}, [], []

    # --- profile and address book ---------------------------------------------------------
    @rx.event
    async def save_profile(self, form: dict):
        site = await self.get_state(SiteState)
        account = await self.get_state(AccountState)
        t = gettext(site.lang)
        first, last = str(form.get("first_name", "")).strip(), str(form.get("last_name", "")).strip()
        phone = str(form.get("phone", "")).strip()
        self.errors = {
            k: t("Required") for k, v in (("profile.first_name", first), ("profile.last_name", last)) if not v
        }
        if self.errors:
            return
        try:
            customer = await accounts.update_profile(
                account.session_id, first_name=first, last_name=last, phone=phone
            )
        except (MedusaError, accounts.NotSignedIn) as exc:
            self.message = (
                cart_error(exc, site.lang) if isinstance(exc, MedusaError) else t("Please sign in again.")
            )
            return
        await self._show(customer, site.lang)
        account.first_name = first
        self.message = t("Your profile is saved.")

    @rx.event
    async def edit_address(self, address_id: str):
        site = await self.get_state(SiteState)
        chosen = next((a for a in self.saved_addresses if a.id == address_id), None)
        self.editing_id = address_id if chosen else ""
        self.address_form = dict(chosen.form_values) if chosen else {}
        country = self.address_form.get("country_code", "ca")
        self.provinces = [{"value": c.code, "label": c.name} for c in addresses.provinces(country, site.lang)]

    @rx.event
    async def set_address_country(self, value: str):
        site = await self.get_state(SiteState)
        self.address_form = {**self.address_form, "country_code": value}
        self.provinces = [{"value": c.code, "label": c.name} for c in addresses.provinces(value, site.lang)]

    @rx.event
    async def save_address(self, form: dict):
        site = await self.get_state(SiteState)
        account = await self.get_state(AccountState)
        t = gettext(site.lang)
        address = addresses.clean_address({k: str(form.get(f"address.{k}", "")) for k in ADDRESS_FIELDS})
        self.address_form = address
        errors = addresses.address_errors(address, ["ca", "us"], site.lang)
        self.errors = {f"address.{k}": v for k, v in errors.items()}
        if errors:
            return
        try:
            customer = await accounts.save_address(account.session_id, address, self.editing_id)
        except (MedusaError, accounts.NotSignedIn) as exc:
            self.message = (
                cart_error(exc, site.lang) if isinstance(exc, MedusaError) else t("Please sign in again.")
            )
            return
        await self._show(customer, site.lang)
        self.message = t("Address saved.")

    @rx.event
    async def delete_address(self, address_id: str):
        site = await self.get_state(SiteState)
        account = await self.get_state(AccountState)
        t = gettext(site.lang)
        try:
            customer = await accounts.delete_address(account.session_id, address_id)
        except (MedusaError, accounts.NotSignedIn) as exc:
            self.message = (
                cart_error(exc, site.lang) if isinstance(exc, MedusaError) else t("Please sign in again.")
            )
            return
        await self._show(customer, site.lang)
        self.message = t("Address deleted.")
