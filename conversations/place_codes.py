"""Places written as codes: a state's or province's postal code ("NC", "dallas tx", "N.C.",
"now in BC"), a state's or province's name cut short with a dot ("Wash.", "Calif."), a flag
emoji, a telephone area code ("aqui en el 559") or a ZIP code ("mi zip es
93905"). Each found code comes with the country it places the person in.

Area codes are libphonenumber's (the `phonenumberslite` package, Google's metadata of the North
American Numbering Plan, Apache 2.0): a code valid for a fixed or mobile line of the US or
Canada places the person there; toll-free and unassigned codes say nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

import phonenumbers
import pycountry

from conversations.gazetteer import Tables, words
from conversations.place_aliases import ABBREVIATIONS_IN_CAPITALS, CODES_IN_MIXED_CASE

LONGEST_NAME: Final = 5  # words of a town's name before a code
# Words before a lowercase postal code that make it a state: "aqui en ga", "in wa"; not "de"
# ("de al lado" is next door).
CODE_WORDS: Final = ("en", "in")
# Words after a code that make it a state or province: "wa state", "grant county wa" (before).
STATE_WORDS: Final = ("state", "estado", "province", "provincia")
COUNTY_WORDS: Final = ("county", "co", "parish")
# Regional indicator symbols: a flag emoji is two of them, the country's ISO code.
_FLAG_A: Final = 0x1F1E6
# A three-digit number said as a place: "en el 559", "the 956", "area code 416", "lada 213".
_AREA_CODE = re.compile(r"\b(?:el|the|area|code|lada)\s+(\d{3})\b|\b(\d{3})\s+area\b")
# A ZIP code: the word says the US postal system ("mi zip es 93905", "zip code 27513").
_ZIP = re.compile(r"\bzip(?:\s*code)?\s+(?:es\s+|is\s+)?(\d{5})\b")
_NANP_LINE = (
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE,
    phonenumbers.PhoneNumberType.MOBILE,
)
_SAMPLE_LINE = "2345678"  # any seven digits a line may have after its area code


def codes(text: str, found: Tables) -> list[tuple[str, str]]:
    """Every code of an answer to "where do you work?", with its country."""
    plain = words(text)
    named = _postal_codes(text, found)
    named += [
        (f"area {code}", country) for code in _area_codes(plain) if (country := area_country(code))
    ]
    named += [(f"zip {code}", "US") for code in _ZIP.findall(plain)]
    named += _names_cut_short(text)
    return named


# "Wash.", "Calif.", "Tenn.": a state's or province's name cut short, capitalised and ended
# with a dot, as the AP style abbreviates them.
_CUT_SHORT = re.compile(r"(?<![\w.])([A-Z][a-z]{2,})\.")
CUT_SHORT_MIN_LETTERS: Final = 4  # "Que.", "Man.", "Ver." are words


def _names_cut_short(text: str) -> list[tuple[str, str]]:
    """The states and provinces an answer names cut short with a dot, when exactly one name
    of the US's states or Canada's provinces (ISO 3166-2) so begins: "Wash." is Washington,
    "Calif." California; "Miss." (Mississippi, Missouri) names none."""
    found = []
    for cut in _CUT_SHORT.findall(text):
        if len(cut) < CUT_SHORT_MIN_LETTERS:
            continue
        begun = [
            (name, country) for name, country in _region_names() if name.startswith(cut.lower())
        ]
        if len(begun) == 1:
            found.append(begun[0])
    return found


@lru_cache(maxsize=1)
def _region_names() -> tuple[tuple[str, str], ...]:
    """The US's states and Canada's provinces and territories, by name, with their country."""
    found = []
    for country in ("US", "CA"):
        subdivisions = pycountry.subdivisions.get(country_code=country)  # type: ignore[no-untyped-call]
        found += [
            (words(subdivision.name), country)
            for subdivision in subdivisions or ()
            if country == "CA" or subdivision.type == "State"
        ]
    return tuple(found)


def _area_codes(plain: str) -> list[str]:
    return [first or second for first, second in _AREA_CODE.findall(plain)]


@lru_cache(maxsize=1024)
def area_country(code: str) -> str | None:
    """The country (US or CA) whose lines have this area code, or None."""
    number = phonenumbers.parse(f"+1{code}{_SAMPLE_LINE}")
    if (
        not phonenumbers.is_valid_number(number)
        or phonenumbers.number_type(number) not in _NANP_LINE
    ):
        return None
    country = phonenumbers.region_code_for_number(number)
    return country if country in ("US", "CA") else None


def _postal_codes(text: str, found: Tables) -> list[tuple[str, str]]:
    """The postal codes in a short answer, each with its country: "NC", "im in NC rn", "dallas
    tx", "upstate ny", "now in BC", "en LA en la costura".

    A US code written in capitals counts anywhere in the answer; in lowercase too, unless it
    is also a word people write ("co", "pa", "ma"): then only in capitals, and a Canadian
    province's symbol likewise ("bc"). "LA", "NS" count only in capitals inside a text written
    in lowercase: "la" is the article, "ns" is "no sé"."""
    codes = []
    mixed_case = any(ch.islower() for ch in text)
    tokens = text.replace(",", " ").split()
    for at, token in enumerate(tokens):
        bare = token.strip(".!?")
        code = bare.lower().replace(".", "")
        # "N.C.", "b.c.": dots say it is an abbreviation, as capitals do.
        capitals = (bare.isupper() or "." in token[:-1]) and len(code) == 2
        if code in found.abbreviations and at and words(tokens[at - 1]) in CODE_WORDS:
            capitals = capitals or code != "mi"  # "en mi casa"
        following = words(tokens[at + 1]) if at + 1 < len(tokens) else ""
        if code in found.abbreviations and following in STATE_WORDS:
            capitals = True
        if code in found.every_code and at and words(tokens[at - 1]) in COUNTY_WORDS:
            # "grant county wa", "essex county on": a county's state or province.
            codes.append((code, found.every_code[code]))
            continue
        if at and at == len(tokens) - 1 and (country := _code_after_town(tokens, found)):
            codes.append((code, country))
        elif code in CODES_IN_MIXED_CASE:
            if capitals and mixed_case:
                codes.append((code, found.every_code.get(code, "US")))
        elif code not in found.abbreviations:
            continue
        elif capitals or (
            code not in ABBREVIATIONS_IN_CAPITALS and found.abbreviations[code] == "US"
        ):
            codes.append((code, found.abbreviations[code]))
    return codes


def _code_after_town(tokens: list[str], found: Tables) -> str | None:
    """The country of a state's or province's code that ends an answer after a town of that
    country, even a code that is also a word: "kingsville on", "salem or"."""
    code = words(tokens[-1]).replace(" ", "")
    country = found.every_code.get(code)
    if country is None:
        return None
    before = words(" ".join(tokens[:-1])).split()
    for size in range(min(LONGEST_NAME, len(before)), 0, -1):
        if country in found.town_countries.get(" ".join(before[-size:]), ()):
            return country
    return None


def flags(text: str) -> list[str]:
    """The ISO codes of the flag emoji in `text` ("🇺🇸": US)."""
    letters = [
        chr(ord(ch) - _FLAG_A + ord("A")) if 0 <= ord(ch) - _FLAG_A < 26 else " " for ch in text
    ]
    pairs = "".join(letters).split()
    return [pair[at : at + 2] for pair in pairs for at in range(0, len(pair) - 1, 2)]
