"""Retrieval quality of the knowledge index's embedders on the demo catalog (EN and FR queries).

`python -m bench.index_quality` starts the test stack's Postgres and Medusa, reads the demo catalog's
documents with the real refresh code (`index.fetch_documents`), adds two single-language products
(a French-only coat, an English-only skillet: the cross-language cases) and synthetic distractors
that share the documents' structure and open-box boilerplate but none of the queried products, then
ranks every query's language against them with each variant and prints hit@1 / hit@5, the
embedding rate and the time per query. A variant is the index's embedder alone, or the search's
whole pipeline (`ranking.retrieve`: vectors + BM25 fused, then re-ranked) over an exact in-memory
store. The same queries back tests/integration/test_knowledge_quality.py.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assistant.knowledge.documents import Document, product_document
from assistant.knowledge.embedder import Embedder, loaded
from assistant.knowledge.lexical import LexicalIndex
from assistant.knowledge.ranking import Reranker, retrieve
from assistant.knowledge.stores import StoredHit
from medusa import Product

# (query, language, the product that must rank first)
QUERIES: list[tuple[str, str, str]] = [
    ("quiet dishwasher with a third rack", "en", "kitchenaid-third-rack-dishwasher"),
    ("quiet Bosch dishwasher", "en", "bosch-300-series-dishwasher"),
    ("fridge with an ice maker and french doors", "en", "lg-french-door-refrigerator"),
    ("noise cancelling over-ear headphones for travel", "en", "sony-wh-1000xm5-headphones"),
    ("wireless earbuds with noise cancellation", "en", "bose-quietcomfort-ultra-earbuds"),
    ("soundbar with Dolby Atmos", "en", "sonos-arc-soundbar"),
    ("record player for vinyl", "en", "audio-technica-at-lp120xusb-turntable"),
    ("tablet that comes with a stylus pen", "en", "samsung-galaxy-tab-s9"),
    ("big OLED TV for gaming", "en", "lg-c3-oled-65"),
    ("home theater projector", "en", "epson-home-cinema-2350-projector"),
    ("espresso machine with a built-in grinder", "en", "breville-barista-express"),
    ("air fryer with two baskets", "en", "ninja-foodi-dual-basket-air-fryer"),
    ("cordless stick vacuum", "en", "dyson-v15-detect-cordless-vacuum"),
    ("robot vacuum that also mops", "en", "irobot-roomba-combo-j7-plus"),
    ("motorized sit-stand desk", "en", "flexispot-e7-standing-desk"),
    ("GPS watch for running", "en", "garmin-forerunner-265"),
    ("portable battery to charge my phone", "en", "anker-737-power-bank"),
    ("stand mixer for baking", "en", "kitchenaid-artisan-stand-mixer"),
    ("electric pressure cooker", "en", "instant-pot-duo-plus-6qt"),
    ("steamer for wrinkled clothes", "en", "conair-extremesteam-garment-steamer"),
    ("dryer that deals with pet hair", "en", "maytag-pet-pro-dryer"),
    ("women's down winter coat with a hood", "en", "manteau-hiver-duvet"),
    ("lave-vaisselle Bosch silencieux", "fr", "bosch-300-series-dishwasher"),
    ("lave-vaisselle avec troisième panier", "fr", "kitchenaid-third-rack-dishwasher"),
    ("réfrigérateur avec machine à glaçons", "fr", "lg-french-door-refrigerator"),
    ("casque antibruit pour les voyages", "fr", "sony-wh-1000xm5-headphones"),
    ("barre de son pour le cinéma maison", "fr", "sonos-arc-soundbar"),
    ("tourne-disque pour disques vinyles", "fr", "audio-technica-at-lp120xusb-turntable"),
    ("grand téléviseur OLED pour jouer", "fr", "lg-c3-oled-65"),
    ("projecteur pour cinéma maison", "fr", "epson-home-cinema-2350-projector"),
    ("machine à espresso avec moulin intégré", "fr", "breville-barista-express"),
    ("friteuse à air à deux paniers", "fr", "ninja-foodi-dual-basket-air-fryer"),
    ("aspirateur balai sans fil", "fr", "dyson-v15-detect-cordless-vacuum"),
    ("robot aspirateur qui lave aussi le plancher", "fr", "irobot-roomba-combo-j7-plus"),
    ("bureau à hauteur réglable électrique", "fr", "flexispot-e7-standing-desk"),
    ("montre GPS pour la course à pied", "fr", "garmin-forerunner-265"),
    ("batterie portative pour recharger le téléphone", "fr", "anker-737-power-bank"),
    ("batteur sur socle pour la pâtisserie", "fr", "kitchenaid-artisan-stand-mixer"),
    ("autocuiseur électrique", "fr", "instant-pot-duo-plus-6qt"),
    ("défroisseur à vapeur pour les vêtements", "fr", "conair-extremesteam-garment-steamer"),
    ("laveuse et sécheuse superposées", "fr", "whirlpool-stacked-laundry-centre"),
    ("table de cuisson à induction", "fr", "ge-profile-induction-cooktop"),
    ("poêle en fonte pour la cuisson", "fr", "cast-iron-skillet"),
]


def _product(pid: str, handle: str, title: str, description: str, category: str, grade: str) -> Product:
    return Product.model_validate(
        {
            "id": pid,
            "handle": handle,
            "title": title,
            "description": description,
            "categories": [{"id": f"pcat_{handle}", "name": category, "handle": handle}],
            "options": [{"id": "opt_c", "title": "Condition", "values": [{"id": "ov0", "value": grade}]}],
            "variants": [{"id": f"var_{handle}", "title": grade}],
        }
    )


def single_language_documents() -> list[Document]:
    """A product described only in French and one only in English: each language's document holds
    the one text (what an import with a single language produces)."""
    coat = _product(
        "prod_quality_coat",
        "manteau-hiver-duvet",
        "Manteau d'hiver en duvet pour femme",
        "Manteau long en duvet, imperméable, avec capuchon amovible bordé de fausse fourrure. "
        "Chaud jusqu'à -30 °C. Retour client, jamais porté.",
        "Vêtements",
        "Comme neuf",
    )
    skillet = _product(
        "prod_quality_skillet",
        "cast-iron-skillet",
        "Lodge 12-inch cast iron skillet",
        "Pre-seasoned cast iron frying pan for the stove, the oven or the campfire. "
        "Store display piece with a small mark on the handle.",
        "Cookware",
        "Good",
    )
    return [product_document(p, lang) for p in (coat, skillet) for lang in ("en", "fr")]


# Distractors: other product kinds and brands than the queried ones, with the same document
# structure (category, brand, model, condition, dimensions) and the same open-box notes.
DISTRACTOR_NOUNS = [
    ("laser printer", "imprimante laser"),
    ("digital camera", "appareil photo numérique"),
    ("cordless drill", "perceuse sans fil"),
    ("lawn mower", "tondeuse à gazon"),
    ("electric bicycle", "vélo électrique"),
    ("computer monitor", "écran d'ordinateur"),
    ("wifi router", "routeur wifi"),
    ("humidifier", "humidificateur"),
    ("space heater", "radiateur d'appoint"),
    ("electric toothbrush", "brosse à dents électrique"),
    ("hair dryer", "sèche-cheveux"),
    ("baby stroller", "poussette"),
]
DISTRACTOR_BRANDS = ["Acme", "Northwind", "Contoso", "Fabrikam", "Tailspin", "Litware", "Adatum"]
NOTES = [
    (
        "Returned unopened; box shows shipping marks.",
        "Retourné non ouvert; la boîte porte des marques de transport.",
    ),
    ("Showroom display unit with light scuffs.", "Modèle d'exposition avec de légères éraflures."),
    ("Opened and tested; all accessories included.", "Ouvert et testé; tous les accessoires inclus."),
]
GRADES = [("Like new", "Comme neuf"), ("Good", "Bon"), ("Fair", "Passable")]


def distractor_documents(count: int) -> list[Document]:
    docs = []
    for i in range(count):
        rnd = random.Random(10_000 + i)
        noun, brand, note, grade = (
            rnd.choice(DISTRACTOR_NOUNS),
            rnd.choice(DISTRACTOR_BRANDS),
            rnd.choice(NOTES),
            rnd.choice(GRADES),
        )
        for k, lang in enumerate(("en", "fr")):
            title = f"{brand} {noun[k]} {200 + i}"
            product = Product.model_validate(
                {
                    "id": f"prod_distractor_{i:05d}",
                    "handle": f"distractor-{i:05d}",
                    "title": title,
                    "description": f"{title}. {note[k]}",
                    "metadata": {
                        "brand": brand,
                        "model": f"D-{i:05d}",
                        "dimensions": f"{20 + i % 50} × 30 × 12 cm",
                    },
                    "categories": [{"id": f"pcat_{noun[0]}", "name": noun[k], "handle": "d"}],
                    "options": [
                        {
                            "id": "opt_c",
                            "title": "Condition" if lang == "en" else "État",
                            "values": [{"id": "ov0", "value": grade[k]}],
                        }
                    ],
                    "variants": [{"id": f"var_d_{i}", "title": grade[k]}],
                }
            )
            docs.append(product_document(product, lang))
    return docs


@dataclass(frozen=True)
class Quality:
    embedder: str
    documents: int
    hit1: float
    hit5: float
    docs_per_s: float
    misses: list[tuple[str, str, list[str]]]  # (query, expected, top-5 handles) of every query not first
    query_p50_ms: float = 0.0
    query_p95_ms: float = 0.0


def before_text(doc: Document) -> str:
    """What the index embedded before `documents.retrieval_text`: the stored text's first 700
    characters (facts, grades, sizes, and the description with its open-box boilerplate)."""
    return doc.text[:700]


class MemoryStore:
    """The vector store's read side over vectors held in memory (exact cosine): what the search's
    `ranking.retrieve` reads, without Chroma's approximate graph in the way of the measure."""

    backend = "memory"

    def __init__(self, docs: Sequence[Document], vectors: np.ndarray, texts: Sequence[str]) -> None:
        self.docs, self.vectors, self.texts_ = list(docs), vectors, list(texts)
        self.langs = np.array([d.lang for d in docs])
        self.by_id = {d.id: i for i, d in enumerate(docs)}

    def _hit(self, i: int, score: float) -> StoredHit:
        d = self.docs[i]
        return StoredHit(d.id, d.product_id, d.handle, d.title, d.lang, score, d.text, self.texts_[i])

    def query(self, vector: np.ndarray, lang: str, k: int) -> list[StoredHit]:
        scores = self.vectors @ vector
        scores[self.langs != lang] = -np.inf
        best = np.argsort(-scores, kind="stable")[: min(k, int((self.langs == lang).sum()))]
        return [self._hit(int(i), float(scores[i])) for i in best]

    def get(self, ids: Sequence[str]) -> dict[str, StoredHit]:
        return {i: self._hit(self.by_id[i], 0.0) for i in ids if i in self.by_id}

    def records(self) -> list[tuple[str, str, str]]:
        return [(d.id, d.lang, t) for d, t in zip(self.docs, self.texts_, strict=True)]

    def version(self) -> str:
        return "memory"


class Ranking:
    """`docs` embedded once by `embedder`, with the index's own text (`index.embed_text`) unless
    `text` says otherwise, searched by the search's own pipeline: the vectors alone, or fused with
    BM25 (`lexical`) and re-ranked (`rerank`: an embedder)."""

    def __init__(
        self,
        embedder: Embedder,
        docs: list[Document],
        text=None,
        label: str = "",
        *,
        lexical: bool = False,
        rerank: Embedder | None = None,
    ) -> None:
        from assistant.knowledge.index import embed_text

        self.embedder = embedder
        self.label = label or embedder.name
        text = text or embed_text
        texts = [text(d) for d in docs]
        clock = time.monotonic()
        vectors = np.concatenate([embedder.passages(texts[i : i + 256]) for i in range(0, len(texts), 256)])
        self.docs_per_s = len(docs) / (time.monotonic() - clock)
        self.store = MemoryStore(docs, vectors, texts)
        self.lexical = LexicalIndex(self.store.records() if lexical else [])
        self.reranker = Reranker(rerank) if rerank is not None else None
        self.timings: list[float] = []

    @classmethod
    def default(cls, docs: list[Document]) -> Ranking:
        """What the search does with the default settings (KNOWLEDGE_EMBEDDER, KNOWLEDGE_RERANK)."""
        from assistant.knowledge.embedder import embedder, rerank_key

        key = rerank_key()
        return cls(embedder(), docs, lexical=True, rerank=loaded(key) if key else None)

    def top(self, query: str, lang: str, k: int = 5) -> list[str]:
        """Handles of the `k` documents in `lang` nearest to `query`, best first."""
        clock = time.monotonic()
        hits = retrieve(
            self.store, query, lang, k, first=self.embedder, lexical=self.lexical, reranker=self.reranker
        )
        self.timings.append(1000 * (time.monotonic() - clock))
        return [h.handle for h in hits]

    def quality(self, queries=QUERIES) -> Quality:
        hit1 = hit5 = 0
        misses = []
        self.timings = []
        for query, lang, expected in queries:
            top = self.top(query, lang)
            hit1 += top[0] == expected
            hit5 += expected in top
            if top[0] != expected:
                misses.append((query, expected, top))
        n = len(queries)
        p95 = statistics.quantiles(self.timings, n=20)[-1] if len(self.timings) > 1 else self.timings[0]
        return Quality(
            self.label,
            len(self.store.docs),
            hit1 / n,
            hit5 / n,
            self.docs_per_s,
            misses,
            statistics.median(self.timings),
            p95,
        )


# what the bench compares: key → (embedder key, embedded text or None for the index's own, label,
# BM25 fused, re-ranking embedder key or None)
VARIANTS = {
    "e5-before": ("e5", before_text, "e5 vectors, stored text's first 700 chars", False, None),
    "e5": ("e5", None, "e5 vectors alone (the default before)", False, None),
    "use": ("use", None, "USE vectors alone", False, None),
    "use-before": ("use", before_text, "USE vectors, first 700 chars", False, None),
    "use+bm25": ("use", None, "USE vectors + BM25, fused", True, None),
    "e5+bm25": ("e5", None, "e5 vectors + BM25, fused", True, None),
    "hybrid": ("use", None, "USE vectors + BM25, fused, top 10 re-ranked by e5 (default now)", True, "e5"),
}


async def demo_documents() -> list[Document]:
    """The demo catalog's documents from the test stack's Medusa (the refresh's own read)."""
    from assistant.knowledge import index
    from bench.__main__ import BENCH_ENV
    from medusa import Medusa
    from stack.services import Stack

    for key, value in BENCH_ENV.items():
        if key != "TOB_PORT":
            os.environ.setdefault(key, value)
    with Stack() as stack:
        stack.start_postgres()
        stack.start_medusa()
        os.environ.update(stack.env)
        async with Medusa.from_env() as medusa:
            return await index.fetch_documents(medusa)


def report(results: list[Quality], distractors: int) -> str:
    lines = [
        f"### Knowledge index retrieval quality: {len(QUERIES)} EN/FR queries, demo catalog + 2 "
        f"single-language products + {distractors} × 2 distractors",
        "",
        "| ranking | hit@1 | hit@5 | index docs/s (this corpus) | query p50 / p95 ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.embedder} | {r.hit1:.0%} | {r.hit5:.0%} | {r.docs_per_s:.1f} | "
            f"{r.query_p50_ms:.0f} / {r.query_p95_ms:.0f} |"
        )
    for r in results:
        for query, expected, top in r.misses:
            lines.append(f"- {r.embedder} missed «{query}» → {expected}; got {', '.join(top[:3])}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.index_quality")
    parser.add_argument("--distractors", type=int, default=150, help="synthetic distractor products")
    parser.add_argument(
        "--variants", default="e5,use,use+bm25,hybrid", help=f"comma-separated, of: {', '.join(VARIANTS)}"
    )
    args = parser.parse_args()
    docs = (
        asyncio.run(demo_documents()) + single_language_documents() + distractor_documents(args.distractors)
    )
    results = []
    for variant in args.variants.split(","):
        key, text, label, fused, rerank = VARIANTS[variant]
        ranking = Ranking(
            loaded(key), docs, text, label, lexical=fused, rerank=loaded(rerank) if rerank else None
        )
        results.append(ranking.quality())
    print(report(results, args.distractors))
    print(f"\nload average {os.getloadavg()[0]:.1f} (1 min)")


if __name__ == "__main__":
    main()
