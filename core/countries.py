"""Where a person works, from a short answer like "en españa" or "usa"."""

from __future__ import annotations

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
}
MAX_WORDS = 6


def parse_country(text: str) -> str | None:
    """The ISO code of the one country a short answer names; None when unclear."""
    normalized = " " + normalize_for_nlu(text).replace(".", " ").strip(" !?¡¿") + " "
    if len(normalized.split()) > MAX_WORDS:
        return None
    found = {
        code
        for code, names in NAMES.items()
        if any(
            f" {normalize_for_nlu(name).replace('.', ' ').strip()} " in normalized for name in names
        )
    }
    return found.pop() if len(found) == 1 else None
