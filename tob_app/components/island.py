"""A container whose content is server-rendered HTML (see tob_app.islands)."""

from __future__ import annotations

import reflex as rx
from reflex_base.components.component import field
from reflex_base.utils.imports import ImportDict, ImportVar
from reflex_base.vars.base import Var

from translations import gettext

# The page's first state load sends the markup the server already put in the page. Setting it
# again would re-create every card and image (a second layout and paint while the page is still
# loading) and wipe what the shopper typed meanwhile, so the server's markup is kept while the
# state's markup parses to the same thing. Only the first render on the page (hydration) reads
# it from the document: after an in-app navigation the element with this id belongs to the page
# being left. The flag is global because each page module gets its own copy of this code.
ISLAND_JS = """
const tobSameMarkup = (html, current) => {
  const parsed = document.createElement("template");
  parsed.innerHTML = html;
  return parsed.innerHTML === current;
};
const TobIsland = ({ html, ...props }) => {
  const [server] = useState(() =>
    typeof document === "undefined" || globalThis.tobIslandsHydrated
      ? ""
      : document.getElementById(props.id)?.innerHTML ?? ""
  );
  const loaded = useRef(false);
  if (html) loaded.current = true;
  useEffect(() => {
    globalThis.tobIslandsHydrated = true;
  }, []);
  const same = useMemo(() => !!html && !!server && tobSameMarkup(html, server), [html, server]);
  const shown = html ? (same ? server : html) : loaded.current ? "" : server;
  return createElement("div", { ...props, dangerouslySetInnerHTML: { __html: shown } });
};
"""


class Island(rx.el.Div):
    """A div whose content is the `html` var (React renders nothing inside it)."""

    tag = "TobIsland"
    _is_tag_in_global_scope = False  # defined by ISLAND_JS, not an HTML element

    html: Var[str] = field(doc="The markup to show.")

    def add_imports(self) -> ImportDict:
        return {
            "react": [
                ImportVar(tag=name)
                for name in ("useState", "useRef", "useEffect", "useMemo", "createElement")
            ]
        }

    def add_custom_code(self) -> list[str]:
        return [ISLAND_JS]


def island_html(element_id: str, html, **props) -> rx.Component:
    """The markup of `html` in a div with this id, kept as the server sent it until it changes."""
    return Island.create(html=html, id=element_id, **props)


def island(element_id: str, html, lang: str, loading=None) -> rx.Component:
    """React owns only this element; `tob_app.routing` fills it in the page's HTML and state
    updates replace its content when it differs. While it is empty (after in-app navigation,
    before the data arrives) CSS shows a loading line, so no state flag has to match between
    server and client.

    `loading` (a state var) sets `data-state="loading|ready"`: tests wait for the page's state
    load before acting on what it may change."""
    t = gettext(lang)
    extra = {} if loading is None else {"data_state": rx.cond(loading, "loading", "ready")}
    return island_html(
        element_id,
        html,
        aria_live="polite",
        data_loading=t("Loading…"),
        class_name="empty:before:text-stone-500 empty:before:content-[attr(data-loading)]",
        **extra,
    )
