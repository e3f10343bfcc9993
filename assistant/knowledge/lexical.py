"""The lexical half of the hybrid search: BM25 (`bm25s`) over the documents' retrieval texts, one
index per language, with accent folding, English and French stop words and Snowball stemming
(PyStemmer), so "lave-vaisselle silencieux" matches "Lave-vaisselle … silencieuse".

The index is not stored: each process builds it from the vector store's records (20,000 short
texts in about a second) and rebuilds it when the store's version changes (another process's
refresh included).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import cache

import numpy as np

_WORD = re.compile(r"\w+")
STEMMERS = {"en": "english", "fr": "french"}


def fold(text: str) -> str:
    """Lower case without accents ("Écran" → "ecran")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@cache
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN, STOPWORDS_FRENCH

    return frozenset(fold(w) for w in (*STOPWORDS_EN, *STOPWORDS_FRENCH))


@cache
def _stemmer(lang: str):
    import Stemmer

    return Stemmer.Stemmer(STEMMERS[lang])


def tokens(text: str, lang: str) -> list[str]:
    """The terms of `text` in `lang`: folded words less stop words, stemmed ("Laveuses" → "laveus")."""
    stop = _stopwords()
    return _stemmer(lang).stemWords([w for w in _WORD.findall(fold(text)) if w not in stop])


class LexicalIndex:
    """BM25 over (id, lang, text) records, searched within one language."""

    def __init__(self, records: Iterable[tuple[str, str, str]]) -> None:
        import bm25s

        by_lang: dict[str, list[tuple[str, str]]] = {}
        for doc_id, lang, text in records:
            if lang in STEMMERS:
                by_lang.setdefault(lang, []).append((doc_id, text))
        self._indexes: dict[str, tuple[bm25s.BM25, list[str]]] = {}
        for lang, rows in by_lang.items():
            corpus = [tokens(text, lang) for _, text in rows]
            # Documents stored before retrieval texts were kept have none: with no term at all, BM25
            # has nothing to rank (and bm25s cannot build an empty vocabulary).
            if not any(corpus):
                continue
            model = bm25s.BM25()
            model.index(corpus, show_progress=False)
            self._indexes[lang] = (model, [doc_id for doc_id, _ in rows])

    def __len__(self) -> int:
        return sum(len(ids) for _, ids in self._indexes.values())

    def top(self, query: str, lang: str, k: int) -> list[tuple[str, float]]:
        """Up to `k` (id, BM25 score) of `lang`, best first; only documents sharing a term."""
        if lang not in self._indexes:
            return []
        model, ids = self._indexes[lang]
        terms = [t for t in tokens(query, lang) if t in model.vocab_dict]
        if not terms:
            return []
        scores = model.get_scores(terms)
        count = min(k, int(np.count_nonzero(scores > 0)))
        if count == 0:
            return []
        best = np.argpartition(-scores, count - 1)[:count]
        best = best[np.argsort(-scores[best], kind="stable")]
        return [(ids[i], float(scores[i])) for i in best]


class _Cache:
    """The process's lexical index per store, rebuilt when the store's version changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held: dict[int, tuple[str, LexicalIndex]] = {}

    def get(self, store) -> LexicalIndex:
        version = store.version()
        held = self._held.get(id(store))
        if held is not None and held[0] == version:
            return held[1]
        with self._lock:
            held = self._held.get(id(store))
            if held is not None and held[0] == version:
                return held[1]
            index = LexicalIndex(store.records())
            self._held[id(store)] = (version, index)
            return index

    def clear(self) -> None:
        with self._lock:
            self._held.clear()


_cache = _Cache()


def for_store(store) -> LexicalIndex:
    """The lexical index of `store`'s current records (built on first use and after a write)."""
    return _cache.get(store)


def reset() -> None:
    _cache.clear()
