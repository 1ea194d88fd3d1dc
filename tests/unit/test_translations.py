"""Every fixed text in the code has its Spanish and English translation, and nothing more.

Texts are found the way `make i18n` finds them: Babel's extraction with babel.cfg and the
Makefile's keywords, over every package. A text added in code without a translation fails
here, before a person could get a MissingTranslation instead of a reply.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[2]
NOT_EXTRACTED = {"tests"}  # tools/ is scanned too: a text there would need a catalog
PLACEHOLDER = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")

# (msgid, msgctxt): how a catalog keys a message; a plural is keyed by its singular.
Key = tuple[str, str | None]


def _make_variable(name: str) -> list[str]:
    """`NAME := words` from the Makefile, the one place the i18n settings live."""
    found = re.search(rf"^{name} := (.*)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert found, f"the Makefile defines {name}"
    return shlex.split(found[1])


PACKAGES = _make_variable("I18N_PACKAGES")
LOCALES = _make_variable("I18N_LOCALES")


def _keywords() -> dict[str, Any]:
    """pybabel's default keywords plus the Makefile's `-k` ones, as `pybabel extract` does."""
    flags = _make_variable("I18N_KEYWORDS")
    named = [value for flag, value in zip(flags[::2], flags[1::2], strict=True) if flag == "-k"]
    return {**DEFAULT_KEYWORDS, **parse_keywords(named)}


def extracted(directory: Path) -> dict[Key, str]:
    """The texts the code under `directory` marks, keyed as a catalog keys them."""
    with (ROOT / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: dict[Key, str] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
        directory, method_map, options_map, keywords=_keywords()
    ):
        singular = message[0] if isinstance(message, tuple) else message
        found[(singular, context)] = f"{directory.name}/{filename}:{lineno}"
    return found


def catalog(directory: Path, locale: str) -> Catalog:
    with (directory / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=locale)


def _forms(text: str | tuple[str, ...] | list[str] | None) -> list[str]:
    """A msgid's or msgstr's forms: one, or one per plural form."""
    if isinstance(text, tuple | list):
        return list(text)
    return [text or ""]


def _key(entry: Message) -> Key:
    return _forms(entry.id)[0], entry.context


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def _placeholders_fit(entry: Message) -> bool:
    """A translation names the values its text names (a plural form may leave one out)."""
    named = set().union(*map(_placeholders, _forms(entry.id)))
    strings = [string for string in _forms(entry.string) if string]
    if isinstance(entry.id, tuple | list):
        return all(_placeholders(string) <= named for string in strings)
    return all(_placeholders(string) == named for string in strings)


def untranslated(texts: dict[Key, str], catalogs: Path, locale: str) -> list[str]:
    """Texts with no usable translation: absent, empty (any plural form) or fuzzy."""
    entries = catalog(catalogs, locale)
    problems = []
    for (message, context), where in texts.items():
        entry = entries.get(message, context)
        if entry is None or entry.fuzzy or not all(_forms(entry.string)):
            problems.append(f"{where} {message!r}")
    return problems


def stale(texts: Iterable[Key], catalogs: Path, locale: str) -> list[str]:
    """Catalog entries for texts the code no longer has (obsolete `#~` entries aside)."""
    keys = set(texts)
    return [
        repr(entry.id)
        for entry in catalog(catalogs, locale)
        if entry.id and _key(entry) not in keys
    ]


def _hint(package: str) -> str:
    return (
        f"\nRun `make i18n`, then write the missing msgstr in "
        f"{package}/translations/{{es,en}}/LC_MESSAGES/messages.po (README, 'Texts and "
        "translations')."
    )


def _code_packages() -> list[str]:
    return sorted(
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in NOT_EXTRACTED
    )


@pytest.mark.parametrize("package", PACKAGES)
@pytest.mark.parametrize("locale", LOCALES)
def test_every_text_in_the_code_is_translated(package: str, locale: str) -> None:
    texts = extracted(ROOT / package)
    assert texts, f"{package} is in I18N_PACKAGES but marks no text"
    missing = untranslated(texts, ROOT / package / "translations", locale)
    assert missing == [], f"no {locale} translation for:\n" + "\n".join(missing) + _hint(package)


@pytest.mark.parametrize("package", PACKAGES)
@pytest.mark.parametrize("locale", LOCALES)
def test_no_catalog_keeps_a_text_the_code_no_longer_has(package: str, locale: str) -> None:
    """A stale msgid is usually a text whose English changed without `make i18n`: its
    translation still sits under the old wording, where nobody reviews it. Failing costs one
    `make i18n` (which drops stale entries); warning would let them pile up unread."""
    left = stale(extracted(ROOT / package), ROOT / package / "translations", locale)
    assert left == [], f"{package} {locale} catalog has texts no code uses:\n" + "\n".join(left)


@pytest.mark.parametrize("package", PACKAGES)
@pytest.mark.parametrize("locale", LOCALES)
def test_a_translation_keeps_the_placeholders_of_its_text(package: str, locale: str) -> None:
    entries = catalog(ROOT / package / "translations", locale)
    wrong = [entry.id for entry in entries if entry.id and not _placeholders_fit(entry)]
    assert wrong == [], f"{package} {locale}: these translations name other {{placeholders}}"


def test_every_package_that_writes_texts_has_catalogs() -> None:
    without = [
        package
        for package in _code_packages()
        if package not in PACKAGES and extracted(ROOT / package)
    ]
    assert without == [], f"add {without} to I18N_PACKAGES in the Makefile, then `make i18n`"


def _write_catalog(directory: Path, locale: str, entries: dict[str, str]) -> None:
    built = Catalog(locale=locale)
    for message, string in entries.items():
        built.add(message, string)
    po = directory / locale / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    with po.open("wb") as handle:
        write_po(handle, built)


def test_the_check_sees_a_text_added_in_code_without_a_translation(tmp_path: Path) -> None:
    package = tmp_path / "planted"
    package.mkdir()
    (package / "__init__.py").write_text(
        "from core.i18n import N_\n"
        'KNOWN = N_("Known.")\n'
        "def reply(texts, language):\n"
        '    return texts.translate(language, "New, {name}.", name="Ana")\n'
    )
    _write_catalog(tmp_path / "translations", "es", {"Known.": "Sabido.", "Gone.": "Ido."})
    texts = extracted(package)
    assert set(texts) == {("Known.", None), ("New, {name}.", None)}
    assert untranslated(texts, tmp_path / "translations", "es") == [
        "planted/__init__.py:4 'New, {name}.'"
    ]
    assert stale(texts, tmp_path / "translations", "es") == ["'Gone.'"]
