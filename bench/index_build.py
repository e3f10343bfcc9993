"""The product knowledge index at 10,000 products × 2 languages (20,000 documents).

`python -m bench.index_build [--build-products N]` (also part of `make bench`). Synthetic products
(deterministic; Medusa is not involved) go through the same code as the real build:
`documents.product_document` → `index.apply` into a scratch Chroma store in a temporary folder.

- full build: N products × 2 languages (default all 10,000) embedded with the index's embedder
  (``KNOWLEDGE_EMBEDDER``, default USE in one worker process per core) and written; wall time,
  the CPU seconds of this process and its workers, the embedding's span (the store is written batch by
  batch meanwhile) and the write's tail after the last vectors. A smaller N prints
  the extrapolation to 10,000 products (rate × 20,000), for the slow e5 embedder.
- no-change refresh at 10,000 × 2: `apply` runs on documents built afresh from the parsed products
  against the full store: build + hash + read stored hashes + diff, 0 embedded. When the build was
  smaller, the store is first filled with all 20,000 documents (real content hashes, placeholder
  unit vectors: a refresh with nothing changed reads hashes, never vectors). Reading the products
  from Medusa is not included; parsing them into Medusa models (which the real refresh also does)
  is printed on its own, and so are the two parts of the refresh: building the documents, reading
  the stored hashes.
- search over the 20,000 documents with the search's own pipeline (`ranking.retrieve`: query
  embedding, vector and BM25 candidates, fusion, e5 re-ranking): the lexical index's first build,
  then p50/p95 of distinct queries (re-ranking their candidates for the first time: cold) and of the
  same queries again (warm), and one question answered by `answer()` against the real Medusa when
  `--answer` starts the stack (p95 of 20).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from assistant.knowledge import index, lexical
from assistant.knowledge.documents import product_document
from assistant.knowledge.embedder import embedder
from assistant.knowledge.ranking import retrieve
from assistant.knowledge.search import reranker
from assistant.knowledge.stores import ChromaStore
from medusa import Product

PRODUCTS = 10_000
BUILD_PRODUCTS = PRODUCTS
GOAL_BUILD_S, GOAL_REFRESH_S = 60.0, 5.0

NOUNS = [
    ("dishwasher", "lave-vaisselle"),
    ("coffee maker", "cafetière"),
    ("refrigerator", "réfrigérateur"),
    ("washer", "laveuse"),
    ("headphones", "casque d'écoute"),
    ("television", "téléviseur"),
    ("laptop", "ordinateur portable"),
    ("vacuum", "aspirateur"),
    ("speaker", "haut-parleur"),
    ("office chair", "chaise de bureau"),
    ("blender", "mélangeur"),
    ("kettle", "bouilloire électrique"),
]
ADJECTIVES = [
    ("compact", "compact"),
    ("stainless", "en inox"),
    ("quiet", "silencieux"),
    ("smart", "intelligent"),
]
BRANDS = ["Bosch", "LG", "Samsung", "Whirlpool", "Sony", "Breville", "Dyson", "Lenovo", "KitchenAid"]
GRADES = [("Like new", "Comme neuf"), ("Good", "Bon"), ("Fair", "Passable")]
NOTES = [
    (
        "Returned unopened; box shows shipping marks.",
        "Retourné non ouvert; la boîte porte des marques de transport.",
    ),
    (
        "Showroom display unit with light scuffs on the side.",
        "Modèle d'exposition avec de légères éraflures sur le côté.",
    ),
    ("Opened and tested; all accessories included.", "Ouvert et testé; tous les accessoires inclus."),
]


def synthetic_product(i: int, lang: str) -> Product:
    rnd = random.Random(i)
    noun = rnd.choice(NOUNS)
    adjective = rnd.choice(ADJECTIVES)
    brand = rnd.choice(BRANDS)
    grades = rnd.sample(GRADES, rnd.randint(1, 3))
    note = rnd.choice(NOTES)
    k = 0 if lang == "en" else 1
    title = (
        f"{brand} {adjective[k]} {noun[k]} {1000 + i}"
        if lang == "en"
        else f"{noun[k].capitalize()} {adjective[k]} {brand} {1000 + i}"
    )
    description = (
        f"{title}: a {adjective[0]} {noun[0]} for everyday use.\n\nOpen box: {note[0]}"
        if lang == "en"
        else f"{title} : {noun[1]} {adjective[1]} pour tous les jours.\n\nBoîte ouverte : {note[1]}"
    )
    return Product.model_validate(
        {
            "id": f"prod_bench_{i:05d}",
            "handle": f"bench-{i:05d}",
            "title": title,
            "description": description,
            "weight": 500 + (i % 50) * 1000,
            "metadata": {
                "brand": brand,
                "model": f"M-{i:05d}",
                "dimensions": f"{20 + i % 60} × {30 + i % 40} × 10 cm",
            },
            "categories": [{"id": f"pcat_{noun[0]}", "name": noun[k], "handle": noun[0].replace(" ", "-")}],
            "options": [
                {
                    "id": "opt_c",
                    "title": "Condition" if lang == "en" else "État",
                    "values": [{"id": f"ov{j}", "value": g[k]} for j, g in enumerate(grades)],
                }
            ],
            "variants": [{"id": f"var_{i}_{j}", "title": g[k]} for j, g in enumerate(grades)],
        }
    )


def products_of(count: int) -> list[tuple[Product, str]]:
    return [(synthetic_product(i, lang), lang) for lang in ("en", "fr") for i in range(count)]


def documents(products: int) -> list:
    return [product_document(product, lang) for product, lang in products_of(products)]


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def _cpu_seconds() -> float:
    """CPU seconds of this process and of its ended children (the embedding workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


QUERIES = [
    ("lave-vaisselle silencieux", "fr"),
    ("quiet dishwasher", "en"),
    ("casque d'écoute compact", "fr"),
    ("smart kettle", "en"),
    ("aspirateur intelligent Dyson", "fr"),
    ("stainless refrigerator by Samsung", "en"),
    ("mélangeur compact pour smoothies", "fr"),
    ("quiet office chair", "en"),
    ("haut-parleur Sony", "fr"),
    ("Lenovo laptop for school", "en"),
    ("cafetière en inox", "fr"),
    ("LG washer", "en"),
    ("téléviseur intelligent LG", "fr"),
    ("Bosch blender", "en"),
    ("bouilloire électrique silencieuse", "fr"),
    ("KitchenAid coffee maker", "en"),
    ("chaise de bureau Whirlpool", "fr"),
    ("compact headphones for travel", "en"),
    ("ordinateur portable Lenovo", "fr"),
    ("Breville kettle", "en"),
]


def measure(build_products: int = BUILD_PRODUCTS, products: int = PRODUCTS) -> dict[str, float]:
    figures: dict[str, float] = {}
    model = embedder()
    model.query("warm up")
    with tempfile.TemporaryDirectory() as tmp:
        # full build: the real embedder, N × 2 documents
        docs = documents(build_products)
        store = ChromaStore(Path(tmp) / "build")
        clock, cpu = time.monotonic(), _cpu_seconds()
        built = index.apply(docs, store, record=False)
        seconds = time.monotonic() - clock
        assert built.added == len(docs)
        rate = len(docs) / seconds
        figures[f"full_build_{build_products}x2_s"] = seconds
        figures[f"full_build_{build_products}x2_cpu_s"] = _cpu_seconds() - cpu
        # the build writes each batch while the next ones embed: the embedding's span, then the
        # write's tail after the last vectors arrived
        figures["full_build_embedding_span_s"] = built.embed_seconds
        figures["full_build_write_tail_s"] = seconds - built.embed_seconds
        figures["full_build_docs_per_s"] = rate
        if build_products != products:
            figures[f"full_build_{products}x2_extrapolated_s"] = 2 * products / rate
        # in-process embedding CPU per document (one process, one thread): the load-proof figure
        sample = [index.embed_text(d) for d in docs[:256]]
        cpu = time.process_time()
        model.passages(sample)
        figures["embed_cpu_ms_per_doc"] = 1000 * (time.process_time() - cpu) / len(sample)

        # no-change refresh at full size
        clock = time.monotonic()
        parsed = products_of(products)
        figures[f"parse_medusa_products_{products}x2_s"] = time.monotonic() - clock
        if build_products == products:
            big = store
        else:
            docs = [product_document(product, lang) for product, lang in parsed]
            big = ChromaStore(Path(tmp) / "full")
            placeholder = np.random.default_rng(0).standard_normal((len(docs), model.dim)).astype(np.float32)
            placeholder /= np.linalg.norm(placeholder, axis=1, keepdims=True)
            clock = time.monotonic()
            big.write(docs, placeholder)
            figures[f"write_{products}x2_placeholder_vectors_s"] = time.monotonic() - clock
        # the refresh from parsed products: build documents, hash, read stored hashes, diff
        clock = time.monotonic()
        fresh = [product_document(product, lang) for product, lang in parsed]
        figures[f"no_change_documents_{products}x2_s"] = time.monotonic() - clock
        refreshed = index.apply(fresh, big, record=False)
        figures[f"no_change_refresh_{products}x2_s"] = time.monotonic() - clock
        assert (refreshed.added, refreshed.updated, refreshed.deleted) == (0, 0, 0)
        assert refreshed.unchanged == 2 * products
        clock = time.monotonic()
        big.hashes()
        figures[f"no_change_stored_hashes_{products}x2_s"] = time.monotonic() - clock

        # search over 20,000 documents: the search's own pipeline
        clock = time.monotonic()
        words = lexical.for_store(big)
        figures["search_lexical_index_build_s"] = time.monotonic() - clock
        rerank = reranker()
        if rerank is not None:
            rerank.model.query("warm up")
        for label in ("cold", "warm"):
            timings = []
            for query, lang in QUERIES:
                clock = time.monotonic()
                retrieve(big, query, lang, 6, first=model, lexical=words, reranker=rerank)
                timings.append((time.monotonic() - clock) * 1000)
            figures[f"search_20k_{label}_p50_ms"] = statistics.median(timings)
            figures[f"search_20k_{label}_p95_ms"] = _p(timings, 95)
    return figures


async def measure_answer(samples: int = 20) -> dict[str, float]:
    """`answer()` against the real Medusa (template mode): product read + template."""
    from assistant.knowledge import answer
    from medusa import Medusa

    async with Medusa.from_env() as medusa:
        timings = []
        questions = [("is it scratched?", "en"), ("quelles dimensions ?", "fr"), ("is it in stock?", "en")]
        for n in range(samples):
            question, locale = questions[n % len(questions)]
            clock = time.monotonic()
            await answer(question, locale, "bosch-300-series-dishwasher", medusa=medusa)
            timings.append((time.monotonic() - clock) * 1000)
    return {"answer_p50_ms": statistics.median(timings[1:]), "answer_p95_ms": _p(timings[1:], 95)}


def report(figures: dict[str, float], build_products: int = BUILD_PRODUCTS) -> str:
    lines = [
        f"### Knowledge index: 10,000 products × 2 languages (synthetic documents through the real build "
        f"code; full build of {build_products} × 2; embedder {index.index_embedder_name()}; "
        f"load average {' / '.join(f'{x:.1f}' for x in os.getloadavg())})",
        "",
        "| figure | value | goal |",
        "|---|---:|---:|",
    ]
    goals = {
        f"full_build_{PRODUCTS}x2_s": f"≤ {GOAL_BUILD_S:.0f}",
        f"full_build_{PRODUCTS}x2_extrapolated_s": f"≤ {GOAL_BUILD_S:.0f}",
        f"no_change_refresh_{PRODUCTS}x2_s": f"≤ {GOAL_REFRESH_S:.0f}",
    }
    for key, value in figures.items():
        lines.append(f"| {key} | {value:.1f} | {goals.get(key, '')} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.index_build")
    parser.add_argument(
        "--build-products", type=int, default=BUILD_PRODUCTS, help="products in the full build"
    )
    parser.add_argument("--products", type=int, default=PRODUCTS, help="products in the no-change refresh")
    parser.add_argument("--answer", action="store_true", help="also time answer() against the test stack")
    args = parser.parse_args()
    figures = measure(args.build_products, args.products)
    if args.answer:
        from stack.services import Stack

        from .__main__ import BENCH_ENV

        for key, value in BENCH_ENV.items():
            if key != "TOB_PORT":
                os.environ.setdefault(key, value)
        with Stack() as stack:
            stack.start_postgres()
            stack.start_medusa()
            os.environ.update(stack.env)
            figures.update(asyncio.run(measure_answer()))
    print(report(figures, args.build_products))


if __name__ == "__main__":
    main()
