"""Knowledge index documents: built from Medusa products, hashed, diffed (no services)."""

from __future__ import annotations

from decimal import Decimal

from assistant.knowledge.documents import (
    RETRIEVAL_DESCRIPTION_CHARS,
    content_hash,
    format_weight,
    grade_description,
    product_document,
    retrieval_text,
)
from assistant.knowledge.index import plan_refresh
from medusa import Product


def tv(**changes) -> Product:
    data = {
        "id": "prod_tv",
        "handle": "lg-c3-oled-65",
        "title": 'LG 65" C3 OLED 4K TV',
        "description": "Self-lit OLED pixels.\n\nOpen box: Panel tested for burn-in; stand included.",
        "weight": 33000,
        "metadata": {"brand": "LG", "model": "OLED65C3PUA", "dimensions": "145 × 83 × 5 cm"},
        "categories": [{"id": "pcat_tv", "name": "TV & home theatre", "handle": "tv-home-theatre"}],
        "collection": {"id": "pcol_fav", "title": "Staff favourites", "handle": "staff-favourites"},
        "options": [
            {
                "id": "opt_c",
                "title": "Condition",
                "values": [{"id": "v1", "value": "Like new"}, {"id": "v2", "value": "Good"}],
            },
            {"id": "opt_col", "title": "Color", "values": [{"id": "v3", "value": "Black"}]},
        ],
        "variants": [{"id": "var_1", "title": "Like new / Black"}, {"id": "var_2", "title": "Good / Black"}],
    }
    data.update(changes)
    return Product.model_validate(data)


def test_document_holds_the_public_facts_with_labels_in_its_language():
    doc = product_document(tv(), "en")
    assert doc.id == "prod_tv:en" and doc.handle == "lg-c3-oled-65" and doc.lang == "en"
    assert doc.text.splitlines()[0] == 'LG 65" C3 OLED 4K TV'
    for line in (
        "Category: TV & home theatre",
        "Collection: Staff favourites",
        "Brand: LG",
        "Model: OLED65C3PUA",
        "Condition: Like new, Good",
        "Color: Black",
        "Dimensions: 145 × 83 × 5 cm",
        "Weight: 33 kg",
    ):
        assert line in doc.text.splitlines()
    assert doc.text.endswith("Open box: Panel tested for burn-in; stand included.")
    assert doc.facts.grades == ("Like new", "Good")


def test_french_document_uses_french_labels_and_translated_names():
    french = tv(
        title="Téléviseur OLED 4K LG C3 65 po",
        options=[
            {
                "id": "opt_c",
                "title": "État",
                "values": [{"id": "v1", "value": "Comme neuf"}, {"id": "v2", "value": "Bon"}],
            }
        ],
    )
    doc = product_document(french, "fr", {"pcat_tv": "Télé et cinéma maison"}, {"pcol_fav": "Coups de cœur"})
    lines = doc.text.splitlines()
    assert "Catégorie: Télé et cinéma maison" in lines
    assert "Collection: Coups de cœur" in lines
    assert "État: Comme neuf, Bon" in lines
    assert "Poids: 33 kg" in lines
    assert doc.id == "prod_tv:fr"


def test_no_price_or_private_metadata_reaches_a_document():
    product = tv(metadata={"brand": "LG", "floor_price": "999", "cost": "500"})
    doc = product_document(product, "en")
    assert "999" not in doc.text and "500" not in doc.text and "floor" not in doc.text.lower()


def test_content_hash_is_stable_and_changes_with_any_fact():
    a, b = product_document(tv(), "en"), product_document(tv(), "en")
    assert a.content_hash == b.content_hash == content_hash(a.text)
    changed = product_document(tv(description="Self-lit OLED pixels. Now with a remote."), "en")
    assert changed.content_hash != a.content_hash
    heavier = product_document(tv(weight=34000), "en")
    assert heavier.content_hash != a.content_hash


def test_dimensions_from_medusa_fields_when_metadata_has_none():
    doc = product_document(tv(metadata={}, length=60, width=86, height=58), "en")
    assert doc.facts.dimensions == "60 × 86 × 58 cm"
    assert product_document(tv(metadata={}), "en").facts.dimensions is None


def test_weight_formatting_per_language():
    assert format_weight(Decimal(36000), "en") == "36 kg"
    assert format_weight(Decimal(1500), "fr") == "1,5 kg"
    assert format_weight(Decimal(900), "en") == "900 g"
    assert format_weight(None, "en") is None


def test_grade_descriptions_in_both_languages():
    assert "scratches" in grade_description("Good", "en")
    assert "égratignures" in grade_description("Bon", "fr")
    assert grade_description("Refurbished", "en") is None


def test_plan_refresh_embeds_only_new_and_changed_and_deletes_removed():
    keep, change, new = (product_document(tv(id=i), "en") for i in ("p1", "p2", "p3"))
    stored = {keep.id: keep.content_hash, change.id: "old-hash", "gone:en": "x"}
    plan = plan_refresh([keep, change, new], stored)
    assert [d.id for d in plan.added] == ["p3:en"]
    assert [d.id for d in plan.updated] == ["p2:en"]
    assert plan.deleted == ["gone:en"]
    assert plan.unchanged == 1


def test_plan_refresh_with_a_new_embedder_reembeds_everything():
    doc = product_document(tv(), "en")
    plan = plan_refresh([doc], {doc.id: doc.content_hash}, reembed_all=True)
    assert [d.id for d in plan.updated] == [doc.id] and plan.unchanged == 0


def test_retrieval_text_holds_what_a_shopper_searches_by_and_leaves_boilerplate_out():
    description = (
        "Self-lit OLED pixels with a 120 Hz panel for gaming.\n\nOpen box: Panel tested for burn-in.\n\n"
        "Like new: no visible marks. Every unit is covered by a 90-day warranty."
    )
    doc = product_document(tv(description=description, tags=[{"id": "t1", "value": "gaming"}]), "en")
    text = retrieval_text(doc.facts)
    assert text.splitlines() == [
        'LG 65" C3 OLED 4K TV',
        "TV & home theatre, Staff favourites, LG, OLED65C3PUA",
        "Color: Black",
        "gaming",
        "Self-lit OLED pixels with a 120 Hz panel for gaming.",
    ]
    # the stored (and hashed) text keeps every fact and the whole description
    assert "Open box: Panel tested for burn-in." in doc.text and "Weight: 33 kg" in doc.text


def test_retrieval_text_cuts_a_long_first_paragraph_after_a_sentence():
    long = "A quiet dishwasher. " * 30
    text = retrieval_text(product_document(tv(description=long), "fr").facts)
    lead = text.splitlines()[-1]
    assert len(lead) <= RETRIEVAL_DESCRIPTION_CHARS and lead.endswith("A quiet dishwasher.")
    one_sentence = "word " * 200
    lead = retrieval_text(product_document(tv(description=one_sentence), "en").facts).splitlines()[-1]
    assert len(lead) <= RETRIEVAL_DESCRIPTION_CHARS and lead.endswith("word")
