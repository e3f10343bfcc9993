"""Retrieval quality of the knowledge index's default embedder on the real demo catalog (read from
Medusa by the refresh's own code), with a French-only and an English-only product and synthetic
distractors: what the index embeds (`index.embed_text`) ranked by the real model."""

from __future__ import annotations

import pytest

from assistant.knowledge import index
from bench.index_quality import QUERIES, Ranking, distractor_documents, single_language_documents


@pytest.fixture(scope="module")
async def ranking(medusa_client):
    demo = await index.fetch_documents(medusa_client)
    return Ranking.default(demo + single_language_documents() + distractor_documents(60))


@pytest.mark.parametrize(
    ("query", "lang", "handle"),
    [
        ("lave-vaisselle Bosch silencieux", "fr", "bosch-300-series-dishwasher"),
        ("défroisseur à vapeur pour les vêtements", "fr", "conair-extremesteam-garment-steamer"),
        ("robot aspirateur qui lave aussi le plancher", "fr", "irobot-roomba-combo-j7-plus"),
        ("tablet that comes with a stylus pen", "en", "samsung-galaxy-tab-s9"),
        ("air fryer with two baskets", "en", "ninja-foodi-dual-basket-air-fryer"),
        # the coat is described only in French: an English query still finds it
        ("women's down winter coat with a hood", "en", "manteau-hiver-duvet"),
    ],
)
def test_queries_in_either_language_rank_the_right_product_first(ranking, query, lang, handle):
    top = ranking.top(query, lang)
    assert top[0] == handle, top


def test_the_whole_query_set_ranks_as_well_as_measured(ranking):
    ranked = ranking.quality()
    # measured: 93 % hit@1 and 98 % hit@5 on 43 queries (bench/index_quality.py, RESULTS.md)
    assert len(QUERIES) >= 40
    assert ranked.hit1 >= 0.88, ranked.misses
    assert ranked.hit5 >= 0.95, ranked.misses
