"""The knowledge base and its index, loaded once per process and shared by every action."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from knowledge import ArticleIndex, KnowledgeBase, load_knowledge_base


@dataclass(frozen=True)
class Library:
    kb: KnowledgeBase
    index: ArticleIndex


def load_library(root: Path) -> Library:
    kb = load_knowledge_base(root)
    return Library(kb=kb, index=ArticleIndex(kb))
