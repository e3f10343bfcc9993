"""`/` → `/en` or `/fr`: answered by the server from the cookie or Accept-Language (no JS round trip)."""

from __future__ import annotations

from http.cookies import SimpleCookie

from .urls import preferred_lang


def pick_lang(headers: dict[str, str]) -> str:
    cookie = SimpleCookie()
    try:
        cookie.load(headers.get("cookie", ""))
    except Exception:  # a malformed cookie header must not break the home page
        cookie = SimpleCookie()
    remembered = cookie["tob_lang"].value if "tob_lang" in cookie else None
    return preferred_lang(headers.get("accept-language"), remembered)


class LanguageRedirect:
    """ASGI middleware: redirect the bare root to the shopper's language."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["path"] in ("/", "/index.html") and scope["method"] in ("GET", "HEAD"):
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
            return
        await self.app(scope, receive, send)
