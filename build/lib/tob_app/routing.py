"""HTTP routing in front of Reflex's static frontend (production build, one port).

- `/` → `/en` or `/fr`, answered by the server from the cookie or Accept-Language (no JS round trip).
- Pages are served from the prerendered HTML directly: `/en/store` → `en/store.html` (Starlette's
  static files would first redirect to `/en/store/`: an extra round trip and a second URL), dynamic
  routes → the SPA shell; with `<html lang>` set to the page's language (Reflex compiles one
  document for all pages; React ignores that attribute when hydrating).
"""

from __future__ import annotations

import gzip
from http.cookies import SimpleCookie
from pathlib import Path

from .i18n import LANGS
from .urls import preferred_lang

DYNAMIC_SECTIONS = ("products", "categories", "collections")
SPA_SHELL = "__spa-fallback.html"


def pick_lang(headers: dict[str, str]) -> str:
    cookie = SimpleCookie()
    try:
        cookie.load(headers.get("cookie", ""))
    except Exception:  # a malformed cookie header must not break the home page
        cookie = SimpleCookie()
    remembered = cookie["tob_lang"].value if "tob_lang" in cookie else None
    return preferred_lang(headers.get("accept-language"), remembered)


def _static_dir() -> Path:
    from reflex.constants import Dirs
    from reflex.utils.prerequisites import get_web_dir

    return get_web_dir() / Dirs.STATIC


class StorefrontRouting:
    """ASGI middleware wrapping the Reflex app."""

    def __init__(self, app, static_dir: Path | None = None):
        self.app = app
        self.static_dir = static_dir
        self._cache: dict[tuple[Path, str, bool], tuple[float, bytes]] = {}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        if path in ("/", "/index.html"):
            await self._redirect_to_language(scope, send)
            return
        page = self._page_file(path)
        if page is None:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        gzipped = "gzip" in headers.get("accept-encoding", "")
        body = self._page_body(page, path.strip("/").split("/")[0], gzipped)
        response_headers = [
            (b"content-type", b"text/html; charset=utf-8"),
            (b"content-length", str(len(body)).encode()),
            (b"cache-control", b"no-cache"),
            (b"vary", b"accept-encoding"),
        ]
        if gzipped:
            response_headers.append((b"content-encoding", b"gzip"))
        await send({"type": "http.response.start", "status": 200, "headers": response_headers})
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
        if len(segments) == 3 and segments[1] in DYNAMIC_SECTIONS and segments[2]:
            return static_dir / SPA_SHELL
        return None

    def _page_body(self, page: Path, lang: str, gzipped: bool) -> bytes:
        key = (page, lang, gzipped)
        mtime = page.stat().st_mtime
        cached = self._cache.get(key)
        if cached and cached[0] == mtime:
            return cached[1]
        html = page.read_bytes().replace(b'<html lang="en"', f'<html lang="{lang}"'.encode(), 1)
        body = gzip.compress(html, mtime=0) if gzipped else html
        self._cache[key] = (mtime, body)
        return body

    async def _redirect_to_language(self, scope, send) -> None:
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        location = f"/{pick_lang(headers)}"
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
