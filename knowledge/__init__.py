"""Enlace knowledge base: curated bilingual articles, contacts, checker and search.

Other packages use only what is exported here; the YAML layout is described in
knowledge/README.md.
"""

from datetime import date
from pathlib import Path

from knowledge.base import KnowledgeBase
from knowledge.labels import topic_label
from knowledge.loader import KnowledgeBaseError, Problem, load_knowledge_base
from knowledge.models import Article, Contact, LocalizedText, Source, Topic
from knowledge.search import ArticleIndex, SearchHit

__all__ = [
    "Article",
    "ArticleIndex",
    "Contact",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "LocalizedText",
    "Problem",
    "SearchHit",
    "Source",
    "Topic",
    "check_knowledge_base",
    "load_knowledge_base",
    "topic_label",
]


def check_knowledge_base(
    root: Path | None = None, today: date | None = None, *, taxonomy_path: Path | None = None
) -> list[Problem]:
    """See knowledge.checker.check_knowledge_base; imported lazily so that
    `python -m knowledge.checker` does not import its own module twice."""
    from knowledge.checker import check_knowledge_base as check

    return check(root, today, taxonomy_path=taxonomy_path)
