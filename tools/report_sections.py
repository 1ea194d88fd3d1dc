"""The sections of the evaluation report (tools/eval_report.py), as Markdown lines.

Each section reads one `Evaluation`: the labelled questions, Enlace's JSON lines and every
system's predictions in the same order. Texts of held-out and leaked questions never appear,
only counts.
"""

from __future__ import annotations

import statistics
from collections import Counter

from tools.chart import Group, bar_chart
from tools.evaluation import Evaluation, reported_split
from tools.metrics import Rate, accuracy, compare, confused_pairs, detection, percentile
from tools.score import UNSEEN_SPLITS, first_answer

ENLACE = "Enlace"
FIRST_ANSWER_KINDS = ("article", "asks where", "asks origin", "offers topics", "no article")
DASH = "\u2013"  # an en dash: an empty cell
SPLIT_NAMES = {"dev": "dev", "heldout": "held-out", "leaked": "leaked", "all": "all"}


def verdict(evaluation: Evaluation) -> list[str]:
    split, indices = reported_split(evaluation)
    lines = ["## Verdict", "", f"On the {split} split:", ""]
    others = [name for name in evaluation.systems if name != ENLACE]
    if not others:
        return [*lines, "No baselines in this run (`--no-baselines`)."]
    measures = {"topic accuracy": evaluation.topic_rate, "urgent recall": evaluation.urgent_recall}
    everywhere = True
    for language in evaluation.languages():
        mine = [i for i in indices if evaluation.rows[i].language == language]
        for what, measure in measures.items():
            ours, parts = measure(ENLACE, mine), []
            for name in others:
                theirs = measure(name, mine)
                result = compare(ours, theirs)
                everywhere = everywhere and result.word == "beats"
                how = "intervals apart" if result.clearly else "intervals overlap"
                parts.append(f"{result.word} {name} {theirs.short()} ({how})")
            lines.append(f"* **{language}** {what}: Enlace {ours.short()}; {'; '.join(parts)}")
    answer = "yes" if everywhere else "no"
    return [
        *lines,
        "",
        f"**Enlace beats both baselines on topic accuracy and urgent recall in each language: "
        f"{answer}.** Where the intervals overlap, the gap may be chance at this sample size.",
    ]


def chart(evaluation: Evaluation) -> str:
    split, indices = reported_split(evaluation)
    groups = []
    for language in evaluation.languages():
        mine = [i for i in indices if evaluation.rows[i].language == language]
        for what, measure in (
            ("topic", evaluation.topic_rate),
            ("urgent recall", evaluation.urgent_recall),
        ):
            rates = [measure(name, mine) for name in evaluation.systems]
            groups.append(Group(f"{language} {what}", rates))
    title = f"{split.capitalize()} split: topic accuracy and urgent recall (95 % intervals)"
    return bar_chart(title, list(evaluation.systems), groups)


def topic_accuracy(evaluation: Evaluation, chart_name: str) -> list[str]:
    names = list(evaluation.systems)
    lines = [
        "## Topic accuracy",
        "",
        f"![topic accuracy and urgent recall with 95 % intervals]({chart_name})",
        "",
        "The best-ranked topic, also when the system was unsure. Leaked rows are near-duplicates "
        "of training examples (tools/leaks.py): shown apart, never counted as held-out.",
        "",
        _header("language", "split", *names),
    ]
    for language in evaluation.languages():
        for split in evaluation.splits():
            cell = evaluation.cell(language, split)
            rates = [str(evaluation.topic_rate(name, cell)) for name in names]
            lines.append(_row(language, SPLIT_NAMES.get(split, split), *rates))
    return lines


def urgent_figures(evaluation: Evaluation) -> list[str]:
    names = list(evaluation.systems)
    lines = [
        "## Urgent messages",
        "",
        "Recall: urgent messages flagged / urgent messages. "
        "Precision: urgent messages flagged / messages flagged.",
        "",
    ]
    lines.append(
        _header(
            "language",
            "split",
            *(f"{name} recall" for name in names),
            *(f"{name} precision" for name in names),
        )
    )
    for language in evaluation.languages():
        for split in evaluation.splits():
            found = [
                detection(evaluation.urgent_pairs(n, evaluation.cell(language, split)))
                for n in names
            ]
            lines.append(
                _row(
                    language,
                    SPLIT_NAMES.get(split, split),
                    *(str(d.recall) for d in found),
                    *(str(d.precision) for d in found),
                )
            )
    return lines


def danger_offers(evaluation: Evaluation) -> list[str]:
    """Enlace's second tier: a message only the urgency classifier finds urgent is answered as
    usual with the URGENT offer after it (conversations/urgency.py). Not counted as flagged
    above: no case is opened until the person writes URGENT."""
    if not any("possible_danger" in result for result in evaluation.results):
        return []
    lines = [
        "## Urgent or offered URGENT (Enlace)",
        "",
        "Recall: urgent messages flagged or answered with the URGENT offer / urgent messages. "
        "Offers to ordinary messages: non-urgent messages given the offer / non-urgent messages.",
        "",
        _header("language", "split", "recall", "offers to ordinary messages"),
    ]
    for language in evaluation.languages():
        for split in evaluation.splits():
            cell = evaluation.cell(language, split)
            reached = [
                (
                    evaluation.rows[i].urgent,
                    evaluation.systems[ENLACE][i].urgent or _offered(evaluation, i),
                )
                for i in cell
            ]
            ordinary = [i for i in cell if not evaluation.rows[i].urgent]
            offered = sum(1 for i in ordinary if _offered(evaluation, i))
            lines.append(
                _row(
                    language,
                    SPLIT_NAMES.get(split, split),
                    str(detection(reached).recall),
                    str(Rate(offered, len(ordinary))),
                )
            )
    return lines


def _offered(evaluation: Evaluation, index: int) -> bool:
    return bool(evaluation.results[index].get("possible_danger"))


def per_topic(evaluation: Evaluation) -> list[str]:
    names = list(evaluation.systems)
    shown = [s for s in ("dev", "heldout") if s in evaluation.splits()] or evaluation.splits()
    columns = [f"{SPLIT_NAMES.get(s, s)}: {n}" for s in shown for n in names]
    lines = [
        "## Topic accuracy per topic",
        "",
        "Both languages together.",
        "",
        _header("topic", *columns),
    ]
    for topic in sorted({row.topic for row in evaluation.rows}):
        cells = []
        for split in shown:
            mine = [
                i for i, r in enumerate(evaluation.rows) if r.split == split and r.topic == topic
            ]
            cells += [evaluation.topic_rate(name, mine).short() for name in names]
        lines.append(_row(topic, *cells))
    return lines


def confusions(evaluation: Evaluation, limit: int = 12) -> list[str]:
    lines = ["## Most confused topic pairs (Enlace)", ""]
    by_split = {}
    for split in ("dev", "heldout"):
        mine = [i for i, r in enumerate(evaluation.rows) if r.split == split]
        pairs = [(evaluation.rows[i].topic, evaluation.systems[ENLACE][i].topic) for i in mine]
        by_split[split] = dict(confused_pairs(pairs, limit=len(pairs)))
    every = Counter(by_split["dev"]) + Counter(by_split["heldout"])
    ranked = sorted(every.items(), key=lambda item: (-item[1], item[0]))[:limit]
    if not ranked:
        return [*lines, "None."]
    lines.append(_header("expected", "read as", "dev", "held-out"))
    for (expected, predicted), _ in ranked:
        dev, held = (
            by_split["dev"].get((expected, predicted), 0),
            by_split["heldout"].get((expected, predicted), 0),
        )
        lines.append(_row(expected, predicted, str(dev), str(held)))
    return lines


def reply_language(evaluation: Evaluation) -> list[str]:
    lines = [
        "## Reply language (Enlace)",
        "",
        "Replies in the language the message was written in.",
        "",
        _header("language", *(SPLIT_NAMES.get(s, s) for s in evaluation.splits())),
    ]
    for language in evaluation.languages():
        rates = []
        for split in evaluation.splits():
            cell = evaluation.cell(language, split)
            rates.append(
                str(accuracy((language, evaluation.results[i].get("language")) for i in cell))
            )
        lines.append(_row(language, *rates))
    return lines


def first_answers(evaluation: Evaluation) -> list[str]:
    lines = [
        "## First answers to knowledge-base questions (Enlace)",
        "",
        "How the bot first answered a new person asking about a knowledge-base topic "
        "(other: rewording, urgent reply, hand-over).",
        "",
        _header("language", "questions", *FIRST_ANSWER_KINDS, "other"),
    ]
    for language in evaluation.languages():
        mine = [
            i
            for i, r in enumerate(evaluation.rows)
            if r.language == language and r.topic in evaluation.topics
        ]
        kinds = Counter(first_answer(evaluation.results[i]) for i in mine)
        counts = [str(kinds.get(kind, 0)) for kind in FIRST_ANSWER_KINDS]
        other = len(mine) - sum(kinds.get(kind, 0) for kind in FIRST_ANSWER_KINDS)
        lines.append(_row(language, str(len(mine)), *counts, str(other)))
    return lines


def segments_and_cost(evaluation: Evaluation, price: float, note: str) -> list[str]:
    lines = [
        "## SMS segments and cost (Enlace)",
        "",
        f"Price: {note}.",
        "",
        _header(
            "language",
            "replies",
            "median",
            "p90",
            "max",
            "segments",
            "cost US$",
            "per 1,000 replies US$",
        ),
    ]
    for language in [*evaluation.languages(), "all"]:
        counts = [
            int(evaluation.results[i].get("sms_segments") or 0)
            for i, r in enumerate(evaluation.rows)
            if language in ("all", r.language)
        ]
        if not counts:
            continue
        total = sum(counts)
        lines.append(
            _row(
                language,
                str(len(counts)),
                f"{statistics.median(counts):g}",
                f"{percentile(counts, 0.9):g}",
                str(max(counts)),
                str(total),
                f"{total * price:.2f}",
                f"{1000 * total * price / len(counts):.2f}",
            )
        )
    return lines


def misses(evaluation: Evaluation) -> list[str]:
    lines = ["## Misses", "", "### Dev split, Enlace", ""]
    dev = evaluation.where(lambda r: r.split not in UNSEEN_SPLITS)
    enlace = evaluation.systems[ENLACE]
    wrong = [
        i
        for i in dev
        if enlace[i].topic != evaluation.rows[i].topic
        or enlace[i].urgent != evaluation.rows[i].urgent
    ]
    if wrong:
        lines.append(
            _header("language", "expected", "read as", "urgent: labelled / flagged", "text")
        )
    for i in wrong:
        row, got = evaluation.rows[i], enlace[i]
        lines.append(
            _row(
                row.language,
                row.topic,
                str(got.topic),
                f"{int(row.urgent)} / {int(got.urgent)}",
                row.text,
            )
        )
    lines += [
        "",
        f"{len(wrong)} dev messages with a wrong topic or urgency.",
        "",
        "### Held-out and leaked splits (counts only)",
        "",
        _header("system", "language", "split", "wrong topic", "urgent missed", "false alarms"),
    ]
    for name, predicted in evaluation.systems.items():
        for language in evaluation.languages():
            for split in (s for s in evaluation.splits() if s in UNSEEN_SPLITS):
                cell = evaluation.cell(language, split)
                topic = sum(predicted[i].topic != evaluation.rows[i].topic for i in cell)
                pairs = evaluation.urgent_pairs(name, cell)
                missed = sum(labelled and not flagged for labelled, flagged in pairs)
                false = sum(flagged and not labelled for labelled, flagged in pairs)
                lines.append(
                    _row(name, language, SPLIT_NAMES[split], str(topic), str(missed), str(false))
                )
    return lines


def _header(*cells: str) -> str:
    return _row(*cells) + "\n" + "|" + "---|" * len(cells)


def _row(*cells: str | None) -> str:
    return "| " + " | ".join((cell or DASH).replace("|", "\\|") for cell in cells) + " |"
