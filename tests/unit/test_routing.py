import gzip

import pytest

from medusa import NotFoundError
from tob_app.route_templates import PLACEHOLDER, template_paths, with_templates
from tob_app.routing import SPA_SHELL, StorefrontRouting

PAGE = '<!DOCTYPE html><html lang="en"><head></head><body>{}</body></html>'
ISLAND = '<main><div id="tob-listing" class="rx-Html" aria-live="polite"></div><p>after</p></main>'


@pytest.fixture
def static_dir(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "fr").mkdir()
    (tmp_path / "en" / "store.html").write_text(PAGE.format("store"))
    (tmp_path / "fr" / "store.html").write_text(PAGE.format("boutique"))
    (tmp_path / "fr.html").write_text(PAGE.format("accueil"))
    (tmp_path / SPA_SHELL).write_text(PAGE.format("shell"))
    return tmp_path


async def no_islands(path, query, region):
    return {}


async def no_head(path, query, region):
    return None, ""


async def _call(
    path: str, headers: dict[str, str], static_dir, render_islands=no_islands, render_head=no_head
):
    sent = []

    async def inner(scope, receive, send):
        sent.append({"type": "inner", "path": scope["path"]})

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "raw_path": path.encode(),
        "query_string": path.partition("?")[2].encode(),
        "headers": [(k.encode(), v.encode()) for k, v in headers.items()],
    }
    scope["path"] = path.partition("?")[0]
    await StorefrontRouting(
        inner, static_dir=static_dir, render_islands=render_islands, render_head=render_head
    )(scope, None, send)
    return sent


async def test_root_redirects_to_the_browser_language(static_dir):
    sent = await _call("/", {"accept-language": "fr-CA,fr;q=0.9"}, static_dir)
    assert sent[0]["status"] == 302
    assert (b"location", b"/fr") in sent[0]["headers"]


@pytest.mark.parametrize("path", ["/en/store", "/en/store/"])
async def test_pages_are_served_from_the_prerendered_file_without_a_redirect(static_dir, path):
    start, body = await _call(path, {}, static_dir)
    assert start["status"] == 200
    assert body["body"].decode() == PAGE.format("store")


async def test_french_pages_declare_french(static_dir):
    _, body = await _call("/fr", {"accept-encoding": "gzip, br"}, static_dir)
    html = gzip.decompress(body["body"]).decode()
    assert html.startswith('<!DOCTYPE html><html lang="fr">') and "accueil" in html
    _, body = await _call("/fr/products/lave-vaisselle-bosch", {}, static_dir)
    assert body["body"].decode() == PAGE.format("shell").replace('lang="en"', 'lang="fr"')


async def test_other_paths_pass_through(static_dir):
    for path in ("/assets/app.js", "/_event", "/ping", "/en/unknown-page", "/de/store"):
        assert await _call(path, {}, static_dir) == [{"type": "inner", "path": path}]


async def test_islands_are_injected_into_the_page_for_this_request(static_dir):
    (static_dir / "en" / "store.html").write_text(PAGE.format(ISLAND))
    seen = []

    async def render(path, query, region):
        seen.append((path, query, region))
        return {"tob-listing": '<ul><li data-testid="product-card">Mixer</li></ul>'}

    _, body = await _call("/en/store?page=3", {"cookie": "tob_region=reg_us"}, static_dir, render)
    html = body["body"].decode()
    assert (
        '<div id="tob-listing" class="rx-Html" aria-live="polite"><ul><li data-testid="product-card">' in html
    )
    assert html.endswith("</ul></div><p>after</p></main></body></html>")
    assert seen == [("/en/store", {"page": "3"}, "reg_us")]


async def test_a_failing_or_slow_island_serves_the_plain_page(static_dir, monkeypatch):
    import asyncio

    from tob_app import routing

    (static_dir / "en" / "store.html").write_text(PAGE.format(ISLAND))
    monkeypatch.setattr(routing, "ISLAND_BUDGET_SECONDS", 0.05)

    async def broken(path, query, region):
        raise ConnectionError("medusa down")

    async def slow(path, query, region):
        await asyncio.sleep(1)
        return {"tob-listing": "late"}

    for render in (broken, slow):
        start, body = await _call("/en/store", {}, static_dir, render)
        assert start["status"] == 200
        assert body["body"].decode() == PAGE.format(ISLAND)


async def test_a_page_gets_its_own_title_and_head_tags(static_dir):
    async def head(path, query, region):
        return "Lave-vaisselle <Bosch> · La Boîte Ouverte", '<link rel="canonical" href="x"/>'

    sent = await _call("/fr/store", {}, static_dir, render_head=head)
    html = sent[-1]["body"].decode()
    assert '<link rel="canonical" href="x"/></head>' in html


async def test_robots_and_sitemap_are_answered_by_the_middleware(static_dir):
    sent = await _call("/robots.txt", {}, static_dir)
    body = sent[-1]["body"].decode()
    assert "Disallow: /fr/checkout" in body and "Sitemap: " in body


async def test_order_pages_reached_from_a_mail_link_get_the_app_shell(static_dir):
    for path in ("/fr/order/order_01ABC/confirmed", "/en/account/orders/order_01ABC"):
        _, body = await _call(path, {}, static_dir)
        assert "shell" in body["body"].decode()
    assert await _call("/en/order/x/other", {}, static_dir) == [
        {"type": "inner", "path": "/en/order/x/other"}
    ]


async def test_dynamic_routes_get_their_prerendered_template_when_built(static_dir):
    (static_dir / "en" / "products").mkdir()
    (static_dir / "en" / "products" / f"{PLACEHOLDER}.html").write_text(PAGE.format("product template"))
    _, body = await _call("/en/products/lave-vaisselle-bosch", {}, static_dir)
    assert body["body"].decode() == PAGE.format("product template")
    # No template for that language or route: the SPA shell, as before.
    _, body = await _call("/fr/products/lave-vaisselle-bosch", {}, static_dir)
    assert "shell" in body["body"].decode()
    _, body = await _call("/en/order/order_1/confirmed", {}, static_dir)
    assert "shell" in body["body"].decode()


def test_react_router_prerenders_one_template_per_dynamic_route_and_language():
    config = with_templates(
        'export default {"basename": "/", "ssr": false, "prerender": true, "build": "build"};'
    )
    assert "prerender: ({ getStaticPaths }) => [...getStaticPaths()," in config
    for path in template_paths():
        assert f'"{path}"' in config
    assert {p.split("/")[1] for p in template_paths()} == {"en", "fr"}
    assert {p.split("/")[2] for p in template_paths()} == {"products", "categories", "collections"}
    # Dev mode prerenders nothing: the config is left alone.
    dev = 'export default {"basename": "/", "ssr": false};'
    assert with_templates(dev) == dev


async def test_an_unknown_product_or_category_is_a_404_page(static_dir):
    async def missing(path, query, region):
        raise NotFoundError(f"{path} not found", status=404, type="not_found")

    start, body = await _call("/en/products/no-such-thing", {}, static_dir, render_head=missing)
    assert start["status"] == 404
    assert "shell" in body["body"].decode()  # the page itself, which tells the shopper in their language
    start, _ = await _call("/en/products/lave-vaisselle-bosch", {}, static_dir)
    assert start["status"] == 200


HEAD_PRELOADS = (
    '<link rel="modulepreload" href="/assets/a.js"/><link rel="modulepreload" href="/assets/b.js"/>'
)
BOOT = '<script type="module" async="">import "/assets/a.js";\nimport("/assets/b.js");</script>'


async def _served(static_dir, islands: dict[str, str], page_name: str = "store") -> str:
    page = PAGE.replace("<head>", "<head>" + HEAD_PRELOADS).format(ISLAND + BOOT + "<script>$RC()</script>")
    (static_dir / "en" / f"{page_name}.html").write_text(page)

    async def render(path, query, region):
        return islands

    _, sent = await _call(f"/en/{page_name}", {}, static_dir, render)
    return sent["body"].decode()


@pytest.mark.parametrize("islands", [{}, {"tob-nav": "<a>Audio</a>"}])
async def test_pages_without_server_content_preload_and_boot_react_at_once(static_dir, islands):
    html = await _served(static_dir, islands)
    assert HEAD_PRELOADS in html and BOOT in html


async def test_a_product_preview_leaves_react_to_its_boot_script(static_dir):
    """The page's content is in its HTML: its scripts do not compete with the first paint."""
    html = await _served(static_dir, {"tob-product": "<h1>Mixer</h1>"})
    assert 'rel="modulepreload"' not in html and BOOT in html


@pytest.mark.parametrize(
    ("page_name", "islands"),
    [
        ("store", {"tob-listing": "<ul></ul>"}),
        ("store", {"tob-arrivals": "<ul></ul>"}),
        ("cart", {"tob-nav": "<a>Audio</a>"}),
    ],
)
async def test_listings_and_the_cart_boot_react_after_the_first_paint_with_its_preloads(
    static_dir, page_name, islands
):
    html = await _served(static_dir, islands, page_name)
    # Nothing fetches or runs React before the page is painted...
    assert '<link rel="modulepreload"' not in html
    assert '<script type="module"' not in html
    # ...then the same boot code runs as a module, after its preloads, from the end of the body.
    assert (
        '<script type="text/plain" id="tob-boot">import "/assets/a.js";\nimport("/assets/b.js");</script>'
        in html
    )
    starter = html[html.rindex("<script>") : html.rindex("</body>")]
    assert '["/assets/a.js", "/assets/b.js"]' in starter and "requestAnimationFrame" in starter
    assert 's.type="module"' in starter and 'getElementById("tob-boot")' in starter
    assert html.index("$RC()") < html.index(starter)


async def test_the_language_link_points_at_this_pages_twin_before_react_runs(static_dir):
    link = (
        '<a class="text-sm" data-testid="lang-switch" lang="fr" href="/fr" data-discover="true">Français</a>'
    )
    (static_dir / "en" / "store.html").write_text(PAGE.format(link + ISLAND))
    scope_path = "/en/store?sort=price_asc&page=2"
    _, sent = await _call(scope_path, {}, static_dir)
    html = sent["body"].decode()
    assert 'data-testid="lang-switch" lang="fr" href="/fr/store?sort=price_asc&amp;page=2"' in html
