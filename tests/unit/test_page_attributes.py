"""Reflex turns a keyword it does not know for an element into a CSS property: `autocomplete=`
on an input became `.css-x{autocomplete:email}` and no attribute, so browsers could not fill the
checkout's address. The storefront styles only through classes, so any style is such a mistake."""

from __future__ import annotations

from reflex.components.component import Component


def _components(component):
    if isinstance(component, Component):
        yield component
        for child in component.children:
            yield from _components(child)


def test_no_element_attribute_was_turned_into_css():
    from tob_app.tob_app import app

    misplaced = [
        (route, component.tag, sorted(component.style))
        for route, page in app._unevaluated_pages.items()
        for component in _components(page.component() if callable(page.component) else page.component)
        if component.style
    ]
    assert misplaced == []
