from tob_app.light_only import LIGHT, light_only

REFLEX_DOCUMENT = (
    'jsx("html",{lang:"en"},jsx("head",{},jsx("script",{},"\\n// Only run in browser environment\\n'
    'const theme = localStorage.getItem(\\"theme\\") || \'system\';\\n"),'
    'jsx("meta",{content:"light",name:"color-scheme"},)),jsx("body",{},children))'
)


def test_the_head_script_sets_the_light_scheme_without_reading_storage():
    out = light_only(REFLEX_DOCUMENT)
    assert "localStorage" not in out
    assert LIGHT.replace('"', '\\"') in out
    assert out.endswith('jsx("meta",{content:"light",name:"color-scheme"},)),jsx("body",{},children))')


def test_an_unknown_document_is_left_as_it_is():
    other = 'jsx("html",{},jsx("head",{}),jsx("body",{},children))'
    assert light_only(other) == other
