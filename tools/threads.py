"""Scoring of multi-turn conversations (`make score` on a TSV with a `conversation` column).

Every turn is labelled with what should happen (`expect`): a topic id, `ask_country`,
`ask_origin`, `no_article` (an honest gap), `menu` (the MENU keyword's list) or `more` (the
next part of the last answer); optionally the articles that fit (`article`, `|`-separated),
parts of article ids that would answer another situation (`avoid`, such as `h2` for a person
who never mentioned a visa) and, when the turn answers the bot's "where?", the `place`.
Thread-keeping is what the figures measure: the place understood when answered, no question
asked twice, follow-ups answered in context, menus rare, no wrong-situation article, no
reply sent twice in a row (`same reply`: turns whose reply is the previous turn's, word for
word).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

MORE_MAX_SEGMENTS = 3
ASKS = ("asks where", "asks origin")
UNSURE = ("offers topics", "other")


@dataclass(frozen=True)
class Turn:
    label: dict[str, str]
    result: dict[str, Any]
    kind: str  # how the bot answered: see tools.score.first_answer

    @property
    def article(self) -> str:
        return str(self.result.get("article_id") or "")

    def wrong_situation(self) -> bool:
        avoid = [part for part in (self.label.get("avoid") or "").split("|") if part]
        return any(part in self.article for part in avoid)

    def is_menu(self) -> bool:
        """An "I'm not sure, is it one of these?" reply the person did not ask for."""
        return self.kind == "offers topics" and self.label["expect"] != "menu"

    def right(self) -> bool:
        expect = self.label["expect"]
        if self.wrong_situation():
            return False
        if expect == "ask_country":
            return self.kind == "asks where"
        if expect == "ask_origin":
            return self.kind == "asks origin"
        if expect == "no_article":
            return self.kind == "no article"
        if expect == "menu":
            return "1" in (self.result.get("reply") or "") and not self.article
        if expect == "more":
            segments = int(self.result.get("sms_segments") or 0)
            return 0 < segments <= MORE_MAX_SEGMENTS and len(self.result.get("reply") or "") > 80
        if self.result.get("topic") != expect:
            return False
        articles = [a for a in (self.label.get("article") or "").split("|") if a]
        if articles:
            return self.article in articles
        return self.kind not in UNSURE or expect in ("greet", "thanks", "goodbye", "human_agent")

    def place_understood(self) -> bool:
        return self.kind not in (*ASKS, "offers topics")


def repeats(conversation: list[Turn]) -> int:
    """Turns answered with the very text the turn before was answered with."""
    replies = [str(turn.result.get("reply") or "") for turn in conversation]
    return sum(1 for before, now in pairwise(replies) if now and now == before)


def _share(hits: list[bool]) -> str:
    if not hits:
        return "  -  "
    return f"{sum(hits) / len(hits):.3f} ({sum(hits)}/{len(hits)})"


def report(
    labels: list[dict[str, str]],
    results: list[dict[str, Any]],
    kind_of: Callable[[dict[str, Any]], str],
) -> None:
    pairs = zip(labels, results, strict=True)
    turns = [Turn(label, result, kind_of(result)) for label, result in pairs]
    by_conversation: dict[str, list[Turn]] = defaultdict(list)
    for turn in turns:
        by_conversation[turn.label["conversation"]].append(turn)
    groups: dict[tuple[str, str], list[list[Turn]]] = defaultdict(list)
    for conversation in by_conversation.values():
        first = conversation[0].label
        for split in (first.get("split") or "all", "all"):
            groups[(first["language"], split)].append(conversation)
    print("conversations (thread-keeping)")
    print(
        "  lang split     turns right            conversations right   menus"
        "                 place understood      follow-ups right      asked twice"
        "  wrong situation  same reply"
    )
    for (language, split), conversations in sorted(groups.items()):
        flat = [turn for conversation in conversations for turn in conversation]
        follow = [t for c in conversations for t in c[1:] if not t.label.get("place")]
        twice = sum(1 for c in conversations if sum(t.kind == "asks where" for t in c) > 1)
        repeated = sum(repeats(c) for c in conversations)
        print(
            f"  {language:<4} {split:<9}"
            f" {_share([t.right() for t in flat]):<22}"
            f" {_share([all(t.right() for t in c) for c in conversations]):<21}"
            f" {_share([t.is_menu() for t in flat]):<21}"
            f" {_share([t.place_understood() for t in flat if t.label.get('place')]):<21}"
            f" {_share([t.right() for t in follow]):<21}"
            f" {twice:<12} {sum(t.wrong_situation() for t in flat):<16} {repeated}"
        )
    misses = [t for t in turns if not t.right() and t.label.get("split") != "heldout"]
    print(f"wrong turns outside the held-out split ({len(misses)}):")
    for t in misses:
        label, got = t.label, t.result
        print(
            f"  {label['conversation']} {label['expect']:>22} -> {got.get('topic')!s:<22}"
            f" {t.kind:<13} {t.article or '-':<34} {label['text'][:50]}"
        )
