"""Run with the Rasa environment's Python: the intent a trained model gives each text.

Reads a JSON list of texts on stdin and writes a JSON list of {intent, confidence, best,
best_confidence} to the file named by the second argument (Rasa prints to stdout while loading
a model). Used by tools/compare_nlu.py and tools/baselines.py, which live in the app's
environment where Rasa is not installed.
"""

from __future__ import annotations

import asyncio
import json
import sys

from rasa.core.agent import Agent


async def parse_all(model: str, texts: list[str]) -> list[dict[str, object]]:
    agent = Agent.load(model)
    results = []
    for text in texts:
        parsed = await agent.parse_message(text)
        intent = parsed.get("intent") or {}
        # Below the FallbackClassifier's threshold the intent is nlu_fallback; the app then
        # takes the best-ranked topic (and answers only a clear search match), so report both.
        ranked = [r for r in parsed.get("intent_ranking") or [] if r["name"] != "nlu_fallback"]
        results.append(
            {
                "intent": intent.get("name"),
                "confidence": intent.get("confidence"),
                "best": ranked[0]["name"] if ranked else None,
                "best_confidence": ranked[0]["confidence"] if ranked else None,
            }
        )
    return results


def main() -> None:
    model, out = sys.argv[1], sys.argv[2]
    texts = json.load(sys.stdin)
    results = asyncio.run(parse_all(model, texts))
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(results, handle)


if __name__ == "__main__":
    main()
