"""Product documents for the knowledge index: pure functions from Medusa products (no I/O).

One document per product × language. The full build, the nightly refresh and the Q&A all use
:func:`product_document`, so a fact the shopper can ask about is the same fact the index holds.
Only public facts go in: titles, descriptions, grades, options, category, collection, brand,
model and physical facts. Prices, costs and floors never do (floors live in the assistant's
rules; list prices are read live when needed).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from medusa import Product

LANGS = ("en", "fr")
CONDITION_TITLES = ("condition", "état", "etat")

# The store's grading standard (the same words as the product descriptions of the demo seed).
# Keyed by the grade label in either language, lower-case.
_GRADE_TEXT = {
    "like new": {
        "en": "no visible marks; opened, inspected and complete with every original accessory",
        "fr": "aucune marque visible; ouvert, inspecté et complet avec tous les accessoires d'origine",
    },
    "good": {
        "en": "light scratches or scuffs you barely see at arm's length; fully functional",
        "fr": "légères égratignures ou éraflures à peine visibles à bout de bras; entièrement fonctionnel",
    },
    "fair": {
        "en": "visible marks or small dents, packaging may be missing; tested and fully functional",
        "fr": "marques visibles ou petites bosses, emballage parfois manquant; testé et entièrement fonctionnel",
    },
}
_GRADE_ALIASES = {"comme neuf": "like new", "bon": "good", "passable": "fair"}

_LABELS = {
    "en": {
        "category": "Category",
        "collection": "Collection",
        "brand": "Brand",
        "model": "Model",
        "condition": "Condition",
        "dimensions": "Dimensions",
        "weight": "Weight",
        "material": "Material",
        "origin": "Made in",
        "tags": "Tags",
    },
    "fr": {
        "category": "Catégorie",
        "collection": "Collection",
        "brand": "Marque",
        "model": "Modèle",
        "condition": "État",
        "dimensions": "Dimensions",
        "weight": "Poids",
        "material": "Matériau",
        "origin": "Fabriqué en",
        "tags": "Étiquettes",
    },
}


def grade_description(grade: str, lang: str) -> str | None:
    """What a grade means in the store's standard ("Good" → "light scratches…"), or None for a
    grade the standard does not define."""
    key = grade.strip().lower()
    key = _GRADE_ALIASES.get(key, key)
    text = _GRADE_TEXT.get(key)
    return text[lang] if text else None


@dataclass(frozen=True)
class ProductFacts:
    """The structured facts of one product in one language (what the Q&A templates answer from)."""

    product_id: str
    handle: str
    lang: str
    title: str
    subtitle: str | None = None
    description: str | None = None
    categories: tuple[str, ...] = ()
    collection: str | None = None
    brand: str | None = None
    model: str | None = None
    grades: tuple[str, ...] = ()  # condition grade labels in this language, in option order
    options: tuple[tuple[str, tuple[str, ...]], ...] = ()  # other options: (title, values)
    variants: tuple[str, ...] = ()  # variant titles
    dimensions: str | None = None
    weight: str | None = None  # formatted: "36 kg", "900 g"
    material: str | None = None
    origin_country: str | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    id: str  # "<product id>:<lang>"
    product_id: str
    handle: str
    lang: str
    title: str
    text: str  # what is embedded (with the e5 "passage: " prefix added by the embedder)
    content_hash: str
    facts: ProductFacts = field(compare=False)


def doc_id(product_id: str, lang: str) -> str:
    return f"{product_id}:{lang}"


def format_weight(grams: Decimal | None, lang: str) -> str | None:
    """Medusa weights are in the store's unit: grams here. 36000 → "36 kg", 900 → "900 g"."""
    if grams is None or grams <= 0:
        return None
    if grams >= 1000:
        kg = (grams / 1000).quantize(Decimal("0.1")).normalize()
        text = f"{kg:f}"
        return f"{text.replace('.', ',') if lang == 'fr' else text} kg"
    return f"{grams.quantize(Decimal(1)):f} g"


def _dimensions(product: Product) -> str | None:
    given = product.metadata.get("dimensions")
    if isinstance(given, str) and given.strip():
        return given.strip()
    sides = [product.length, product.width, product.height]
    if all(s is not None and s > 0 for s in sides):
        return " × ".join(f"{s.normalize():f}" for s in sides) + " cm"  # type: ignore[union-attr]
    return None


def _weight(product: Product) -> Decimal | None:
    if product.weight is not None and product.weight > 0:
        return product.weight
    weights = [v.weight for v in product.variants if v.weight is not None and v.weight > 0]
    return min(weights) if weights else None


def _meta(product: Product, key: str) -> str | None:
    value = product.metadata.get(key)
    return value.strip() if isinstance(value, str) and value.strip() else None


def facts_of(
    product: Product,
    lang: str,
    category_names: Mapping[str, str] | None = None,
    collection_titles: Mapping[str, str] | None = None,
) -> ProductFacts:
    """`product` as fetched in `lang` (Medusa's Translation module already applied); category and
    collection names in that language by id, when the product's own are untranslated."""
    category_names = category_names or {}
    collection_titles = collection_titles or {}
    grades: tuple[str, ...] = ()
    others: list[tuple[str, tuple[str, ...]]] = []
    for option in product.options:
        values = tuple(v.value for v in option.values)
        if option.title.strip().lower() in CONDITION_TITLES:
            grades = values
        else:
            others.append((option.title, values))
    collection = None
    if product.collection is not None:
        collection = collection_titles.get(product.collection.id, product.collection.title)
    return ProductFacts(
        product_id=product.id,
        handle=product.handle,
        lang=lang,
        title=product.title,
        subtitle=product.subtitle or None,
        description=(product.description or "").strip() or None,
        categories=tuple(category_names.get(c.id, c.name) for c in product.categories),
        collection=collection,
        brand=_meta(product, "brand"),
        model=_meta(product, "model"),
        grades=grades,
        options=tuple(others),
        variants=tuple(v.title for v in product.variants if v.title),
        dimensions=_dimensions(product),
        weight=format_weight(_weight(product), lang),
        material=(product.material or "").strip() or None,
        origin_country=(product.origin_country or "").strip().upper() or None,
        tags=tuple(t.value for t in product.tags),
    )


def document_text(facts: ProductFacts) -> str:
    """The labelled text that is embedded and hashed (one fact per line, description last)."""
    label = _LABELS[facts.lang]
    lines = [facts.title]
    if facts.subtitle:
        lines.append(facts.subtitle)
    pairs: list[tuple[str, str | None]] = [
        ("category", ", ".join(facts.categories) or None),
        ("collection", facts.collection),
        ("brand", facts.brand),
        ("model", facts.model),
        ("condition", ", ".join(facts.grades) or None),
    ]
    lines += [f"{label[k]}: {v}" for k, v in pairs if v]
    lines += [f"{title}: {', '.join(values)}" for title, values in facts.options if values]
    pairs = [
        ("dimensions", facts.dimensions),
        ("weight", facts.weight),
        ("material", facts.material),
        ("origin", facts.origin_country),
        ("tags", ", ".join(facts.tags) or None),
    ]
    lines += [f"{label[k]}: {v}" for k, v in pairs if v]
    if facts.description:
        lines += ["", facts.description]
    return "\n".join(lines)


RETRIEVAL_DESCRIPTION_CHARS = 300


def _lead(description: str, limit: int) -> str:
    """The start of a description: its first paragraph, cut after the last sentence that fits in
    `limit` characters (or at a word when one sentence is longer)."""
    first = description.strip().split("\n\n")[0].strip()
    if len(first) <= limit:
        return first
    cut = first[:limit]
    end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "), cut.rfind("; "))
    if end >= limit // 3:
        return cut[: end + 1]
    return cut.rsplit(" ", 1)[0]


def retrieval_text(facts: ProductFacts) -> str:
    """What is embedded: the facts a shopper searches by (title, subtitle, category, collection,
    brand, model, options, material, tags) and the description's lead. Left out: the condition
    grades, sizes, weight and the rest of the description (open-box notes, grading standard,
    warranty), which are near the same for every product, add nothing to find one, cost embedding
    time and pull every vector toward "an open-box item"; they stay in the stored text."""
    lines = [facts.title]
    if facts.subtitle:
        lines.append(facts.subtitle)
    names = [*facts.categories, facts.collection, facts.brand, facts.model, facts.material]
    lines.append(", ".join(n for n in names if n))
    lines += [f"{title}: {', '.join(values)}" for title, values in facts.options if values]
    if facts.tags:
        lines.append(", ".join(facts.tags))
    if facts.description:
        lines.append(_lead(facts.description, RETRIEVAL_DESCRIPTION_CHARS))
    return "\n".join(line for line in lines if line)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def product_document(
    product: Product,
    lang: str,
    category_names: Mapping[str, str] | None = None,
    collection_titles: Mapping[str, str] | None = None,
) -> Document:
    facts = facts_of(product, lang, category_names, collection_titles)
    text = document_text(facts)
    return Document(
        id=doc_id(product.id, lang),
        product_id=product.id,
        handle=product.handle,
        lang=lang,
        title=facts.title,
        text=text,
        content_hash=content_hash(text),
        facts=facts,
    )
