"""Semantic product search over the knowledge index (EN and FR queries): hybrid retrieval (vectors
and BM25, fused) re-ranked by e5, see ranking.py."""

from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import dataclass

from . import lexical, stores
from .embedder import embedder, loaded, rerank_key
from .ranking import Reranker, retrieve

log = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 4000
MAX_K = 50


class BadQuery(ValueError):
    """An empty or over-long query, a bad locale or k: the message says which."""


@dataclass(frozen=True)
class Hit:
    handle: str
    title: str
    lang: str
    score: float  # the re-ranker's cosine similarity in [-1, 1] (the fused rank score without one)


def check_locale(locale: str) -> str:
    """ "en", "fr", "en-CA", "fr_CA" … → "en" / "fr"; anything else raises BadQuery."""
    value = (locale or "").strip().lower().replace("_", "-") if isinstance(locale, str) else ""
    lang = value.split("-")[0]
    if lang not in ("en", "fr") or (value != lang and value not in ("en-ca", "fr-ca", "en-us", "fr-fr")):
        raise BadQuery(f"unknown locale {locale!r}: use 'en' or 'fr'")
    return lang


def check_text(text: str, what: str = "query") -> str:
    if not isinstance(text, str) or not text.strip():
        raise BadQuery(f"the {what} is empty")
    if len(text) >= MAX_QUERY_LENGTH:
        raise BadQuery(
            f"the {what} is too long ({len(text):,} characters; the limit is {MAX_QUERY_LENGTH - 1:,})"
        )
    return text.strip()


def search_hits(query: str, locale: str, k: int = 5, backend: str | None = None) -> list[stores.StoredHit]:
    """The stored documents nearest to `query` in the locale's language, best first."""
    lang = check_locale(locale)
    query = check_text(query)
    if not isinstance(k, int) or not 1 <= k <= MAX_K:
        raise BadQuery(f"k must be between 1 and {MAX_K}")
    store = stores.store(backend)
    return retrieve(
        store, query, lang, k, first=embedder(), lexical=lexical.for_store(store), reranker=reranker()
    )


_rerankers: dict[str, Reranker] = {}
_rerankers_lock = threading.Lock()


def reranker() -> Reranker | None:
    """The process's re-ranker (``KNOWLEDGE_RERANK``), holding the document vectors it computed."""
    key = rerank_key()
    if key is None:
        return None
    with _rerankers_lock:
        if key not in _rerankers:
            _rerankers[key] = Reranker(loaded(key))
        return _rerankers[key]


def search(query: str, locale: str, k: int = 5) -> list[Hit]:
    """Products nearest in meaning to `query` (in the locale's language), best first."""
    return [Hit(h.handle, h.title, h.lang, h.score) for h in search_hits(query, locale, k)]


async def search_async(query: str, locale: str, k: int = 5) -> list[Hit]:
    """:func:`search` off the event loop (embedding a query takes tens of milliseconds)."""
    return await asyncio.to_thread(search, query, locale, k)


async def keep_lexical_warm(interval: float = 30.0) -> None:
    """Rebuild this process's BM25 index in the background when the store changes (a refresh in
    any process): building it takes seconds at 20,000 documents, and that must not fall on the
    first shopper who searches or asks a question after the nightly refresh."""
    while True:
        try:
            await asyncio.to_thread(lambda: lexical.for_store(stores.store()))
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # no index built yet, or the store is unreachable: searches say so
            log.info("lexical index not warmed: %r", exc)
        await asyncio.sleep(interval)
