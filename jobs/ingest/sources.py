"""Where a CSV comes from: a local file, an http(s) URL, or a Google Sheet (its CSV export URL).

Google Sheets: a link-shared sheet exports as CSV at
``{base}/spreadsheets/d/{id}/export?format=csv&gid={gid}``; the base URL is
``GOOGLE_SHEETS_BASE_URL`` (default https://docs.google.com) so tests can serve sheets locally.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

import httpx

DEFAULT_SHEETS_BASE_URL = "https://docs.google.com"
MAX_SOURCE_BYTES = 50 * 1024 * 1024
MAX_LINK_CHARS = 2000
_SHEET_URL = re.compile(r"/spreadsheets/d/([A-Za-z0-9_-]+)(?:/[^?#]*)?(?:[?#].*?gid=(\d+))?")
_SHEET_ID = re.compile(r"^[A-Za-z0-9_-]{20,}$")


class SourceUnavailable(Exception):
    """The source could not be read (missing file, HTTP error, too large)."""


@dataclass(frozen=True)
class Source:
    name: str  # what the run shows: the path or the URL
    kind: str  # file | url | sheet
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def sheets_base_url() -> str:
    return (os.environ.get("GOOGLE_SHEETS_BASE_URL") or "").strip().rstrip("/") or DEFAULT_SHEETS_BASE_URL


def parse_sheet(ref: str) -> tuple[str, str] | None:
    """``(sheet id, tab gid)`` of a sheet's edit/share URL, ``sheet:<id>[#gid]`` or bare id; None for
    anything else (a CSV file or URL)."""
    ref = ref.strip()
    if ref.startswith("sheet:"):
        sheet_id, _, gid = ref.removeprefix("sheet:").partition("#")
        return (sheet_id, gid or "0") if sheet_id else None
    if "/spreadsheets/d/" in ref and "/export" not in ref:
        m = _SHEET_URL.search(ref)
        if m:
            return m.group(1), m.group(2) or "0"
    if _SHEET_ID.match(ref) and not Path(ref).exists():
        return ref, "0"
    return None


def sheet_export_url(ref: str, base_url: str | None = None) -> str | None:
    """A sheet's CSV export URL from its edit/share URL, ``sheet:<id>[#gid]`` or its bare id."""
    found = parse_sheet(ref)
    if found is None:
        return None
    base = (base_url or sheets_base_url()).rstrip("/")
    return f"{base}/spreadsheets/d/{found[0]}/export?format=csv&gid={found[1]}"


def sheet_key(ref: str) -> str | None:
    """What makes two references the same sheet tab (``<id>#<gid>``), whatever their form."""
    found = parse_sheet(ref)
    return f"{found[0]}#{found[1]}" if found else None


def staff_sheet_link(text: str) -> str | None:
    """The link staff typed, cleaned, if it is a Google Sheet link (http(s), a sheet id in it, not
    absurdly long); None otherwise. The admin page accepts nothing else as a sheet."""
    link = text.strip()
    if len(link) > MAX_LINK_CHARS or not link.startswith(("https://", "http://")):
        return None
    return link if parse_sheet(link) is not None else None


def load(ref: str, *, timeout: float = 30.0) -> Source:
    """Read a source given on the command line or in settings."""
    sheet = sheet_export_url(ref)
    if sheet is not None:
        return Source(name=ref, kind="sheet", data=fetch(sheet, timeout=timeout))
    if ref.startswith(("http://", "https://")):
        return Source(name=ref, kind="url", data=fetch(ref, timeout=timeout))
    path = Path(ref)
    if not path.is_file():
        raise SourceUnavailable(f"no such file: {ref}")
    if path.stat().st_size > MAX_SOURCE_BYTES:
        raise SourceUnavailable(f"{ref} is larger than {MAX_SOURCE_BYTES // 1024 // 1024} MB")
    return Source(name=str(path), kind="file", data=path.read_bytes())


def fetch(url: str, *, timeout: float = 30.0) -> bytes:
    """GET a CSV (redirects followed, as Google's export redirects to its content host)."""
    try:
        with (
            httpx.Client(timeout=timeout, follow_redirects=True) as client,
            client.stream("GET", url) as resp,
        ):
            if resp.status_code != 200:
                raise SourceUnavailable(f"{url} answered HTTP {resp.status_code}")
            kind = resp.headers.get("content-type", "")
            if "text/html" in kind:
                raise SourceUnavailable(
                    f"{url} answered a web page, not CSV (is the sheet shared with 'anyone with the link'?)"
                )
            chunks, size = [], 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > MAX_SOURCE_BYTES:
                    raise SourceUnavailable(f"{url} is larger than {MAX_SOURCE_BYTES // 1024 // 1024} MB")
                chunks.append(chunk)
            return b"".join(chunks)
    except httpx.HTTPError as exc:
        raise SourceUnavailable(f"cannot read {url}: {type(exc).__name__}: {exc}") from exc
