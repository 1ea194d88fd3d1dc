"""Reading the knowledge-base files into validated models.

Every file is read on its own and every problem is collected, so one broken article gives
the editor one precise message (file, field, line) instead of hiding the rest. The app uses
`load_knowledge_base`, which refuses to start on a structurally broken knowledge base (a
`{{contact-id}}` that names no contact included) and gives every consumer articles whose
help lines are already filled in from the directory; the checker uses
`read_knowledge_files`, the articles as written, to add its content rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from knowledge.base import KnowledgeBase
from knowledge.models import LANGUAGES, Article, Contact, Topic
from knowledge.references import reference_problem, references, render_article
from knowledge.taxonomy import PACKAGE_DIR, TaxonomyError, default_taxonomy_path, load_taxonomy
from knowledge.yamlfile import Loc, YamlDocument, YamlFileError, read_yaml

Severity = Literal["ERROR", "WARNING"]


@dataclass(frozen=True, order=True)
class Problem:
    """One finding about one file, printed as `ERROR <file>: <field>: <message>`."""

    path: str
    severity: Severity
    message: str
    field: str | None = None
    line: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == "ERROR"

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        at = f" (line {self.line})" if self.line is not None and self.field else ""
        if self.line is not None and not self.field:
            where = f"line {self.line}: "
        return f"{self.severity} {self.path}: {where}{self.message}{at}"


class KnowledgeBaseError(Exception):
    """The knowledge base cannot be used; `problems` says which file and field is wrong."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        listing = "\n".join(str(problem) for problem in problems)
        super().__init__(f"{len(problems)} problem(s) in the knowledge base:\n{listing}")


@dataclass(frozen=True)
class ArticleFile:
    """A valid article with where it was read from, so later rules can point at it."""

    article: Article
    path: Path
    display: str
    document: YamlDocument


@dataclass(frozen=True)
class ContactEntry:
    """A valid contact with its position in contacts.yml."""

    contact: Contact
    index: int
    display: str
    document: YamlDocument


@dataclass
class KnowledgeFiles:
    """Everything read from disk, valid parts and problems side by side."""

    root: Path
    topics: dict[str, Topic] = field(default_factory=dict)
    articles: list[ArticleFile] = field(default_factory=list)
    contacts: list[ContactEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Files and contact ids that exist but failed validation: their own error is reported,
    # so rules about coverage and references count them instead of reporting them again.
    invalid_files: list[Path] = field(default_factory=list)
    invalid_contact_ids: set[str] = field(default_factory=set)

    def contacts_by_id(self) -> dict[str, Contact]:
        return {entry.contact.id: entry.contact for entry in self.contacts}


def load_knowledge_base(
    root: Path | None = None, *, taxonomy_path: Path | None = None
) -> KnowledgeBase:
    """Load and validate the knowledge base; raise KnowledgeBaseError listing every error."""
    files = read_knowledge_files(root, taxonomy_path=taxonomy_path)
    errors = [problem for problem in files.problems if problem.is_error]
    if errors:
        raise KnowledgeBaseError(errors)
    contacts = files.contacts_by_id()
    return KnowledgeBase(
        topics=files.topics,
        articles=[render_article(entry.article, contacts) for entry in files.articles],
        contacts=contacts.values(),
    )


def read_knowledge_files(
    root: Path | None = None, *, taxonomy_path: Path | None = None
) -> KnowledgeFiles:
    """Read taxonomy, articles and contacts; never raises for a bad file."""
    root = Path(root) if root is not None else PACKAGE_DIR
    files = KnowledgeFiles(root=root)
    taxonomy = Path(taxonomy_path) if taxonomy_path else default_taxonomy_path(root)
    try:
        files.topics = load_taxonomy(taxonomy)
    except TaxonomyError as exc:
        files.problems.append(Problem(str(taxonomy), "ERROR", str(exc)))
        return files
    _read_articles(files)
    _read_contacts(files)
    _check_references(files)
    return files


def display_path(root: Path, path: Path) -> str:
    """Path as the editor sees it from the repository: knowledge/articles/wages/x.yml."""
    try:
        return path.resolve().relative_to(root.resolve().parent).as_posix()
    except ValueError:
        return path.as_posix()


def _read_articles(files: KnowledgeFiles) -> None:
    articles_dir = files.root / "articles"
    if not articles_dir.is_dir():
        files.problems.append(
            Problem(display_path(files.root, articles_dir), "ERROR", "articles folder missing")
        )
        return
    for path in sorted(articles_dir.rglob("*.yaml")):
        files.problems.append(
            Problem(display_path(files.root, path), "WARNING", "ignored: rename it to .yml")
        )
    context = {"topics": frozenset(files.topics)}
    for path in sorted(articles_dir.rglob("*.yml")):
        display = display_path(files.root, path)
        document = _read_document(path, display, files.problems)
        if document is None:
            files.invalid_files.append(path)
            continue
        try:
            article = Article.model_validate(document.data, context=context)
        except ValidationError as exc:
            files.problems.extend(_validation_problems(exc, display, document))
            files.invalid_files.append(path)
            continue
        files.articles.append(ArticleFile(article, path, display, document))
    _report_duplicates(
        [(e.article.id, e.display, e.document.line(("id",))) for e in files.articles],
        files.problems,
        "article",
    )


def _read_contacts(files: KnowledgeFiles) -> None:
    path = files.root / "contacts.yml"
    display = display_path(files.root, path)
    if not path.is_file():
        files.problems.append(Problem(display, "ERROR", "contacts file missing"))
        return
    document = _read_document(path, display, files.problems)
    if document is None:
        return
    data = document.data
    if not isinstance(data, dict) or not isinstance(data.get("contacts"), list):
        files.problems.append(Problem(display, "ERROR", "expected a `contacts:` list"))
        return
    for key in sorted(set(data) - {"contacts"}, key=str):
        line = document.line((str(key),))
        files.problems.append(Problem(display, "ERROR", "unknown field", str(key), line))
    for index, raw in enumerate(data["contacts"]):
        try:
            contact = Contact.model_validate(raw)
        except ValidationError as exc:
            files.problems.extend(_validation_problems(exc, display, document, ("contacts", index)))
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                files.invalid_contact_ids.add(raw["id"])
            continue
        files.contacts.append(ContactEntry(contact, index, display, document))
    _report_duplicates(
        [(e.contact.id, e.display, e.document.line(("contacts", e.index))) for e in files.contacts],
        files.problems,
        "contact",
    )


def _check_references(files: KnowledgeFiles) -> None:
    """Every {{contact-id.field}} of titles and answers must render. References to a contact
    that failed validation are left alone: its own error is already reported."""
    contacts = files.contacts_by_id()
    for entry in files.articles:
        for language in LANGUAGES:
            localized = entry.article.localized(language)
            for name in ("title", "short", "full"):
                for reference in references(getattr(localized, name)):
                    if reference.contact_id in files.invalid_contact_ids:
                        continue
                    problem = reference_problem(reference, contacts)
                    if problem is None:
                        continue
                    line = entry.document.line_of(reference.raw, (language, name))
                    files.problems.append(
                        Problem(entry.display, "ERROR", problem, f"{language}.{name}", line)
                    )


def _read_document(path: Path, display: str, problems: list[Problem]) -> YamlDocument | None:
    try:
        document = read_yaml(path)
    except YamlFileError as exc:
        problems.append(Problem(display, "ERROR", exc.message, line=exc.line))
        return None
    if not isinstance(document.data, dict):
        problems.append(Problem(display, "ERROR", "expected a YAML mapping (key: value lines)"))
        return None
    return document


def _report_duplicates(
    entries: list[tuple[str, str, int | None]], problems: list[Problem], kind: str
) -> None:
    first_seen: dict[str, str] = {}
    for item_id, display, line in entries:
        if item_id in first_seen:
            message = f"duplicate {kind} id {item_id!r} (also in {first_seen[item_id]})"
            problems.append(Problem(display, "ERROR", message, "id", line))
        else:
            first_seen[item_id] = display


def _validation_problems(
    exc: ValidationError, display: str, document: YamlDocument, prefix: Loc = ()
) -> list[Problem]:
    problems = []
    for error in exc.errors(include_url=False):
        loc: Loc = (*prefix, *error["loc"])
        problems.append(
            Problem(display, "ERROR", _message(error), _field_name(loc) or None, document.line(loc))
        )
    return problems


def _field_name(loc: Loc) -> str:
    name = ""
    for part in loc:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name


def _message(error: ErrorDetails) -> str:
    kind = error["type"]
    given: Any = error.get("input")
    if kind == "missing":
        return "missing (required field)"
    if kind == "extra_forbidden":
        return "unknown field (a typo? see knowledge/README.md)"
    if kind == "string_type" and isinstance(given, bool | int | float):
        return f"must be text, YAML read {given!r}: put the value in quotes"
    if kind == "too_short" and isinstance(given, list | tuple) and not given:
        return "must not be empty"
    message = str(error["msg"])
    return message.removeprefix("Value error, ")
