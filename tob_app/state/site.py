"""State every page shares: language, the shopper's region (remembered in a cookie), navigation."""

from __future__ import annotations

import dataclasses

import reflex as rx

from catalog import navigation
from translations import MEDUSA_LOCALES, normalize_lang

from .. import islands
from ..urls import switch_lang_path

ONE_YEAR = 365 * 24 * 3600


@dataclasses.dataclass
class RegionOption:
    id: str = ""
    name: str = ""
    currency: str = ""


class SiteState(rx.State):
    lang: str = "en"
    region_id: str = rx.Cookie("", name="tob_region", max_age=ONE_YEAR, same_site="lax")
    lang_cookie: str = rx.Cookie("", name="tob_lang", max_age=ONE_YEAR, same_site="lax")
    regions: list[RegionOption] = []
    nav_html: str = ""  # the header's category links (tob_app.islands.NAV_ISLAND)
    currency: str = ""

    @rx.var
    def other_lang_href(self) -> str:
        """The same page in the other language, query string included."""
        url = self.router.url
        target = "fr" if self.lang == "en" else "en"
        path = switch_lang_path(url.path or f"/{self.lang}", target)
        return f"{path}?{url.query}" if url.query else path

    @property
    def locale(self) -> str:
        return MEDUSA_LOCALES[normalize_lang(self.lang)]

    async def enter(self, lang: str) -> None:
        """Resolve language and region for a page load (raises Medusa errors to the caller)."""
        self.lang = normalize_lang(lang)
        self.lang_cookie = self.lang
        all_regions = await navigation.regions()
        self.regions = [RegionOption(r.id, r.name, r.currency_code.upper()) for r in all_regions]
        region = await navigation.region(self.region_id)
        self.region_id = region.id
        self.currency = region.currency_code.upper()
        self.nav_html = await islands.category_links(self.lang)
