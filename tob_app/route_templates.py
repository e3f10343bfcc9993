"""Prerendered templates for the routes with a parameter (product, category, collection pages).

React Router prerenders only the static routes; a product URL used to get the empty SPA shell, so
its first paint waited for all the JavaScript and the websocket. This Reflex plugin adds one path
per dynamic route and language, with a placeholder parameter, to React Router's prerender list.
`tob_app.routing` serves that page for every value of the parameter and fills its islands (header
links, the category's or collection's products) like any other page. React hydrates it as the
route matched from the real URL: the markup is the page's state defaults, the same as the
browser's first render, and the page's load then reads the real parameter from the URL.
"""

from __future__ import annotations

import json
import re

from reflex.plugins import Plugin

from translations import LANGS

PLACEHOLDER = "__template__"
# Route prefixes (after the language) whose last segment is a parameter and that have a template.
TEMPLATED = ("products", "categories", "collections")
_CONFIG = re.compile(r"^export default (\{.*\});\s*$", re.S)


def template_paths() -> list[str]:
    return [f"/{lang}/{kind}/{PLACEHOLDER}" for lang in LANGS for kind in TEMPLATED]


def with_templates(config_js: str) -> str:
    """React Router's config with the template paths added to its prerendered paths (unchanged
    when prerendering is off, as in dev mode)."""
    match = _CONFIG.match(config_js)
    if match is None:
        raise ValueError(f"unexpected react-router.config.js: {config_js[:200]!r}")
    config = json.loads(match.group(1))
    if config.get("prerender") is not True:
        return config_js
    del config["prerender"]
    return (
        f"const config = {json.dumps(config)};\n"
        "export default {\n"
        "  ...config,\n"
        f"  prerender: ({{ getStaticPaths }}) => [...getStaticPaths(), ...{json.dumps(template_paths())}],\n"
        "};\n"
    )


class RouteTemplates(Plugin):
    """Registered in rxconfig.py."""

    def pre_compile(self, **context) -> None:
        context["add_modify_task"]("react-router.config.js", with_templates)
