from tob_app.language_redirect import LanguageRedirect


async def _call(path: str, headers: dict[str, str]):
    sent = []

    async def inner(scope, receive, send):
        sent.append({"type": "inner", "path": scope["path"]})

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "headers": [(k.encode(), v.encode()) for k, v in headers.items()],
    }
    await LanguageRedirect(inner)(scope, None, send)
    return sent


async def test_root_redirects_to_the_browser_language():
    sent = await _call("/", {"accept-language": "fr-CA,fr;q=0.9"})
    assert sent[0]["status"] == 302
    assert (b"location", b"/fr") in sent[0]["headers"]


async def test_other_paths_pass_through():
    sent = await _call("/en/store", {"accept-language": "fr-CA"})
    assert sent == [{"type": "inner", "path": "/en/store"}]
