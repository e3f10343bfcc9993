"""Password reset: ask for a link by email, then choose a new password from the link."""

from __future__ import annotations

import reflex as rx

from medusa import AuthenticationError, MedusaError
from shop import accounts
from shop.messages import cart_error
from translations import gettext

from .account import MIN_PASSWORD, AccountPageState, AccountState
from .page import PageLoader
from .site import SiteState


class ResetState(PageLoader, rx.State):
    sent_to: str = ""
    error: str = ""
    busy: bool = False

    async def _load(self, site: SiteState) -> None:
        self.sent_to, self.error, self.busy = "", "", False

    @rx.var
    def link_email(self) -> str:
        return self.router.url.query_parameters.get("email", "")

    @rx.event
    async def request_link(self, form: dict):
        site = await self.get_state(SiteState)
        t = gettext(site.lang)
        email = str(form.get("email", "")).strip()
        if "@" not in email:
            self.error = t("Enter an email address like name@example.com.")
            return
        self.error, self.busy = "", True
        yield
        try:
            await accounts.request_password_reset(email, site.lang)
            self.sent_to = email
        except MedusaError as exc:
            self.error = cart_error(exc, site.lang)
        finally:
            self.busy = False

    @rx.event
    async def set_password(self, form: dict):
        site = await self.get_state(SiteState)
        t = gettext(site.lang)
        params = self.router.url.query_parameters
        email, token = params.get("email", ""), params.get("token", "")
        password, again = str(form.get("password", "")), str(form.get("confirm", ""))
        if len(password) < MIN_PASSWORD:
            self.error = t("Use at least {n} characters.", n=MIN_PASSWORD)
            return
        if password != again:
            self.error = t("The two passwords are different.")
            return
        if not email or not token:
            self.error = t("This link has expired or was already used. Ask for a new one.")
            return
        self.error, self.busy = "", True
        yield
        try:
            session_id, _ = await accounts.reset_password(email, token, password)
        except AuthenticationError:
            self.error = t("This link has expired or was already used. Ask for a new one.")
            return
        except MedusaError as exc:
            self.error = cart_error(exc, site.lang)
            return
        finally:
            self.busy = False
        account = await self.get_state(AccountState)
        account.session_id = session_id
        page = await self.get_state(AccountPageState)
        page.message = t("Your new password is saved. You are signed in.")
        yield rx.redirect(f"/{site.lang}/account")
