"""Shipping and billing addresses: the countries a region ships to, their provinces or states,
postal code formats, and form checks that return messages per field in the shopper's language."""

from __future__ import annotations

import re
from dataclasses import dataclass

from translations import gettext

# (code, English name, French name); codes as Medusa stores them (lower-case ISO 3166-2 suffix).
PROVINCES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "ca": (
        ("ab", "Alberta", "Alberta"),
        ("bc", "British Columbia", "Colombie-Britannique"),
        ("mb", "Manitoba", "Manitoba"),
        ("nb", "New Brunswick", "Nouveau-Brunswick"),
        ("nl", "Newfoundland and Labrador", "Terre-Neuve-et-Labrador"),
        ("ns", "Nova Scotia", "Nouvelle-Écosse"),
        ("nt", "Northwest Territories", "Territoires du Nord-Ouest"),
        ("nu", "Nunavut", "Nunavut"),
        ("on", "Ontario", "Ontario"),
        ("pe", "Prince Edward Island", "Île-du-Prince-Édouard"),
        ("qc", "Quebec", "Québec"),
        ("sk", "Saskatchewan", "Saskatchewan"),
        ("yt", "Yukon", "Yukon"),
    ),
    "us": (
        ("al", "Alabama", "Alabama"),
        ("ak", "Alaska", "Alaska"),
        ("az", "Arizona", "Arizona"),
        ("ar", "Arkansas", "Arkansas"),
        ("ca", "California", "Californie"),
        ("co", "Colorado", "Colorado"),
        ("ct", "Connecticut", "Connecticut"),
        ("de", "Delaware", "Delaware"),
        ("dc", "District of Columbia", "District de Columbia"),
        ("fl", "Florida", "Floride"),
        ("ga", "Georgia", "Géorgie"),
        ("hi", "Hawaii", "Hawaï"),
        ("id", "Idaho", "Idaho"),
        ("il", "Illinois", "Illinois"),
        ("in", "Indiana", "Indiana"),
        ("ia", "Iowa", "Iowa"),
        ("ks", "Kansas", "Kansas"),
        ("ky", "Kentucky", "Kentucky"),
        ("la", "Louisiana", "Louisiane"),
        ("me", "Maine", "Maine"),
        ("md", "Maryland", "Maryland"),
        ("ma", "Massachusetts", "Massachusetts"),
        ("mi", "Michigan", "Michigan"),
        ("mn", "Minnesota", "Minnesota"),
        ("ms", "Mississippi", "Mississippi"),
        ("mo", "Missouri", "Missouri"),
        ("mt", "Montana", "Montana"),
        ("ne", "Nebraska", "Nebraska"),
        ("nv", "Nevada", "Nevada"),
        ("nh", "New Hampshire", "New Hampshire"),
        ("nj", "New Jersey", "New Jersey"),
        ("nm", "New Mexico", "Nouveau-Mexique"),
        ("ny", "New York", "New York"),
        ("nc", "North Carolina", "Caroline du Nord"),
        ("nd", "North Dakota", "Dakota du Nord"),
        ("oh", "Ohio", "Ohio"),
        ("ok", "Oklahoma", "Oklahoma"),
        ("or", "Oregon", "Oregon"),
        ("pa", "Pennsylvania", "Pennsylvanie"),
        ("ri", "Rhode Island", "Rhode Island"),
        ("sc", "South Carolina", "Caroline du Sud"),
        ("sd", "South Dakota", "Dakota du Sud"),
        ("tn", "Tennessee", "Tennessee"),
        ("tx", "Texas", "Texas"),
        ("ut", "Utah", "Utah"),
        ("vt", "Vermont", "Vermont"),
        ("va", "Virginia", "Virginie"),
        ("wa", "Washington", "Washington"),
        ("wv", "West Virginia", "Virginie-Occidentale"),
        ("wi", "Wisconsin", "Wisconsin"),
        ("wy", "Wyoming", "Wyoming"),
    ),
}

COUNTRY_NAMES = {"ca": ("Canada", "Canada"), "us": ("United States", "États-Unis")}

# Canada Post: no D, F, I, O, Q or U; no W or Z first. USPS: ZIP or ZIP+4.
_POSTAL = {
    "ca": re.compile(r"^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$"),
    "us": re.compile(r"^\d{5}(-\d{4})?$"),
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[+\d][\d\s().-]{6,19}$")

REQUIRED = ("first_name", "last_name", "address_1", "city", "province", "postal_code", "country_code")


@dataclass(frozen=True)
class Choice:
    code: str
    name: str


def provinces(country: str, lang: str) -> list[Choice]:
    index = 2 if lang == "fr" else 1
    return sorted((Choice(row[0], row[index]) for row in PROVINCES.get(country, ())), key=lambda c: c.name)


def countries(codes: list[str], lang: str) -> list[Choice]:
    """The region's countries we have address rules for, named in the shopper's language."""
    index = 1 if lang == "fr" else 0
    return [Choice(code, COUNTRY_NAMES[code][index]) for code in codes if code in COUNTRY_NAMES]


def normalize_postal_code(country: str, value: str) -> str:
    value = " ".join(value.upper().split())
    if country == "ca":
        compact = value.replace(" ", "")
        return f"{compact[:3]} {compact[3:]}" if len(compact) == 6 else value
    return value


def clean_address(form: dict[str, str]) -> dict[str, str]:
    """Trimmed values, lower-case codes, canonical postal code; empty fields dropped."""
    cleaned = {k: " ".join(str(v).split()) for k, v in form.items() if str(v).strip()}
    if "country_code" in cleaned:
        cleaned["country_code"] = cleaned["country_code"].lower()
    if "province" in cleaned:
        cleaned["province"] = cleaned["province"].lower()
    if "postal_code" in cleaned:
        cleaned["postal_code"] = normalize_postal_code(
            cleaned.get("country_code", ""), cleaned["postal_code"]
        )
    return cleaned


def address_errors(address: dict[str, str], allowed_countries: list[str], lang: str) -> dict[str, str]:
    """Field name → message for every problem in a cleaned address (empty when it is valid)."""
    t = gettext(lang)
    errors = {name: t("Required") for name in REQUIRED if not address.get(name)}
    country = address.get("country_code", "")
    if country and country not in allowed_countries:
        errors["country_code"] = t("We do not ship to this country from your region.")
    province = address.get("province")
    if province and country in PROVINCES and province not in {row[0] for row in PROVINCES[country]}:
        errors["province"] = t("Choose a province or state from the list.")
    postal = address.get("postal_code")
    if postal and country in _POSTAL and not _POSTAL[country].match(postal):
        errors["postal_code"] = (
            t("Enter a Canadian postal code like H2X 1Y4.")
            if country == "ca"
            else t("Enter a ZIP code like 10001.")
        )
    phone = address.get("phone")
    if phone and not _PHONE.match(phone):
        errors["phone"] = t("Enter a phone number with digits only, e.g. 514 555 0100.")
    return errors


def email_error(email: str, lang: str) -> str:
    t = gettext(lang)
    email = email.strip()
    if not email:
        return t("Required")
    return "" if _EMAIL.match(email) else t("Enter an email address like name@example.com.")
