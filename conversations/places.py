"""Where a person works: from a short answer like "en españa", or named inside a question."""

from __future__ import annotations

import re

from core.text import normalize_for_nlu

# Destination countries the knowledge base distinguishes, as people name them.
NAMES: dict[str, tuple[str, ...]] = {
    "US": (
        "estados unidos",
        "eeuu",
        "ee uu",
        "e.u.",
        "usa",
        "us",
        "united states",
        "the states",
        "gringolandia",
        "el norte",
        "america",
    ),
    "CA": ("canada", "canadaa", "kanada"),
    "ES": ("espana", "spain", "espanya"),
    "MX": ("mexico", "mejico", "mx"),
    "CL": ("chile", "en chile", "chilito"),
    "AR": ("argentina", "argentine", "arg", "la argentina"),
}
MAX_WORDS = 6


_ANSWER_NAMES = {
    code: tuple(f" {normalize_for_nlu(name).replace('.', ' ').strip()} " for name in names)
    for code, names in NAMES.items()
}


def _the_one_named(text: str, names: dict[str, tuple[str, ...]]) -> str | None:
    """The one code whose names (each padded with spaces) occur in `text`; None for 0 or 2+."""
    found = {code for code, padded in names.items() if any(name in text for name in padded)}
    return found.pop() if len(found) == 1 else None


def parse_country(text: str) -> str | None:
    """The ISO code of the one country a short answer names; None when unclear."""
    normalized = " " + normalize_for_nlu(text).replace(".", " ").strip(" !?¡¿") + " "
    if len(normalized.split()) > MAX_WORDS:
        return None
    return _the_one_named(normalized, _ANSWER_NAMES)


# Names, regions and programmes that place a question in one destination country when they
# appear inside a longer message ("con la h2a en georgia…"). Bare words that are also
# ordinary words ("us", "america", "el norte") are left out, and so is Mexico: it is where
# most people come from, so naming it says nothing about where the question is set.
MENTIONS: dict[str, tuple[str, ...]] = {
    "US": (
        "estados unidos",
        "eeuu",
        "ee uu",
        "eua",
        "usa",
        "united states",
        "the states",
        "h2a",
        "h 2a",
        "h2b",
        "h 2b",
        "california",
        "texas",
        "florida",
        "georgia",
        "north carolina",
        "carolina del norte",
        "arizona",
        "washington",
        "oregon",
        "new york",
        "nueva york",
        "illinois",
        "chicago",
        "houston",
        "los angeles",
        "louisiana",
        "luisiana",
        "wisconsin",
        "michigan",
        "kentucky",
        "idaho",
        "colorado",
        "nevada",
        "new jersey",
        "nueva jersey",
    ),
    "CA": (
        "canada",
        "ontario",
        "quebec",
        "british columbia",
        "columbia britanica",
        "alberta",
        "manitoba",
        "saskatchewan",
        "nova scotia",
        "nueva escocia",
        "leamington",
        "toronto",
        "vancouver",
        "montreal",
        "sawp",
        "ptat",
    ),
    "ES": (
        "espana",
        "spain",
        "madrid",
        "barcelona",
        "huelva",
        "almeria",
        "murcia",
        "sevilla",
        "lleida",
        "cataluna",
        "andalucia",
        "gecco",
    ),
    # Chile and Argentina: the bare word "chile" is also a pepper, so only "in Chile" and
    # places count; cities that share a name with one in Spain (Cordoba) or elsewhere
    # (Santiago, Rosario, Santa Fe, Concepcion) are left out.
    "CL": (
        *("en chile", "a chile", "para chile", "desde chile", "de chile", "in chile"),
        *("to chile", "santiago de chile", "valparaiso", "vina del mar", "antofagasta"),
        *("iquique", "arica", "calama", "temuco", "rancagua", "puerto montt", "talca"),
        *("coquimbo", "la serena", "copiapo", "atacama", "tarapaca", "araucania"),
        *("biobio", "bio bio", "los lagos", "magallanes", "punta arenas", "ohiggins"),
    ),
    "AR": (
        *("argentina", "buenos aires", "bs as", "bsas", "caba", "capital federal"),
        *("conurbano", "la plata", "mar del plata", "mendoza", "tucuman", "salta"),
        *("jujuy", "neuquen", "entre rios", "chubut", "rio negro", "bahia blanca"),
        *("ushuaia", "tierra del fuego", "la matanza", "moron", "quilmes"),
    ),
}
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def _words(text: str) -> str:
    """' h 2a en ee uu ': lowercase words between single spaces, for whole-word matching."""
    return " " + _NOT_WORD.sub(" ", normalize_for_nlu(text)).strip() + " "


_MENTION_WORDS = {code: tuple(_words(n) for n in names) for code, names in MENTIONS.items()}


def mentioned_country(text: str) -> str | None:
    """The one destination country a message names, as an ISO code; None for none or several.

    "trabajo en canada y no me pagan" is about Canada, so the bot answers for Canada instead
    of asking where the person works; "trabaje en usa y ahora voy a españa" names two, so
    it still asks.
    """
    return _the_one_named(_words(text), _MENTION_WORDS)


# Where a person comes from, as people say it inside a message. A country's bare name counts
# for the countries Enlace serves that are nobody's destination in the knowledge base; Mexico
# is also a destination, so for it only a nationality or "soy de / from mexico" counts.
ORIGIN_MENTIONS: dict[str, tuple[str, ...]] = {
    "MX": (
        *("mexicano", "mexicana", "mexicanos", "mexicanas", "mexican", "mexicans"),
        *("soy de mexico", "somos de mexico", "from mexico"),
        # States people emigrate from; border and transit states say nothing about origin.
        *("michoacan", "jalisco", "zacatecas", "oaxaca", "puebla", "guanajuato", "veracruz"),
        *("durango", "sinaloa", "cdmx", "estado de mexico"),
    ),
    "GT": (
        *("guatemala", "guatemalteco", "guatemalteca", "guatemaltecos", "guatemaltecas"),
        *("guatemalan", "guatemalans", "chapin", "chapina", "huehuetenango", "quetzaltenango"),
    ),
    "HN": (
        *("honduras", "hondureno", "hondurena", "hondurenos", "hondurenas", "honduran"),
        *("hondurans", "catracho", "catracha", "tegucigalpa", "san pedro sula"),
    ),
    "SV": (
        *("el salvador", "salvadoreno", "salvadorena", "salvadorenos", "salvadorenas"),
        *("salvadoran", "salvadorans", "guanaco", "guanaca", "san salvador"),
    ),
    "NI": (
        *("nicaragua", "nicaraguense", "nicaraguenses", "nicaraguan", "nicaraguans", "nica"),
        "managua",
    ),
    "CO": (
        *("colombia", "colombiano", "colombiana", "colombianos", "colombianas", "colombian"),
        *("colombians", "bogota", "medellin", "barranquilla", "bucaramanga", "pereira"),
        *("cucuta", "antioquia", "valle del cauca", "paisa", "paisas", "colombiano"),
    ),
    "EC": (
        *("ecuador", "ecuatoriano", "ecuatoriana", "ecuatorianos", "ecuatorianas"),
        *("ecuadorian", "ecuadorians", "quito", "guayaquil", "loja", "azuay", "manabi"),
        *("canar", "riobamba", "ambato", "santo domingo de los tsachilas"),
    ),
    "PE": (
        *("peru", "peruano", "peruana", "peruanos", "peruanas", "peruvian", "peruvians"),
        *("lima", "arequipa", "cusco", "cuzco", "trujillo", "chiclayo", "piura", "puno"),
        *("huancayo", "iquitos", "tacna", "callao"),
    ),
    "BO": (
        *("bolivia", "boliviano", "boliviana", "bolivianos", "bolivianas", "bolivian"),
        *("bolivians", "cochabamba", "santa cruz de la sierra", "el alto", "oruro"),
        *("potosi", "tarija", "sucre"),
    ),
    "VE": (
        *("venezuela", "venezolano", "venezolana", "venezolanos", "venezolanas"),
        *("venezuelan", "venezuelans", "caracas"),
    ),
}
_ORIGIN_WORDS = {code: tuple(_words(n) for n in names) for code, names in ORIGIN_MENTIONS.items()}


def mentioned_origin(text: str) -> str | None:
    """The one country of origin a message names, as an ISO code; None for none or several.

    Articles for some origins only (Mexico's pension agreement with Spain, Guatemala's
    labour ministry) are chosen for a person who says where they are from.
    """
    return _the_one_named(_words(text), _ORIGIN_WORDS)


_ORIGIN_ANSWER_WORDS = {
    **_ORIGIN_WORDS,
    "MX": (*_ORIGIN_WORDS["MX"], _words("mexico"), _words("mejico")),
}


def parse_origin(text: str) -> str | None:
    """The country a short answer to "where are you from?" names ("de guatemala", "mexicana")."""
    words = _words(text)
    if len(words.split()) > MAX_WORDS:
        return None
    return _the_one_named(words, _ORIGIN_ANSWER_WORDS)
