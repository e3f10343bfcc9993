"""Build and refresh the product knowledge index from Medusa (one code path for both).

A refresh reads every published product in both languages, builds the documents, and compares
their content hashes with the stored ones: only new or changed documents are embedded and
written, removed products are deleted, unchanged ones are not touched (chroma#7758). An update computes all
new vectors before writing anything; a full build (empty store, or another embedder's index) writes
each batch into a new index while the next ones embed and swaps it in when complete. Either way a
failure midway leaves the previous index serving as it was. The embedder's name is recorded; a
different embedder re-embeds everything.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import sqlalchemy as sa

from medusa import Medusa, Product
from translations import MEDUSA_LOCALES

from . import stores
from .documents import LANGS, Document, product_document, retrieval_text
from .embedder import bulk_passages, embedder_name

log = logging.getLogger(__name__)

PAGE_SIZE = 100
EMBED_BATCH = 256  # documents between two progress reports / stop checks
# What is embedded: `documents.retrieval_text` (title, names, options, the description's lead: ~50
# tokens on the demo catalog where the stored text is ~170), also stored for the lexical index and
# the re-ranking (v2). Recorded beside the embedder's name, so changing it rebuilds the index like a
# new model does.
EMBED_TEXT = "retrieval-text-v2"


def embed_text(doc: Document) -> str:
    """The part of a document that is embedded (the whole text is stored and hashed)."""
    return retrieval_text(doc.facts)


def index_embedder_name() -> str:
    """What the index records as its embedder: the model and the embedded-text recipe."""
    return f"{embedder_name()} {EMBED_TEXT}"


# Public product content only: no prices (no region), stock is read live by the Q&A.
PRODUCT_FIELDS = (
    "id,handle,title,subtitle,description,weight,length,height,width,material,origin_country,"
    "*options,*options.values,*variants,*variants.options,*categories,*collection,*tags,+metadata"
)


@dataclass(frozen=True)
class IndexStatus:
    documents: dict[str, int]  # per language
    embedder: str
    backend: str  # "chroma" | "pgvector"
    last_refresh: datetime | None


@dataclass(frozen=True)
class RefreshResult:
    added: int
    updated: int
    deleted: int
    unchanged: int
    documents: dict[str, int]
    embedder: str
    backend: str
    seconds: float
    embed_seconds: float = 0.0  # from the start of the embedding to its last vectors (a full build
    # writes while it embeds, so the rest of `seconds` is the write's tail, not the whole write)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "added": self.added,
            "updated": self.updated,
            "deleted": self.deleted,
            "unchanged": self.unchanged,
            **{f"documents_{lang}": n for lang, n in self.documents.items()},
        }


@dataclass
class Plan:
    """What a refresh will do: documents to embed and write (new / changed), ids to delete."""

    added: list[Document] = field(default_factory=list)
    updated: list[Document] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0


def plan_refresh(docs: Iterable[Document], stored: dict[str, str], *, reembed_all: bool = False) -> Plan:
    """Pure diff of fresh documents against stored id → content hash."""
    plan = Plan()
    seen: set[str] = set()
    for doc in docs:
        if doc.id in seen:
            continue
        seen.add(doc.id)
        old = stored.get(doc.id)
        if old is None:
            plan.added.append(doc)
        elif old != doc.content_hash or reembed_all:
            plan.updated.append(doc)
        else:
            plan.unchanged += 1
    plan.deleted = sorted(i for i in stored if i not in seen)
    return plan


# --- reading Medusa --------------------------------------------------------------------------


async def _names(client: Medusa, locale: str) -> tuple[dict[str, str], dict[str, str]]:
    categories, offset = {}, 0
    while True:
        page = await client.store.category.list(locale=locale, limit=100, offset=offset)
        categories.update({c.id: c.name for c in page.items})
        if not page.items or not page.has_more:
            break
        offset += len(page.items)
    collections, offset = {}, 0
    while True:
        page = await client.store.collection.list(locale=locale, limit=100, offset=offset)
        collections.update({c.id: c.title for c in page.items})
        if not page.items or not page.has_more:
            break
        offset += len(page.items)
    return categories, collections


async def fetch_documents(client: Medusa) -> list[Document]:
    """Every published product's documents, in both languages, from the Store API."""
    docs: list[Document] = []
    for lang in LANGS:
        locale = MEDUSA_LOCALES[lang]
        categories, collections = await _names(client, locale)
        async for product in client.store.product.iterate(
            page_size=PAGE_SIZE, order="id", locale=locale, fields=PRODUCT_FIELDS
        ):
            docs.append(product_document(product, lang, categories, collections))
    return docs


async def fetch_product(client: Medusa, handle: str, lang: str) -> Product:
    """One product in `lang` with its live stock (raises medusa.NotFoundError)."""
    return await client.store.product.retrieve_by_handle(
        handle,
        locale=MEDUSA_LOCALES[lang],
        fields=PRODUCT_FIELDS + ",+variants.inventory_quantity,+variants.manage_inventory,"
        "+variants.allow_backorder",
    )


# --- state (our Postgres) -------------------------------------------------------------------


def _engine(engine: sa.Engine | None) -> sa.Engine:
    if engine is not None:
        return engine
    import db

    return db.engine()


def _record(result: RefreshResult, engine: sa.Engine | None = None) -> None:
    with _engine(engine).begin() as conn:
        conn.execute(
            sa.text(
                """
                INSERT INTO knowledge.index_state (backend, embedder, documents, last_counts, last_refresh)
                VALUES (:backend, :embedder, CAST(:documents AS jsonb), CAST(:counts AS jsonb), now())
                ON CONFLICT (backend) DO UPDATE SET embedder = EXCLUDED.embedder,
                    documents = EXCLUDED.documents, last_counts = EXCLUDED.last_counts,
                    last_refresh = EXCLUDED.last_refresh
                """
            ),
            {
                "backend": result.backend,
                "embedder": result.embedder,
                "documents": json.dumps(result.documents),
                "counts": json.dumps(result.counts),
            },
        )


def _state_row(backend: str, engine: sa.Engine | None = None):
    with _engine(engine).connect() as conn:
        return conn.execute(
            sa.text("SELECT * FROM knowledge.index_state WHERE backend = :b"), {"b": backend}
        ).one_or_none()


def index_status(backend: str | None = None) -> IndexStatus:
    """For the admin page: documents per language, embedder, backend, last refresh (None: never
    built)."""
    backend = backend or stores.backend_name()
    row = _state_row(backend)
    if row is None:
        return IndexStatus({lang: 0 for lang in LANGS}, index_embedder_name(), backend, None)
    documents = {lang: int(row.documents.get(lang, 0)) for lang in LANGS}
    return IndexStatus(documents, row.embedder, backend, row.last_refresh)


def is_empty(backend: str | None = None) -> bool:
    status = index_status(backend)
    return status.last_refresh is None or not any(status.documents.values())


# --- the refresh ------------------------------------------------------------------------------

_write_lock = threading.Lock()  # one refresh per process; the jobs' advisory lock covers processes


def apply(
    docs: Sequence[Document],
    store: stores.VectorStore,
    *,
    progress: Callable[[int, int], object] | None = None,
    stop: threading.Event | None = None,
    engine: sa.Engine | None = None,
    record: bool = True,
) -> RefreshResult:
    """Bring `store` to exactly `docs` (the build code shared by the full build, the nightly job
    and the benchmark) and record the result (`record=False`: a scratch store, no state row)."""
    clock = time.monotonic()
    name = index_embedder_name()
    with _write_lock:
        row = _state_row(store.backend, engine) if record else None
        reembed_all = row is not None and row.embedder != name
        stored = store.hashes()
        plan = plan_refresh(docs, stored, reembed_all=reembed_all)
        todo = plan.added + plan.updated
        clock_embedded = [time.monotonic()]  # when the last vectors arrived

        def embedded(embed) -> Iterator[tuple[list[Document], np.ndarray]]:
            batches = [todo[i : i + EMBED_BATCH] for i in range(0, len(todo), EMBED_BATCH)]
            done = 0
            for batch, vectors in zip(
                batches, embed([embed_text(d) for d in b] for b in batches), strict=True
            ):
                if stop is not None and stop.is_set():
                    raise InterruptedError("stopped before the index changed: the previous index is serving")
                done += len(batch)
                clock_embedded[0] = time.monotonic()
                if progress:
                    progress(done, len(todo))
                yield batch, vectors

        embed_clock = time.monotonic()
        with bulk_passages(len(todo)) as embed:
            if reembed_all or not stored:
                # another embedder built the index (its vectors may not even be comparable), or the
                # store is empty: a new index is written batch by batch while the next ones embed,
                # and replaces the old one only once complete
                store.replace(embedded(embed))
            else:
                # an update: every vector first, so a failure while embedding changes nothing
                parts = list(embedded(embed))
                if parts:
                    store.write(
                        [d for batch, _ in parts for d in batch], np.concatenate([v for _, v in parts])
                    )
                store.delete(plan.deleted)
        embed_seconds = clock_embedded[0] - embed_clock if todo else 0.0
        documents = {lang: sum(1 for d in docs if d.lang == lang) for lang in LANGS}
        result = RefreshResult(
            added=len(plan.added),
            updated=len(plan.updated),
            deleted=len(plan.deleted),
            unchanged=plan.unchanged,
            documents=documents,
            embedder=name,
            backend=store.backend,
            seconds=time.monotonic() - clock,
            embed_seconds=embed_seconds,
        )
        if record:
            _record(result, engine)
    log.info("knowledge index refresh (%s): %s", store.backend, result.counts)
    return result


async def refresh_async(
    client: Medusa | None = None,
    backend: str | None = None,
    *,
    progress: Callable[[int, int], object] | None = None,
    stop: threading.Event | None = None,
) -> RefreshResult:
    if client is None:
        from catalog.source import medusa

        client = medusa()
    docs = await fetch_documents(client)
    store = stores.store(backend)
    return await asyncio.to_thread(apply, docs, store, progress=progress, stop=stop)


def refresh(
    backend: str | None = None,
    *,
    progress: Callable[[int, int], object] | None = None,
    stop: threading.Event | None = None,
) -> RefreshResult:
    """Blocking entry point (the job, the CLI): its own Medusa client and event loop."""

    async def run() -> RefreshResult:
        client = Medusa.from_env()
        try:
            docs = await fetch_documents(client)
        finally:
            await client.aclose()
        return apply(docs, stores.store(backend), progress=progress, stop=stop)

    return asyncio.run(run())
