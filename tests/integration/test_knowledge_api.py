"""`POST /api/assistant/ask` over HTTP on the storefront's production build (the real stack)."""

from __future__ import annotations

import httpx
import pytest

from assistant.knowledge import index


@pytest.fixture(scope="module")
def ask(web):
    index.refresh()  # the test data dir's index, up to date with Medusa
    with httpx.Client(base_url=web, timeout=60) as client:
        yield lambda body: client.post("/api/assistant/ask", json=body)


def test_a_question_about_a_product_is_answered_in_english_with_its_source(ask):
    r = ask({"question": "is it scratched?", "locale": "en", "product_handle": "samsung-galaxy-tab-s9"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["answer"].startswith("Samsung Galaxy Tab S9 comes in these conditions: Good (light scratches")
    assert body["sources"] == [{"handle": "samsung-galaxy-tab-s9", "title": "Samsung Galaxy Tab S9"}]


def test_a_french_question_without_a_handle_finds_the_product(ask):
    r = ask(
        {
            "question": "quelles sont les dimensions du lave-vaisselle Bosch silencieux ?",
            "locale": "fr",
        }
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["answer"] == "Lave-vaisselle Bosch Série 300 mesure 60 × 86 × 58 cm."
    assert body["sources"] == [
        {"handle": "bosch-300-series-dishwasher", "title": "Lave-vaisselle Bosch Série 300"}
    ]


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"question": "   ", "locale": "en"}, 400, "empty"),
        ({"question": "x" * 4000, "locale": "en"}, 400, "too long"),
        ({"question": "is it scratched?", "locale": "de"}, 400, "locale"),
        (
            {"question": "is it scratched?", "locale": "en", "product_handle": "no-such-thing"},
            404,
            "no-such-thing",
        ),
        ({"locale": "en"}, 422, "question"),
    ],
)
def test_bad_input_gets_a_clear_4xx(ask, body, status, message):
    r = ask(body)
    assert r.status_code == status, r.text
    assert message in r.text
