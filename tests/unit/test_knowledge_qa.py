"""Product Q&A in template mode: topics and answers from structured facts, EN and FR (no services)."""

from __future__ import annotations

import pytest

from assistant.knowledge.documents import ProductFacts
from assistant.knowledge.qa import Stock, Topic, open_box_note, template_answer, topic_of
from assistant.knowledge.search import BadQuery, check_locale, check_text

EN = ProductFacts(
    product_id="p", handle="samsung-galaxy-tab-s9", lang="en", title="Samsung Galaxy Tab S9",
    description="11\" tablet with an S Pen.\n\nOpen box: Light hairline scratches on the back; screen flawless.\n\n"
    "Every unit is covered by a 90-day The Open Box warranty.",
    brand="Samsung", model="SM-X710", grades=("Good", "Fair"), options=(("Color", ("Graphite", "Beige")),),
    variants=("Good / Graphite", "Fair / Beige"), dimensions="25 × 1 × 17 cm", weight="1.1 kg",
)  # fmt: skip
FR = ProductFacts(
    product_id="p", handle="samsung-galaxy-tab-s9", lang="fr", title="Samsung Galaxy Tab S9",
    description="Tablette de 11 po.\n\nBoîte ouverte : Fines égratignures au dos; écran impeccable.",
    grades=("Bon", "Passable"), variants=("Bon", "Passable"), dimensions="25 × 1 × 17 cm", weight="1,1 kg",
)  # fmt: skip


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("is it scratched?", Topic.condition),
        ("Est-ce qu'il est rayé ?", Topic.condition),
        ("any dents or marks?", Topic.condition),
        ("quelles dimensions ?", Topic.dimensions),
        ("how big is it?", Topic.dimensions),
        ("is it in stock?", Topic.stock),
        ("Est-ce disponible en bon état ?", Topic.stock),
        ("how heavy is it?", Topic.weight),
        ("Combien pèse-t-il ?", Topic.weight),
        ("what colours does it come in?", Topic.color),
        ("what's the warranty?", Topic.warranty),
        ("who makes it?", Topic.brand),
        ("which brand is it?", Topic.brand),
        ("how much is it?", Topic.price),
        ("does it support a stylus?", Topic.other),
    ],
)
def test_topics_in_both_languages(question, topic):
    assert topic_of(question) == topic


def test_condition_answer_names_the_product_grades_and_the_unit_note():
    text = template_answer(Topic.condition, EN, "en")
    assert text.startswith("Samsung Galaxy Tab S9 comes in these conditions: Good (light scratches")
    assert "Fair (visible marks" in text
    assert "Light hairline scratches on the back; screen flawless." in text


def test_condition_answer_in_french():
    text = template_answer(Topic.condition, FR, "fr")
    assert text.startswith("Samsung Galaxy Tab S9 est offert dans ces états : Bon (légères égratignures")
    assert "Fines égratignures au dos; écran impeccable." in text


def test_dimensions_and_weight_in_both_languages():
    assert template_answer(Topic.dimensions, EN, "en") == "Samsung Galaxy Tab S9 measures 25 × 1 × 17 cm."
    assert template_answer(Topic.dimensions, FR, "fr") == "Samsung Galaxy Tab S9 mesure 25 × 1 × 17 cm."
    assert template_answer(Topic.weight, FR, "fr") == "Samsung Galaxy Tab S9 pèse 1,1 kg."


def test_stock_answers_come_from_live_stock():
    assert template_answer(Topic.stock, EN, "en", Stock(("Good / Graphite", "Fair / Beige"), ())) == (
        "Yes, Samsung Galaxy Tab S9 is in stock."
    )
    partly = template_answer(Topic.stock, EN, "en", Stock(("Good / Graphite",), ("Fair / Beige",)))
    assert partly == "Samsung Galaxy Tab S9 is in stock in: Good / Graphite. Sold out: Fair / Beige."
    assert template_answer(Topic.stock, FR, "fr", Stock((), ("Bon", "Passable"))) == (
        "Samsung Galaxy Tab S9 est en rupture de stock pour le moment."
    )
    # without a live reading the answer says so instead of guessing
    assert template_answer(Topic.stock, EN, "en", None) == "I don't know that about Samsung Galaxy Tab S9."


def test_an_absent_fact_gets_an_honest_i_dont_know():
    assert template_answer(Topic.material, EN, "en") == "I don't know that about Samsung Galaxy Tab S9."
    assert template_answer(Topic.brand, FR, "fr") == "Je ne sais pas cela à propos de Samsung Galaxy Tab S9."
    assert template_answer(Topic.color, FR, "fr") == "Je ne sais pas cela à propos de Samsung Galaxy Tab S9."


def test_other_facts():
    assert (
        template_answer(Topic.brand, EN, "en") == "Samsung Galaxy Tab S9 is made by Samsung (model SM-X710)."
    )
    assert template_answer(Topic.color, EN, "en") == "Samsung Galaxy Tab S9 comes in: Graphite, Beige."
    assert "90-day The Open Box warranty" in template_answer(Topic.warranty, EN, "en")
    assert template_answer(Topic.other, EN, "en").startswith(
        "Here is what I know about Samsung Galaxy Tab S9:"
    )


def test_price_questions_state_no_amount():
    for facts, lang in ((EN, "en"), (FR, "fr")):
        text = template_answer(Topic.price, facts, lang)
        assert "$" not in text and not any(ch.isdigit() for ch in text.replace("S9", ""))


def test_open_box_note_in_both_languages():
    assert open_box_note(EN.description) == "Light hairline scratches on the back; screen flawless."
    assert open_box_note(FR.description) == "Fines égratignures au dos; écran impeccable."
    assert open_box_note("no note here") is None


def test_locale_and_question_checks():
    assert check_locale("fr-CA") == "fr" and check_locale("en") == "en" and check_locale("FR_ca") == "fr"
    for bad in ("de", "", "english"):
        with pytest.raises(BadQuery, match="locale"):
            check_locale(bad)
    with pytest.raises(BadQuery, match="empty"):
        check_text("   ", "question")
    with pytest.raises(BadQuery, match="too long"):
        check_text("x" * 4000, "question")
    assert check_text("x" * 3999) == "x" * 3999
