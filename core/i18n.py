"""Fixed texts in Spanish and English from gettext catalogs, one set per package.

Each package that writes to people or officers keeps `translations/<locale>/LC_MESSAGES/
messages.po` (managed with `pybabel extract / update / compile`, see `make i18n`). The
compiled `.mo` is preferred; when it is missing or older than its `.po` (a fresh clone,
an edit not yet compiled) the `.po` is read instead, so a stale build never serves an old
text. A msgid missing from a catalog raises instead of falling back silently to English:
a person must never get a reply in a language they did not write in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

LOCALES: Final = ("es", "en")
DOMAIN: Final = "messages"


def N_(message: str) -> str:
    """Marks a text for extraction where it is defined but translated where it is used."""
    return message


class MissingTranslation(LookupError):
    """A text has no translation in a catalog: a build or catalog error, never shown."""


def catalog_path(directory: Path, locale: str, suffix: str) -> Path:
    return directory / locale / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def load_catalog(directory: Path, locale: str) -> Catalog:
    """The compiled catalog, or the source one when the compiled one is missing or stale."""
    po, mo = catalog_path(directory, locale, ".po"), catalog_path(directory, locale, ".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as handle:
            return read_mo(handle)
    with po.open("rb") as handle:
        return read_po(handle, locale=locale, domain=DOMAIN)


@dataclass(frozen=True)
class Texts:
    """The catalogs of one package: `texts.translate("es", "Sorry, …")` is that text in Spanish."""

    directory: Path
    locales: tuple[str, ...] = LOCALES
    _catalogs: Mapping[str, Catalog] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        catalogs = {locale: load_catalog(self.directory, locale) for locale in self.locales}
        object.__setattr__(self, "_catalogs", catalogs)

    def translate(self, locale: str, message: str, **values: object) -> str:
        catalog = self._catalogs.get(locale)
        if catalog is None:
            raise MissingTranslation(f"no {locale!r} catalog in {self.directory}")
        entry = catalog.get(message)
        translated = entry.string if entry is not None and not entry.fuzzy else ""
        if not isinstance(translated, str) or not translated:
            raise MissingTranslation(f"{message!r} has no {locale!r} translation")
        return translated.format(**values) if values else translated

    def all(self, message: str, **values: object) -> dict[str, str]:
        """The text in every locale, for code that hands both languages on."""
        return {locale: self.translate(locale, message, **values) for locale in self.locales}
