"""The service's pure helpers: the secret jitter, what rules see of a product, text checks."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.service import InvalidMessage, _check_text, _subject, jitter_for
from medusa import Product


def test_jitter_is_stable_per_variant_and_currency_and_depends_on_the_secret():
    a = jitter_for("variant_1", "cad", key=b"secret-a")
    assert a == jitter_for("variant_1", "CAD", key=b"secret-a")
    assert Decimal(0) <= a < Decimal(1)
    assert a != jitter_for("variant_1", "cad", key=b"secret-b")
    values = {jitter_for(f"variant_{i}", "cad", key=b"k") for i in range(200)}
    assert len(values) > 190 and min(values) < Decimal("0.1") and max(values) > Decimal("0.9")


def test_jitter_uses_the_configured_secret(monkeypatch):
    monkeypatch.setenv("ASSISTANT_SECRET", "one")
    first = jitter_for("variant_1", "cad")
    monkeypatch.setenv("ASSISTANT_SECRET", "two")
    assert jitter_for("variant_1", "cad") != first


def test_rules_see_the_product_handle_the_variant_sku_and_every_category_up_the_tree():
    product = Product.model_validate(
        {
            "id": "prod_1",
            "handle": "sony-wh-1000xm5-headphones",
            "title": "Sony",
            "variants": [{"id": "variant_1", "sku": "TOB-WH1000XM5-LN"}],
            "categories": [
                {
                    "id": "c2",
                    "name": "Headphones",
                    "handle": "headphones",
                    "parent_category": {"id": "c1", "name": "Audio", "handle": "audio"},
                }
            ],
        }
    )
    subject = _subject(product, product.variants[0])
    assert subject.product_handle == "sony-wh-1000xm5-headphones"
    assert subject.variant_sku == "TOB-WH1000XM5-LN"
    assert subject.category_handles == ("headphones", "audio")


@pytest.mark.parametrize("text", ["", "  \n ", "x" * 4001, None])
def test_empty_or_overlong_messages_are_refused(text):
    with pytest.raises(InvalidMessage):
        _check_text(text)


def test_messages_are_trimmed():
    assert _check_text("  80 $ \n") == "80 $"
