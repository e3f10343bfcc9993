"""The listing markup is rendered once for a page request and the state load that follows it."""

import pytest

from catalog import sync
from tob_app import islands


@pytest.fixture
def renders(monkeypatch):
    calls: list[tuple] = []

    async def render(lang, region_id, path, query):
        calls.append((lang, region_id, path, dict(query)))
        return f"<ul>{len(calls)}</ul>"

    monkeypatch.setattr(islands, "_render_listing_page", render)
    monkeypatch.setattr(islands, "_listings", islands.SWRCache(ttl=60, max_stale=60))
    return calls


async def test_the_same_listing_url_is_rendered_once(renders):
    first = await islands.listing_page("en", "reg_1", "/en/store", {"sort": "price_asc", "page": "2"})
    again = await islands.listing_page("en", "reg_1", "/en/store", {"page": "2", "sort": "price_asc"})
    assert first == again == "<ul>1</ul>"
    assert len(renders) == 1


async def test_language_region_path_and_query_each_get_their_own_markup(renders):
    await islands.listing_page("en", "reg_1", "/en/store", {})
    await islands.listing_page("fr", "reg_1", "/fr/store", {})
    await islands.listing_page("en", "reg_2", "/en/store", {})
    await islands.listing_page("en", "reg_1", "/en/search", {"q": "dishwasher"})
    await islands.listing_page("en", "reg_1", "/en/store", {"condition": ["good", "fair"]})
    assert len(renders) == 5


async def test_a_catalog_change_in_this_process_renders_the_listing_again(renders, monkeypatch):
    await islands.listing_page("en", "reg_1", "/en/store", {})
    monkeypatch.setattr(sync, "generation", sync.generation + 1)
    assert await islands.listing_page("en", "reg_1", "/en/store", {}) == "<ul>2</ul>"
