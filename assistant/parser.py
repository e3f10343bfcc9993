"""Shopper text → :class:`~assistant.intent.Intent`, in English and French. Pure.

The parser reads prices the way a shopper writes them ("$80", "80 bucks", "80,50 $",
"1 234,50 $", "1,234.50", "je vous en donne 75"), discounts ("20% off", "50 $ de rabais") and a
small vocabulary of intents (deal / no thanks / questions / greetings). It never guesses: two
different prices, a number that may not be a price, or anything it cannot read gives
``unclear``, and the assistant asks. Instructions hidden in the text ("ignore your
instructions", "system: …", "the manager said $1") are just words here: the engine only ever
sees the one offer a shopper made, and an absurd offer is only a low offer.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .intent import Intent, IntentKind, Topic

__all__ = ["MAX_TEXT_LENGTH", "find_amounts", "normalize", "parse"]

MAX_TEXT_LENGTH = 4000

# A number as shoppers write it: digits with , or . separators, or thin/normal spaces between
# groups of three ("1 234,50"); an optional k for thousands.
_NUMBER = re.compile(r"(?<![\w.,])(\d(?:[\d,.]|\s(?=\d{3}(?!\d)))*)(k\b)?")

_CURRENCY_BEFORE = re.compile(r"(?:ca\$|us\$|c\$|cad\s?\$?|usd\s?\$?|\$)\s*$")
_CURRENCY_AFTER = re.compile(
    r"^\s*(?:\$\s*(?:ca|us|cad|usd)?|ca\$|cad\b|usd\b|dollars?\b|bucks?\b|piasses?\b|piastres?\b|"
    r"balles?\b|\$)"
)
_PERCENT_AFTER = re.compile(r"^\s*(?:%|percent\b|per cent\b|pour\s?cent\b|pourcent\b)")
_OFF_AFTER = re.compile(
    r"^\s*(?:off\b|less\b|discount\b|de rabais\b|de réduction\b|de moins\b|en moins\b|d'escompte\b|"
    r"de remise\b)"
)
_OFF_BEFORE = re.compile(r"(?:rabais de|réduction de|remise de|discount of|escompte de)\s*$")
# Numbers that measure something else: "65 inch", "90 days", "2 kids", "128 gb"…
_UNIT_AFTER = re.compile(
    r"^\s*(?:-\s*)?(?:inch(?:es)?\b|in\b|\"|''|po\b|pouces?\b|cm\b|mm\b|m\b|kg\b|g\b|lbs?\b|pounds?\b|"
    r"gb\b|go\b|tb\b|to\b|mb\b|mah\b|w\b|watts?\b|hz\b|v\b|days?\b|jours?\b|hours?\b|heures?\b|h\b|"
    r"min(?:utes?)?\b|weeks?\b|semaines?\b|months?\b|mois\b|years?\b|ans?\b|années?\b|x\b|qt\b|l\b|"
    r"cu\b|pi\b|ft\b|feet\b|dba\b|cfm\b|times\b|fois\b|kids?\b|enfants?\b|people\b|personnes?\b|"
    r"units?\b|unités?\b|items?\b|articles?\b|pieces?\b|pièces?\b|stars?\b|étoiles?\b|rounds?\b|"
    r"models?\b|modèles?\b|editions?\b|éditions?\b|versions?\b|series\b|séries?\b|gen\b|"
    r"(?:st|nd|rd|th|e|er|re|ème)\b|/\s*\d)"
)
_MODEL_BEFORE = re.compile(r"(?:model|modèle|série|series|gen|#|no\.|version|v|rev\.?)\s*$")
# Words that make a bare number an offer: "would you take 80", "je vous en donne 75".
_OFFER_BEFORE = re.compile(
    r"(?:take|taking|give|giving|pay|paying|offer|offering|do|for|at|how about|what about|budget(?: is)?|"
    r"max(?:imum)?|counter|settle|sell it|let it go|"
    r"donne|donner|donnerais|paie|paye|payer|paierais|offre|offrir|propose|proposer|pour|à|a|"
    r"prendriez|prendrais|accepteriez|accepterais|laisseriez|laissez|fais|ferais|feriez|ferait|"
    r"vendez|vendriez|mettre|mets|jusqu'à)\s*(?:(?:it|you|vous|en|le|la|ça|ca|me|moi|it for|"
    r"for it|pour ça|pour)\s+)*$"
)

_INTERROGATIVE_START = re.compile(
    r"^(?:what|what's|whats|why|how|is|are|does|do|did|can|could|will|when|where|which|who|has|have|"
    r"quel|quelle|quels|quelles|pourquoi|comment|combien|est-ce|est-il|est-elle|y a-t-il|a-t-il|"
    r"où|quand|qui|c'est quoi|peut-on|pouvez-vous)\b"
)

_DECLINE = re.compile(
    r"\b(?:no thanks?|no thank you|nope|no deal|not interested|never ?mind|forget it|i'll pass|"
    r"i will pass|pass\b|not ok|not okay|bye|goodbye|non merci|pas d'accord|pas intéressée?|"
    r"laisse(?:z)? faire|laisse(?:z)? tomber|oublie(?:z)?(?: ça)?|tant pis|au revoir|je passe|"
    r"non,? c'est non|ça ne m'intéresse pas)\b"
)
_DECLINE_WHOLE = re.compile(r"^(?:no|non|nah|nope|pass)[.! ]*$")
_ACCEPT = re.compile(
    r"(?:^|\b)(?:deal|it's a deal|ok|okay|yes|yep|yeah|sure|agreed|i agree|accept|i accept|accepted|"
    r"i'll take it|i will take it|sounds good|let's do it|done|d'accord|d'acc|dac|marché conclu|oui|"
    r"ça marche|ca marche|entendu|j'accepte|accepté|je le prends|je la prends|je prends|vendu|parfait|"
    r"c'est bon|ça me va|ca me va|topez là|tope là)(?:\b|$)"
)
_BEST_PRICE = re.compile(
    r"\b(?:lowest|best price|best you can|bottom line|rock bottom|floor|minimum|min price|cheapest|"
    r"least you|plus bas|meilleur prix|prix plancher|plancher|prix minimum|minimum|dernier prix|"
    r"moins cher possible|au plus bas)\b"
)
_HAGGLE = re.compile(
    r"\b(?:too expensive|too much|too high|pricey|can you do better|do better|any discount|discount\??|"
    r"lower|cheaper|come down|negotiable|a deal|better price|wiggle room|flexible|"
    r"trop cher|c'est cher|moins cher|rabais|faire mieux|un meilleur prix|baisser|négociable|"
    r"un effort|un prix|escompte)\b"
)
_GREETING = re.compile(
    r"^(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|bonjour|salut|allo|allô|bonsoir|coucou)\b"
)
_TOPICS = (
    (
        Topic.condition,
        r"\b(?:condition|état|etat|scratch\w*|rayé|rayure\w*|égratign\w*|dent\w*|bosse\w*|damage\w*|"
        r"endommag\w*|used|usé\w*|cosmetic|esthétique|marks?|marques?|grade|working|fonctionne\w*|"
        r"defect\w*|défaut\w*|broken|brisé\w*)\b",
    ),
    (Topic.warranty, r"\b(?:warrant\w*|garantie?s?|guarantee\w*|return policy|retour\w*)\b"),
    (
        Topic.shipping,
        r"\b(?:ship\w*|deliver\w*|livr\w*|expédi\w*|pick ?up|pickup|ramass\w*|cueillette|frais de port)\b",
    ),
    (Topic.stock, r"\b(?:stock|available|availability|disponible\w*|inventaire|left|reste|in store)\b"),
)


def normalize(text: str) -> str:
    """Lower case, compatibility forms (non-breaking and thin spaces become spaces), straight
    apostrophes, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("’", "'").replace("‘", "'").replace("＄", "$")
    text = re.sub(r"[^\S\n]+", " ", text)
    return text.strip().lower()


def _to_decimal(raw: str) -> Decimal | None:
    """Read one written number; ``None`` when its separators are ambiguous ("80.555")."""
    raw = raw.replace(" ", "")
    raw = raw.rstrip(".,")
    if not raw:
        return None
    commas, dots = raw.count(","), raw.count(".")
    try:
        if commas and dots:
            decimal_sep = "," if raw.rfind(",") > raw.rfind(".") else "."
            group_sep = "." if decimal_sep == "," else ","
            whole, _, frac = raw.rpartition(decimal_sep)
            if decimal_sep in whole or not 1 <= len(frac) <= 2 or not _grouped(whole, group_sep):
                return None
            return Decimal(whole.replace(group_sep, "") + "." + frac)
        for sep in (",", "."):
            if raw.count(sep) == 0:
                continue
            parts = raw.split(sep)
            if len(parts) == 2 and 1 <= len(parts[1]) <= 2:
                return Decimal(parts[0] + "." + parts[1])
            if _grouped(raw, sep) and (sep == "," or len(parts) > 2):
                return Decimal(raw.replace(sep, ""))
            return None
        return Decimal(raw)
    except InvalidOperation:
        return None


def _grouped(whole: str, sep: str) -> bool:
    parts = whole.split(sep)
    return (
        1 <= len(parts[0]) <= 3
        and all(p.isdigit() for p in parts)
        and all(len(p) == 3 for p in parts[1:])
        and (len(parts) > 1 or whole.isdigit())
    )


@dataclass(frozen=True)
class Amount:
    value: Decimal
    kind: str  # "price" | "percent" | "off"
    strong: bool  # a currency sign or an offer verb says it is money
    start: int
    end: int


def find_amounts(text: str) -> tuple[list[Amount], bool]:
    """Every number in normalized `text` that may be money, and whether some number could not
    be read at all (then the caller must not guess)."""
    amounts: list[Amount] = []
    unreadable = False
    for match in _NUMBER.finditer(text):
        raw = match.group(1).rstrip()
        before, after = text[: match.start()], text[match.end() :]
        value = _to_decimal(raw)
        if value is None:
            unreadable = True
            continue
        if match.group(2):
            value *= 1000
        if _UNIT_AFTER.match(after) or _MODEL_BEFORE.search(before[-12:]):
            continue
        if before.endswith("-") and before[-2:-1].isalnum():  # "wh-1000xm5", "x-90"
            continue
        if _PERCENT_AFTER.match(after):
            amounts.append(Amount(value, "percent", True, match.start(), match.end()))
            continue
        marker_after = _CURRENCY_AFTER.match(after)
        marker = bool(_CURRENCY_BEFORE.search(before[-6:]) or marker_after)
        rest = after[marker_after.end() :] if marker_after else after
        if _OFF_AFTER.match(rest) or _OFF_BEFORE.search(before[-20:]):
            amounts.append(Amount(value, "off", True, match.start(), match.end()))
            continue
        strong = marker or bool(_OFFER_BEFORE.search(before[-40:])) or bool(match.group(2))
        amounts.append(Amount(value, "price", strong, match.start(), match.end()))
    return amounts, unreadable


def parse(text: str) -> Intent:
    """The shopper's intent. Unclear when the text is empty, too long, or names several
    different prices."""
    if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT_LENGTH:
        return Intent(IntentKind.unclear)
    norm = normalize(text)
    amounts, unreadable = find_amounts(norm)
    words = len(norm.split())
    interrogative = bool(_INTERROGATIVE_START.match(norm))

    if amounts:
        chosen = [a for a in amounts if a.strong] or amounts
        distinct = {(a.kind, a.value) for a in chosen}
        if unreadable or len(distinct) != 1:
            return Intent(IntentKind.unclear)
        amount = chosen[0]
        if not amount.strong and (len(amounts) > 1 or words > 12 or interrogative):
            # A lone bare number in a question or a long text may be anything.
            return Intent(IntentKind.unclear)
        if amount.kind == "percent":
            return Intent(IntentKind.percent_off, percent=amount.value)
        if amount.kind == "off":
            return Intent(IntentKind.amount_off, amount=amount.value)
        return Intent(IntentKind.offer, amount=amount.value)
    if unreadable:
        return Intent(IntentKind.unclear)

    if _DECLINE.search(norm) or _DECLINE_WHOLE.match(norm):
        return Intent(IntentKind.decline)
    if _BEST_PRICE.search(norm):
        return Intent(IntentKind.question, topic=Topic.best_price)
    question = norm.endswith("?") or interrogative
    if not question and words <= 6 and _ACCEPT.search(norm):
        return Intent(IntentKind.accept)
    if question and words <= 2 and _ACCEPT.search(norm):  # "deal?", "ok?"
        return Intent(IntentKind.accept)
    if _HAGGLE.search(norm):
        return Intent(IntentKind.haggle)
    if question:
        for topic, pattern in _TOPICS:
            if re.search(pattern, norm):
                return Intent(IntentKind.question, topic=topic)
        return Intent(IntentKind.question, topic=Topic.other)
    if _GREETING.match(norm) and words <= 6:
        return Intent(IntentKind.greeting)
    for topic, pattern in _TOPICS:
        if topic == Topic.condition and re.search(pattern, norm) and words <= 8:
            return Intent(IntentKind.question, topic=topic)
    return Intent(IntentKind.unclear)
