"""HTTP routing in front of Reflex's static frontend (production build, one port).

- `/` → `/en` or `/fr`, answered by the server from the cookie or Accept-Language (no JS round trip).
- Pages are served from the prerendered HTML directly: `/en/store` → `en/store.html` (Starlette's
  static files would first redirect to `/en/store/`: an extra round trip and a second URL), dynamic
  routes → their prerendered template (tob_app/route_templates.py) or the SPA shell; with
  `<html lang>` set to the page's language (Reflex compiles one document for all pages; React
  ignores that attribute when hydrating).
"""

from __future__ import annotations

import asyncio
import gzip
import json
import logging
import re
from html import escape
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import parse_qsl

from medusa import NotFoundError
from translations import LANGS

from . import islands, seo
from .route_templates import PLACEHOLDER, TEMPLATED
from .urls import preferred_lang, switch_lang_path

log = logging.getLogger(__name__)

# The page is never held back long for its islands: past this, the browser gets the plain page
# and the data follows over the websocket as usual (a slow or unavailable Medusa).
ISLAND_BUDGET_SECONDS = 0.4
# A product page's title and schema.org data need the product; crawlers matter more than the
# last few hundred milliseconds here, and the product cache makes later requests instant.
HEAD_BUDGET_SECONDS = 1.0

# Routes with a parameter (after the language): Reflex prerenders no page for them, so they get
# the SPA shell and React routes them in the browser.
DYNAMIC_ROUTES = (
    re.compile(r"^(products|categories|collections)/[^/]+$"),
    re.compile(r"^order/[^/]+/confirmed$"),  # the link in the confirmation mail
    re.compile(r"^account/orders/[^/]+$"),
)
SPA_SHELL = "__spa-fallback.html"


def _cookies(headers: dict[str, str]) -> dict[str, str]:
    cookie = SimpleCookie()
    try:
        cookie.load(headers.get("cookie", ""))
    except Exception:  # a malformed cookie header must not break the page
        return {}
    return {name: morsel.value for name, morsel in cookie.items()}


def pick_lang(headers: dict[str, str]) -> str:
    return preferred_lang(headers.get("accept-language"), _cookies(headers).get("tob_lang"))


def inject(html: bytes, element_id: str, content: str) -> bytes:
    """Put `content` inside the empty element with this id (the island's container)."""
    pattern = re.compile(rb'(<div[^>]*\bid="' + re.escape(element_id.encode()) + rb'"[^>]*>)(</div>)')
    return pattern.sub(lambda m: m.group(1) + content.encode() + m.group(2), html, count=1)


# React's code is not announced to the preload scanner on pages whose content is in the HTML
# (a listing, the home page, a product's preview): 160 KB of scripts would otherwise take the
# network from the page's pictures and the CPU from its first layout, for a page that already
# shows without them. The boot script at the end of the body still loads them.
_MODULE_PRELOAD = re.compile(rb'<link rel="modulepreload" href="([^"]+)"/>')
_BOOT = re.compile(rb'<script type="module" async="">(.*?)</script>', re.S)
# Listings and the home page work without React (plain links and GET forms), so React boots only
# once the page has painted: hydration's long tasks never hold back the first frame. A tab opened
# in the background paints nothing (and gets no animation frames): it boots at once. A page that
# is visible but gets no frame for 3 s (a browser withholding them) boots then all the same.
_AFTER_PAINT = (
    "<script>(function(){var d=document,done=0;function boot(){if(done)return;done=1;"
    '%s.forEach(function(h){var l=d.createElement("link");l.rel="modulepreload";l.href=h;d.head.appendChild(l)});'
    'var s=d.createElement("script");s.type="module";s.textContent=d.getElementById("tob-boot").textContent;'
    'd.body.appendChild(s)}if(d.visibilityState=="hidden")boot();'
    "else{requestAnimationFrame(function(){setTimeout(boot)});setTimeout(boot,3000)}})()</script>"
)


# Pages whose prerendered shell already says what is coming paint it before React boots too: the
# cart (its heading and a loading line; React fills in the lines). Booting at once held the first
# frame until React had run: Lighthouse 96 → 99 (median of 5, empty cart). The product page keeps
# booting at once: booting after its paint counted more long tasks than the earlier paint saved.
SHELL_FIRST_PAGES = frozenset({"cart"})


def without_module_preloads(html: bytes) -> bytes:
    return _MODULE_PRELOAD.sub(b"", html)


def boot_after_first_paint(html: bytes) -> bytes:
    """Move React's boot script (and its module preloads) after the page's first paint."""
    boot = _BOOT.search(html)
    if boot is None:
        return html
    hrefs = [h.decode() for h in _MODULE_PRELOAD.findall(html[: boot.start()])]
    html = (
        html[: boot.start()]
        + b'<script type="text/plain" id="tob-boot">'
        + boot.group(1)
        + b"</script>"
        + html[boot.end() :]
    )
    starter = (_AFTER_PAINT % json.dumps(hrefs)).encode()
    return without_module_preloads(html).replace(b"</body>", starter + b"</body>", 1)


_LANG_SWITCH = re.compile(rb'<a\b[^>]*\bdata-testid="lang-switch"[^>]*>')
_HREF = re.compile(rb'\bhref="[^"]*"')


def localize_lang_switch(html: bytes, path: str, query_string: str) -> bytes:
    """Point the header's language link at this page's twin, as React will once it runs: the
    prerendered page has the other language's home there, and the page is usable before React."""
    segments = [s for s in path.split("/") if s]
    target = "fr" if segments and segments[0] == "en" else "en"
    href = switch_lang_path(path, target) + (f"?{query_string}" if query_string else "")
    attribute = b'href="' + escape(href).encode() + b'"'
    return _LANG_SWITCH.sub(lambda m: _HREF.sub(lambda _: attribute, m.group(0), count=1), html, count=1)


def inject_head(html: bytes, title: str | None, tags: str) -> bytes:
    """Set the document title (when the page has its own) and add tags at the end of <head>."""
    if title:
        element = b"<title>" + escape(title).encode() + b"</title>"
        html, replaced = re.subn(rb"<title>[^<]*</title>", lambda _: element, html, count=1)
        if not replaced:  # the shell of dynamic routes has none
            tags = element.decode() + tags
    return html.replace(b"</head>", tags.encode() + b"</head>", 1) if tags else html


async def _respond(send, scope, body: bytes, content_type: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [
                (b"content-type", content_type),
                (b"content-length", str(len(body)).encode()),
                (b"cache-control", b"public, max-age=600"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})


def _static_dir() -> Path:
    from reflex.constants import Dirs
    from reflex.utils.prerequisites import get_web_dir

    return get_web_dir() / Dirs.STATIC


class StorefrontRouting:
    """ASGI middleware wrapping the Reflex app."""

    def __init__(self, app, static_dir: Path | None = None, render_islands=None, render_head=None):
        self.app = app
        self.static_dir = static_dir
        self.render_islands = render_islands or islands.for_request
        self.render_head = render_head or seo.head_tags
        self._cache: dict[tuple[Path, str], tuple[float, bytes]] = {}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        if path in ("/", "/index.html"):
            await self._redirect_to_language(scope, send)
            return
        if path in ("/admin", "/admin/"):
            await self._redirect_to_language(scope, send, "/admin")
            return
        if path == "/robots.txt":
            await _respond(send, scope, seo.robots_txt().encode(), b"text/plain; charset=utf-8")
            return
        if path == "/sitemap.xml":
            await _respond(send, scope, (await seo.sitemap_xml()).encode(), b"application/xml; charset=utf-8")
            return
        page = self._page_file(path)
        if page is None:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        gzipped = "gzip" in headers.get("accept-encoding", "")
        html = self._page_html(page, path.strip("/").split("/")[0])
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        region = _cookies(headers).get("tob_region")
        found_islands, (title, head, missing) = await asyncio.gather(
            self._islands(path, query, headers), self._head(path, query, region)
        )
        page_name = "/".join(path.strip("/").split("/")[1:])
        if page_name in SHELL_FIRST_PAGES or found_islands.keys() & {
            islands.LISTING_ISLAND,
            islands.ARRIVALS_ISLAND,
        }:
            html = boot_after_first_paint(html)
        elif any(element_id != islands.NAV_ISLAND for element_id in found_islands):
            html = without_module_preloads(html)
        for element_id, content in found_islands.items():
            html = inject(html, element_id, content)
        html = inject_head(html, title, head)
        html = localize_lang_switch(html, path, scope.get("query_string", b"").decode("latin-1"))
        body = gzip.compress(html, compresslevel=6, mtime=0) if gzipped else html
        response_headers = [
            (b"content-type", b"text/html; charset=utf-8"),
            (b"content-length", str(len(body)).encode()),
            (b"cache-control", b"no-cache"),
            (b"vary", b"accept-encoding"),
        ]
        if gzipped:
            response_headers.append((b"content-encoding", b"gzip"))
        # An unknown product, category or collection: the page still renders (it says so in the
        # shopper's language), with the status crawlers and caches need.
        status = 404 if missing else 200
        await send({"type": "http.response.start", "status": status, "headers": response_headers})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})

    def _page_file(self, path: str) -> Path | None:
        """The prerendered file for a storefront page path, or None for anything else."""
        segments = path.strip("/").split("/")
        if segments[0] not in LANGS or "." in segments[-1]:
            return None
        static_dir = self.static_dir or _static_dir()
        prerendered = static_dir / ("/".join(segments) + ".html")
        if prerendered.is_file():
            return prerendered
        if any(route.match("/".join(segments[1:])) for route in DYNAMIC_ROUTES):
            template = static_dir / segments[0] / segments[1] / f"{PLACEHOLDER}.html"
            if segments[1] in TEMPLATED and template.is_file():
                return template
            return static_dir / SPA_SHELL
        return None

    def _page_html(self, page: Path, lang: str) -> bytes:
        key = (page, lang)
        mtime = page.stat().st_mtime
        cached = self._cache.get(key)
        if cached and cached[0] == mtime:
            return cached[1]
        html = page.read_bytes().replace(b'<html lang="en"', f'<html lang="{lang}"'.encode(), 1)
        self._cache[key] = (mtime, html)
        return html

    async def _islands(self, path: str, query: dict[str, str], headers: dict[str, str]) -> dict[str, str]:
        try:
            return await asyncio.wait_for(
                self.render_islands(path, query, _cookies(headers).get("tob_region")),
                ISLAND_BUDGET_SECONDS,
            )
        except Exception as exc:  # any failure: the plain page, and the websocket load reports it
            log.info("no islands for %s: %r", path, exc)
            return {}

    async def _head(
        self, path: str, query: dict[str, str], region: str | None
    ) -> tuple[str | None, str, bool]:
        """The page's title and head tags, and whether what the URL names does not exist."""
        try:
            title, tags = await asyncio.wait_for(self.render_head(path, query, region), HEAD_BUDGET_SECONDS)
            return title, tags, False
        except NotFoundError:
            return None, "", True
        except Exception as exc:  # the page still works; only its search-engine extras are missing
            log.info("no head tags for %s: %r", path, exc)
            return None, "", False

    async def _redirect_to_language(self, scope, send, rest: str = "") -> None:
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        location = f"/{pick_lang(headers)}{rest}"
        await send(
            {
                "type": "http.response.start",
                "status": 302,
                "headers": [
                    (b"location", location.encode()),
                    (b"vary", b"accept-language, cookie"),
                    (b"cache-control", b"no-store"),
                    (b"content-length", b"0"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": b""})
