"""The search page's "related by meaning" results: the product knowledge index (EN and FR queries),
beside the read model's keyword results."""

from __future__ import annotations

import dataclasses
import logging

import reflex as rx

from assistant.knowledge import BadQuery, Hit, search_async
from translations import normalize_lang

log = logging.getLogger(__name__)

RELATED_COUNT = 6


@dataclasses.dataclass
class RelatedLink:
    handle: str = ""
    title: str = ""
    href: str = ""


def related_links(hits: list[Hit], lang: str) -> list[RelatedLink]:
    """One link per product, in rank order (pure presenter)."""
    seen: set[str] = set()
    links = []
    for hit in hits:
        if hit.handle and hit.handle not in seen:
            seen.add(hit.handle)
            links.append(RelatedLink(hit.handle, hit.title, f"/{lang}/products/{hit.handle}"))
    return links


class SemanticSearchState(rx.State):
    related: list[RelatedLink] = []
    related_query: str = ""

    @rx.event
    async def load(self, lang: str):
        lang = normalize_lang(lang)
        query = (self.router.url.query_parameters.get("q") or "").strip()
        self.related_query = query
        if not query:
            self.related = []
            return
        try:
            hits = await search_async(query, lang, RELATED_COUNT)
        except BadQuery:
            hits = []
        except Exception:  # the index is an extra: keyword results still show without it
            log.exception("semantic search failed for %r", query)
            hits = []
        self.related = related_links(hits, lang)
