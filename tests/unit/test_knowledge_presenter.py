"""The search page's "related by meaning" links (pure presenter)."""

from assistant.knowledge import Hit
from tob_app.state.semantic import RelatedLink, related_links


def test_one_link_per_product_in_rank_order_in_the_pages_language():
    hits = [Hit("bosch-dw", "Lave-vaisselle Bosch", "fr", 0.91), Hit("lg-fridge", "Réfrigérateur LG", "fr", 0.8),
            Hit("bosch-dw", "Lave-vaisselle Bosch", "fr", 0.7), Hit("", "?", "fr", 0.1)]  # fmt: skip
    assert related_links(hits, "fr") == [
        RelatedLink("bosch-dw", "Lave-vaisselle Bosch", "/fr/products/bosch-dw"),
        RelatedLink("lg-fridge", "Réfrigérateur LG", "/fr/products/lg-fridge"),
    ]
