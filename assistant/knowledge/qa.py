"""Product questions answered from the product's own facts, in the asked language.

Template mode (the default, no key, no network): the question's topic is recognised (condition,
dimensions, weight, stock, …) and answered from the product's structured fields, naming the
product; stock is read live from Medusa, never from the index. A fact the product does not have
gets an honest "I don't know". Answers state no price at all, so they can never undercut the
list price or hint at a floor (floors live in the negotiation rules, never in documents).

An LLM narrator can be plugged in with :func:`set_llm`: it gets the question, the language and
the retrieved context only; a reply that states a price is thrown away for the template one.
"""

from __future__ import annotations

import asyncio
import logging
import re
import unicodedata
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import StrEnum

from medusa import Medusa, NotFoundError, Product, ValidationError
from translations import gettext

from .documents import ProductFacts, document_text, facts_of, grade_description
from .search import check_locale, check_text, search_hits

log = logging.getLogger(__name__)


class UnknownProduct(LookupError):
    """No published product has this handle."""


class Topic(StrEnum):
    stock = "stock"
    condition = "condition"
    dimensions = "dimensions"
    weight = "weight"
    material = "material"
    color = "color"
    brand = "brand"
    warranty = "warranty"
    price = "price"
    other = "other"


# Checked in this order on accent-folded, lower-case text ("is it in stock in good condition?"
# is about stock).
_TOPICS: list[tuple[Topic, re.Pattern[str]]] = [
    (
        Topic.stock,
        re.compile(
            r"\b(in stock|stock|available|availability|sold out|left|en stock|disponibles?|"
            r"disponibilite|rupture|epuise|reste-t-il|en reste|inventaire)\b"
        ),
    ),
    (
        Topic.price,
        re.compile(r"\b(price|cost|costs|how much|cheaper|discount|prix|coute|combien ca|rabais)\b"),
    ),
    (
        Topic.condition,
        re.compile(
            r"\b(scratch\w*|scuff\w*|dent\w*|marks?|damaged?|condition|grade|cosmetic|wear|flaws?|"
            r"rayee?s?|rayures?|egratign\w*|eraflu\w*|bosses?|abimee?s?|dommages?|usure|etat|defauts?)\b"
        ),
    ),
    (
        Topic.dimensions,
        re.compile(
            r"\b(dimensions?|size|how big|measure\w*|width|wide|height|tall|depth|deep|length|long|fit|"
            r"taille|grandeur|mesures?|largeur|hauteur|profondeur|longueur|encombrement|gros)\b"
        ),
    ),
    (Topic.weight, re.compile(r"\b(weight|weigh\w*|heavy|poids|pese\w*|lourde?)\b")),
    (Topic.material, re.compile(r"\b(materials?|made of|fabric|materiaux?|matiere|fait en|en quoi)\b")),
    (Topic.color, re.compile(r"\b(colou?rs?|couleurs?|coloris|teintes?)\b")),
    (
        Topic.brand,
        re.compile(r"\b(brand|model|makes?|made by|manufacturer|marque|modele|fabricant|fabrique)\b"),
    ),
    (Topic.warranty, re.compile(r"\b(warrant\w*|guarantee\w*|garantie?s?)\b")),
]

_COLOR_TITLES = ("color", "colour", "couleur")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().replace("’", "'")


def topic_of(question: str) -> Topic:
    text = fold(question)
    for topic, pattern in _TOPICS:
        if pattern.search(text):
            return topic
    return Topic.other


@dataclass(frozen=True)
class Answer:
    text: str
    sources: list[dict[str, str]] = field(default_factory=list)  # [{"handle", "title"}]


@dataclass(frozen=True)
class Stock:
    """Live availability per variant title (None: not read)."""

    in_stock: tuple[str, ...] = ()
    sold_out: tuple[str, ...] = ()


def stock_of(product: Product) -> Stock:
    return Stock(
        tuple(v.title or "" for v in product.variants if v.in_stock),
        tuple(v.title or "" for v in product.variants if not v.in_stock),
    )


_OPEN_BOX = re.compile(r"^(open box|boite ouverte)\s*:\s*", re.IGNORECASE)


def open_box_note(description: str | None) -> str | None:
    """The description's "Open box: …" paragraph (what this unit's packaging or marks are)."""
    for paragraph in (description or "").split("\n"):
        stripped = paragraph.strip()
        if _OPEN_BOX.match(fold(stripped)):
            return stripped.split(":", 1)[1].strip()
    return None


def _sentence_with(description: str | None, words: tuple[str, ...]) -> str | None:
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", description or ""):
        if any(w in fold(sentence) for w in words):
            return sentence.strip()
    return None


def _summary(description: str | None) -> str | None:
    for paragraph in (description or "").split("\n"):
        if paragraph.strip():
            return paragraph.strip()
    return None


def template_answer(topic: Topic, facts: ProductFacts, lang: str, stock: Stock | None = None) -> str:
    """The answer to a question about `topic`, from `facts` only (pure; unit-tested in EN/FR)."""
    t = gettext(lang)
    name = facts.title
    unknown = t("I don't know that about {product}.", product=name)
    if topic == Topic.stock:
        if stock is None:
            return unknown
        if not stock.in_stock:
            return t("{product} is sold out right now.", product=name)
        if not stock.sold_out or len(facts.variants) <= 1:
            return t("Yes, {product} is in stock.", product=name)
        return t(
            "{product} is in stock in: {variants}. Sold out: {sold_out}.",
            product=name,
            variants=", ".join(stock.in_stock),
            sold_out=", ".join(stock.sold_out),
        )
    if topic == Topic.condition:
        if not facts.grades:
            return unknown
        grades = []
        for grade in facts.grades:
            meaning = grade_description(grade, lang)
            grades.append(f"{grade} ({meaning})" if meaning else grade)
        text = t("{product} comes in these conditions: {grades}.", product=name, grades="; ".join(grades))
        note = open_box_note(facts.description)
        if note:
            text += " " + t("About this item: {note}", note=note)
        return text
    if topic == Topic.dimensions:
        if not facts.dimensions:
            return unknown
        return t("{product} measures {dimensions}.", product=name, dimensions=facts.dimensions)
    if topic == Topic.weight:
        if not facts.weight:
            return unknown
        return t("{product} weighs {weight}.", product=name, weight=facts.weight)
    if topic == Topic.material:
        if not facts.material:
            return unknown
        return t("{product} is made of {material}.", product=name, material=facts.material)
    if topic == Topic.color:
        colors = next((values for title, values in facts.options if title.lower() in _COLOR_TITLES), ())
        if not colors:
            return unknown
        return t("{product} comes in: {colors}.", product=name, colors=", ".join(colors))
    if topic == Topic.brand:
        if not facts.brand:
            return unknown
        if facts.model:
            return t(
                "{product} is made by {brand} (model {model}).",
                product=name,
                brand=facts.brand,
                model=facts.model,
            )
        return t("{product} is made by {brand}.", product=name, brand=facts.brand)
    if topic == Topic.warranty:
        sentence = _sentence_with(facts.description, ("warrant", "garantie"))
        if not sentence:
            return unknown
        return t("About {product}: {sentence}", product=name, sentence=sentence)
    if topic == Topic.price:
        return t(
            "The price of {product} depends on its condition and is shown on its page; "
            "you can also make an offer in the chat there.",
            product=name,
        )
    summary = _summary(facts.description)
    if not summary:
        return unknown
    return t("Here is what I know about {product}: {summary}", product=name, summary=summary)


# --- the LLM hook ---------------------------------------------------------------------------

LlmAnswer = Callable[[str, str, list[str]], Awaitable[str | None]]
_llm: LlmAnswer | None = None


def set_llm(fn: LlmAnswer | None) -> None:
    """Plug in a narrator: ``async fn(question, lang, context) -> text | None``. `context` is the
    retrieved product documents plus live stock; it must answer from them only. None, an error or
    a reply that states a price → the template answer is used."""
    global _llm
    _llm = fn


def _stock_line(product: Product, stock: Stock, lang: str) -> str:
    t = gettext(lang)
    if not stock.in_stock:
        return t("Stock: sold out")
    return t("Stock: in stock ({variants})", variants=", ".join(stock.in_stock))


async def _narrate(question: str, lang: str, context: list[str], fallback: str) -> str:
    if _llm is None:
        return fallback
    from assistant.replies import states_only

    try:
        text = await _llm(question, lang, context)
    except Exception:
        log.exception("LLM answer failed; using the template answer")
        return fallback
    if not text or not text.strip() or not states_only(text, None):
        return fallback
    return text.strip()


# --- answer() ---------------------------------------------------------------------------------


def _client(medusa: Medusa | None) -> Medusa:
    if medusa is not None:
        return medusa
    from catalog.source import medusa as shared

    return shared()


async def answer(
    question: str, locale: str, product_handle: str | None = None, *, medusa: Medusa | None = None
) -> Answer:
    """Answer a shopper's question about `product_handle`, or about the product the index finds
    nearest to the question. Raises BadQuery (empty / too long question, bad locale) or
    UnknownProduct."""
    from .index import fetch_product

    lang = check_locale(locale)
    question = check_text(question, "question")
    client = _client(medusa)
    context: list[str] = []
    handle = product_handle.strip() if isinstance(product_handle, str) and product_handle.strip() else None
    if handle is None:
        hits = await asyncio.to_thread(search_hits, question, lang, 3)
        if not hits:
            t = gettext(lang)
            return Answer(t("I couldn't find a product that matches your question."))
        handle = hits[0].handle
        context = [h.text for h in hits]
    try:
        product = await fetch_product(client, handle, lang)
    except (NotFoundError, ValidationError):
        raise UnknownProduct(f"no product with handle {handle!r}") from None
    facts = facts_of(product, lang)
    stock = stock_of(product)
    text = template_answer(topic_of(question), facts, lang, stock)
    if _llm is not None:
        own = document_text(facts) + "\n" + _stock_line(product, stock, lang)
        text = await _narrate(question, lang, [own, *[c for c in context[1:]]], text)
    return Answer(text, [{"handle": product.handle, "title": product.title}])
