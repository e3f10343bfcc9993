import gzip

import pytest

from tob_app.routing import SPA_SHELL, StorefrontRouting

PAGE = '<!DOCTYPE html><html lang="en"><head></head><body>{}</body></html>'


@pytest.fixture
def static_dir(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "fr").mkdir()
    (tmp_path / "en" / "store.html").write_text(PAGE.format("store"))
    (tmp_path / "fr" / "store.html").write_text(PAGE.format("boutique"))
    (tmp_path / "fr.html").write_text(PAGE.format("accueil"))
    (tmp_path / SPA_SHELL).write_text(PAGE.format("shell"))
    return tmp_path


async def _call(path: str, headers: dict[str, str], static_dir, method: str = "GET"):
    sent = []

    async def inner(scope, receive, send):
        sent.append({"type": "inner", "path": scope["path"]})

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "raw_path": path.encode(),
        "headers": [(k.encode(), v.encode()) for k, v in headers.items()],
    }
    await StorefrontRouting(inner, static_dir=static_dir)(scope, None, send)
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
