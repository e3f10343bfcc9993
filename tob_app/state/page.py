"""The load / retry / region-change cycle every storefront page shares, with its error states.

A mixin, so each page state gets its own copy of the handlers and they call that page's `_load`.
"""

from __future__ import annotations

import logging

import reflex as rx

from medusa import MedusaError, MedusaUnavailableError, NotFoundError

from .site import SiteState

log = logging.getLogger(__name__)


class PageLoader(rx.State, mixin=True):
    loading: bool = True
    unavailable: bool = False
    not_found: bool = False
    # The URL whose data the page shows. Empty on the first load, when the server already put
    # this URL's data in the HTML; set afterwards, so in-app navigation clears stale content.
    shown_url: str = ""

    async def _load(self, site: SiteState) -> None:
        """Fetch the page's data; overridden by each page state."""

    def _clear(self) -> None:
        """Forget the data of the previous URL; overridden by each page state."""

    async def _run(self, lang: str | None = None, region_id: str | None = None):
        site = await self.get_state(SiteState)
        self.loading = True
        self.unavailable = False
        self.not_found = False
        try:
            if region_id:
                site.region_id = region_id
            await site.enter(lang or site.lang)
            await self._load(site)
        except NotFoundError:
            self.not_found = True
        except MedusaUnavailableError as exc:
            log.warning("Medusa unavailable: %s", exc)
            self.unavailable = True
        except MedusaError:
            log.exception("Medusa error while loading %s", self.router.url.path)
            self.unavailable = True
        finally:
            self.loading = False

    @rx.event
    async def load(self, lang: str):
        url = f"{self.router.url.path}?{self.router.url.query}"
        if self.shown_url and self.shown_url != url:
            self._clear()
            yield  # the shopper sees the loading state, not the previous page's products
        await self._run(lang=lang)
        self.shown_url = url

    @rx.event
    async def retry(self):
        await self._run()

    @rx.event
    async def change_region(self, region_id: str):
        from .cart import CartState  # cart.py builds on this module

        await self._run(region_id=region_id)
        return CartState.refresh  # the cart follows: Medusa re-prices it in the new currency
