"""Catalog loading: compiled or source catalogs, never a silent fallback to another language."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from core.i18n import MissingTranslation, Texts, catalog_path

HELLO = "Hello, {name}."


def _write(directory: Path, locale: str, entries: dict[str, str], *, compiled: bool) -> None:
    catalog = Catalog(locale=locale)
    for message, translation in entries.items():
        catalog.add(message, translation)
    po = catalog_path(directory, locale, ".po")
    po.parent.mkdir(parents=True, exist_ok=True)
    with po.open("wb") as handle:
        write_po(handle, catalog)
    if compiled:
        with catalog_path(directory, locale, ".mo").open("wb") as handle:
            write_mo(handle, catalog)


@pytest.fixture
def catalogs(tmp_path: Path) -> Path:
    _write(tmp_path, "es", {HELLO: "Hola, {name}."}, compiled=True)
    _write(tmp_path, "en", {HELLO: HELLO}, compiled=False)
    return tmp_path


def test_a_text_comes_in_the_language_asked_with_its_values(catalogs: Path) -> None:
    texts = Texts(catalogs)
    assert texts.translate("es", HELLO, name="Rosa") == "Hola, Rosa."
    assert texts.all(HELLO, name="Ana") == {"es": "Hola, Ana.", "en": "Hello, Ana."}


def test_a_text_missing_from_a_catalog_raises_instead_of_falling_back(catalogs: Path) -> None:
    with pytest.raises(MissingTranslation):
        Texts(catalogs).translate("es", "Goodbye.")


def test_an_empty_translation_counts_as_missing(tmp_path: Path) -> None:
    _write(tmp_path, "es", {HELLO: ""}, compiled=False)
    _write(tmp_path, "en", {HELLO: HELLO}, compiled=False)
    with pytest.raises(MissingTranslation):
        Texts(tmp_path).translate("es", HELLO)


def test_a_source_catalog_newer_than_its_compiled_one_wins(catalogs: Path) -> None:
    _write(catalogs, "es", {HELLO: "¡Hola, {name}!"}, compiled=False)
    po, mo = catalog_path(catalogs, "es", ".po"), catalog_path(catalogs, "es", ".mo")
    os.utime(mo, (po.stat().st_mtime - 10, po.stat().st_mtime - 10))
    assert Texts(catalogs).translate("es", HELLO, name="Rosa") == "¡Hola, Rosa!"


def test_an_unknown_language_raises(catalogs: Path) -> None:
    with pytest.raises(MissingTranslation):
        Texts(catalogs).translate("pt", HELLO)
