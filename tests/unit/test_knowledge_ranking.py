"""Hybrid retrieval: BM25 terms in English and French, rank fusion, and the re-ranking pipeline over
an in-memory store with a toy embedder (the real models are tested in test_knowledge_embedders)."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest

from assistant.knowledge import lexical, stores
from assistant.knowledge.documents import product_document
from assistant.knowledge.lexical import LexicalIndex, fold, tokens
from assistant.knowledge.ranking import Reranker, fuse, retrieve
from assistant.knowledge.search import keep_lexical_warm
from bench.index_quality import MemoryStore
from medusa import Product


def test_terms_are_folded_stemmed_and_free_of_stop_words():
    assert fold("Écran Réfrigérateur") == "ecran refrigerateur"
    assert tokens("Les laveuses silencieuses", "fr") == tokens("laveuse silencieuse", "fr")
    assert tokens("Quiet dishwashers with a third rack", "en") == ["quiet", "dishwash", "third", "rack"]
    assert tokens("the and of", "en") == []


def test_bm25_finds_documents_sharing_terms_within_the_query_language_only():
    index = LexicalIndex(
        [
            ("a:fr", "fr", "Lave-vaisselle Bosch silencieux, troisième panier"),
            ("b:fr", "fr", "Réfrigérateur LG à portes françaises"),
            ("c:fr", "fr", "Lave-vaisselle KitchenAid"),
            ("a:en", "en", "Quiet Bosch dishwasher"),
        ]
    )
    assert len(index) == 4
    top = index.top("lave-vaisselle silencieuse", "fr", 5)
    assert [doc_id for doc_id, _ in top] == ["a:fr", "c:fr"]
    assert top[0][1] > top[1][1] > 0
    assert index.top("lave-vaisselle", "fr", 1)[0][0] in ("a:fr", "c:fr")
    assert index.top("canapé", "fr", 5) == []  # no shared term: nothing, not random documents
    assert index.top("Bosch", "de", 5) == []
    assert LexicalIndex([]).top("Bosch", "en", 5) == []


def test_bm25_over_documents_without_retrieval_text_finds_nothing_and_does_not_fail():
    """Documents stored before retrieval texts were kept (an index awaiting its rebuild)."""
    index = LexicalIndex([("a:en", "en", ""), ("b:en", "en", ""), ("a:fr", "fr", "Lave-vaisselle Bosch")])
    assert index.top("Bosch dishwasher", "en", 5) == []
    assert index.top("lave-vaisselle", "fr", 5)[0][0] == "a:fr"


def test_rank_fusion_favours_documents_high_in_both_rankings():
    fused = fuse([["a", "b", "c"], ["b", "d"]], k=10)
    assert [doc_id for doc_id, _ in fused] == ["b", "a", "d", "c"]
    assert fused[0][1] == pytest.approx(1 / 12 + 1 / 11)
    assert fuse([]) == []


class ToyEmbedder:
    """Bag of known words → unit vector (enough to make rankings predictable)."""

    name = "toy"
    dim = 6
    parallel_processes = False
    WORDS = ["dishwasher", "quiet", "fridge", "sofa", "grey", "rack"]

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def _vector(self, text: str) -> np.ndarray:
        words = fold(text).split()
        v = np.array([sum(w.startswith(k) for w in words) for k in self.WORDS], dtype=np.float32) + 1e-3
        return v / np.linalg.norm(v)

    def passages(self, texts: list[str]) -> np.ndarray:
        self.embedded += texts
        return np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def query(self, text: str) -> np.ndarray:
        return self._vector(text)


def _doc(pid: str, title: str):
    product = Product.model_validate({"id": pid, "handle": pid.replace("_", "-"), "title": title})
    return product_document(product, "en")


def test_retrieve_fuses_vectors_and_bm25_then_reranks_and_reuses_rerank_vectors():
    docs = [
        _doc("prod_a", "quiet dishwasher with a third rack"),
        _doc("prod_b", "grey sofa"),
        _doc("prod_c", "fridge"),
        _doc("prod_d", "dishwasher"),
    ]
    texts = [d.title for d in docs]
    first = ToyEmbedder()
    # the first stage is deliberately poor (every vector the same): fusion with BM25 and the
    # re-ranking must still put the right document first
    store = MemoryStore(docs, np.tile(first.query("sofa"), (len(docs), 1)), texts)
    rerank = ToyEmbedder()
    reranker = Reranker(rerank)
    hits = retrieve(
        store, "quiet dishwasher rack", "en", 2, first=first, lexical=LexicalIndex(store.records()),
        reranker=reranker,
    )  # fmt: skip
    assert [h.handle for h in hits] == ["prod-a", "prod-d"]
    assert hits[0].score >= hits[1].score and hits[0].retrieval == texts[0]
    assert sorted(rerank.embedded) == sorted(texts)  # the window: max(k, RERANK_TOP) ≥ all 4
    retrieve(
        store, "dishwasher", "en", 2, first=first, lexical=LexicalIndex(store.records()), reranker=reranker
    )
    assert sorted(rerank.embedded) == sorted(texts)  # vectors kept: nothing embedded again
    plain = retrieve(
        store, "quiet dishwasher rack", "en", 2, first=first, lexical=LexicalIndex([]), reranker=None
    )
    assert len(plain) == 2 and plain[0].score > 0  # no BM25, no re-ranking: fused vector order


class VersionedRecords:
    """A store as the lexical warm-up sees it: a version and its (id, lang, text) records."""

    def __init__(self, records):
        self.records_now = list(records)
        self.reads = 0

    def version(self) -> str:
        return str(len(self.records_now))

    def records(self):
        self.reads += 1
        return list(self.records_now)


async def test_the_bm25_index_follows_a_refresh_in_the_background(monkeypatch):
    store = VersionedRecords([("prod_a:en", "en", "quiet dishwasher")])
    monkeypatch.setattr(stores, "store", lambda backend=None: store)
    lexical.reset()
    warm = asyncio.create_task(keep_lexical_warm(interval=0.05))
    try:
        for _ in range(100):
            if store.reads:
                break
            await asyncio.sleep(0.02)
        assert store.reads == 1  # built before any search asked for it
        store.records_now.append(("prod_b:en", "en", "grey sofa"))  # a refresh wrote a document
        for _ in range(100):
            if store.reads == 2:
                break
            await asyncio.sleep(0.02)
        assert store.reads == 2
        reads = store.reads
        assert [doc for doc, _ in lexical.for_store(store).top("sofa", "en", 5)] == ["prod_b:en"]
        assert store.reads == reads  # the search found it built: nothing rebuilt on its path
    finally:
        warm.cancel()
        lexical.reset()
