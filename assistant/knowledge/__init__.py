"""Product knowledge: a bilingual vector index of the catalog, semantic search and product Q&A.

    index_status()                         documents per language, embedder, backend, last refresh
    search(query, locale, k=5)             products nearest in meaning (EN or FR), best first
    await answer(question, locale, handle) a product question answered from the product's facts
    refresh()                              build or refresh the index from Medusa (changed docs only)

The store is Chroma under the data dir by default, pgvector in our Postgres with
VECTOR_STORE=pgvector; the index holds USE multilingual v3 vectors (or multilingual-e5-small with
KNOWLEDGE_EMBEDDER=e5, see embedder.py), and a search fuses them with BM25 and re-ranks the best
candidates with e5 (ranking.py).
"""

from .index import IndexStatus, RefreshResult, index_status, refresh, refresh_async
from .qa import Answer, UnknownProduct, answer, set_llm
from .search import BadQuery, Hit, search, search_async

__all__ = [
    "Answer",
    "BadQuery",
    "Hit",
    "IndexStatus",
    "RefreshResult",
    "UnknownProduct",
    "answer",
    "index_status",
    "refresh",
    "refresh_async",
    "search",
    "search_async",
    "set_llm",
]
