from pathlib import Path

from tob_app.compile_hints import MAGIC_COMMENT, add_compile_hints, boot_scripts

# Shaped like React Router's prerendered pages: preloads in the head, the boot module at the end.
PAGE = """<!DOCTYPE html><html><head>
<link rel="modulepreload" href="/assets/manifest-1.js"/><link rel="modulepreload" href="/assets/{chunk}.js"/>
<link rel="stylesheet" href="/assets/styles.css"/></head><body>
<script type="module" async="">import "/assets/manifest-1.js";
import * as route0 from "/assets/root-1.js";
import * as route1 from "/assets/{route}.js";
import("/assets/entry.client-1.js");</script></body></html>"""


def _site(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    for name in (
        "manifest-1",
        "root-1",
        "entry.client-1",
        "listing-1",
        "store-route",
        "admin-1",
        "admin-route",
        "unused-1",
    ):
        (tmp_path / "assets" / f"{name}.js").write_text(f'import{{a}}from"./x.js";export const {name[:3]}=1;')
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "store.html").write_text(PAGE.format(chunk="listing-1", route="store-route"))
    (tmp_path / "en" / "admin.html").write_text(PAGE.format(chunk="admin-1", route="admin-route"))
    return tmp_path


def test_the_scripts_a_storefront_page_preloads_or_imports_are_its_boot_scripts(tmp_path):
    site = _site(tmp_path)
    names = {p.name for p in boot_scripts(site)}
    assert names == {"manifest-1.js", "root-1.js", "entry.client-1.js", "listing-1.js", "store-route.js"}


def test_boot_scripts_start_with_the_compile_hint_and_the_rest_is_unchanged(tmp_path):
    site = _site(tmp_path)
    before = {p.name: p.read_bytes() for p in (site / "assets").iterdir()}
    assert add_compile_hints(site) == 5
    for path in (site / "assets").iterdir():
        code = path.read_bytes()
        if path.name in ("admin-1.js", "admin-route.js", "unused-1.js"):
            assert code == before[path.name]  # staff pages and chunks no page boots stay lazy
        else:
            assert code == MAGIC_COMMENT + before[path.name]


def test_a_second_run_adds_nothing(tmp_path):
    site = _site(tmp_path)
    add_compile_hints(site)
    once = {p.name: p.read_bytes() for p in (site / "assets").iterdir()}
    assert add_compile_hints(site) == 0
    assert {p.name: p.read_bytes() for p in (site / "assets").iterdir()} == once
