"""The markers that lower the danger score: the message asks *about* a subject, tells a past
event or a friend who is safe now, imagines one, jokes, retells the news, or is a student's.

They read the canonical text of `conversations.danger`. The score loses the heaviest marker
that fired; none outweighs two strong signals. A past told with "and now" ("eight months ago,
and now he says...") is not past: the danger goes on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from conversations.redflags import words_pattern


@dataclass(frozen=True)
class Marker:
    name: str
    weight: int
    pattern: re.Pattern[str]


def _marker(name: str, weight: int, *patterns: str) -> Marker:
    return Marker(name, weight, words_pattern(*patterns))


_GOES_ON = r"(?! (?:and|y|pero|but) (?:now|ahora|still|sigue|todavia))"

MARKERS: Final[tuple[Marker, ...]] = (
    _marker(
        "asks_about",
        3,
        r"^(?:que|what) (?:es|is|are)\b",
        r"senales|signs? of|how do i know|como se si|diferencia|difference",
        r"como funciona|how does",
        r"for a friend|para una amiga|para un amigo",
        r"what counts as|que (?:cuenta|se considera) como|how much debt",
        r"how (?:do|can) (?:families|people|you) (?:search|look|find)",
        r"^(?:what|que) (?:le |les )?(?:happens|pasa) (?:to|con|a) (?:a|an|the|los|las|un|una)\b",
        r"(?:hay|is there) (?:carcel|jail|multa|a fine|a penalty)",
    ),
    _marker(
        "student",
        3,
        r"para (?:una|mi|un) (?:tarea|clase|tesis|investigacion|trabajo de la escuela)",
        r"soy estudiante|(?:i am|im) a student|(?:for|in) (?:a|my) (?:class|school|project|essay"
        r"|paper|thesis|presentation|homework)",
    ),
    _marker(
        "asks_if_allowed",
        2,
        r"(?:es|is) (?:eso |esto |that |it )?(?:legal|normal|ok)|esta bien",
        r"tiene derecho|have the right|my rights|tengo derechos",
        r"^(?:can|puede) (?:my|el|la)\b",
        r"es cierto|is (?:it|that) true|enforceable|es valid[oa]",
        r"can (?:they|he|she) (?:do that|make (?:me|us)|fire me)|(?:puede|pueden) hacer eso",
        r"can (?:they|he|she) (?:\w+ )?(?:send|deport) (?:me|him|her|us|them) (?:back|home)?$",
        r"(?:me|nos|lo|la) (?:pueden|puede) (?:despedir|correr|echar)",
        r"is (?:that|this|it) allowed",
    ),
    _marker(
        "past_event",
        3,
        rf"(?<!desde )hace (?:como |unos |muchos )?(?:\d+ )?anos{_GOES_ON}",
        rf"(?:years|months) ago{_GOES_ON}|last year|el ano pasado|en 20\d\d|in 20\d\d",
        r"(?<!desde )(?:el mes pasado|last month)|cuando era (?:joven|nina|nino|chica)"
        r"|when i was (?:young|a kid)",
        r"hace mucho|long ago|(?:my|mi) (?:old|former|antiguo|anterior) (?:boss|patron)",
        r"ya sali|got out|got it back|ya lo recupere|ya regrese|i am back in|gave it back",
        r"ya estoy bien|fine now|fui victima|was a \w+ victim|ya me atendieron",
        r"ya estoy en (?:mexico|guatemala|honduras|el salvador|mi pais|casa)",
        r"nothing happened|nunca paso nada|ya me cambie|antes me|in my old job|en mi otro trabajo",
        r"(?:i am|ya estoy) (?:at|en) (?:a new|otro) (?:job|trabajo)",
    ),
    _marker(
        "safe_now",
        3,
        r"(?:ya )?(?:la|lo|los) rescataron|(?:is|are) safe now|esta a salvo|ya esta con su familia",
        r"ya esta (?:fuera|afuera|libre|en (?:un refugio|casa|su casa))",
        r"(?:is|he is|she is|they are) (?:out|free|home|back home) now",
        r"(?:ya )?(?:estoy|estamos) a salvo|(?:i am|we are) safe now",
    ),
    _marker(
        "hypothetical",
        2,
        r"^(?:(?:y|and|but|pero|ok|okay) )?(?:si|if) |^(?:would|will) i\b",
        r"what happens if|que pasa si|un dia",
    ),
    _marker(
        "imagined",
        3,
        r"what would happen|que pasaria|someday|supongamos|suppose|what if",
        r"me estoy pensando|(?:thinking|pensando) (?:of |about |en )?ir",
        r"right now (?:its|it is|everything is) (?:all )?(?:fine|ok|good)",
    ),
    _marker(
        "worry_general",
        2,
        r"siempre tengo miedo de|como me protejo|how (?:do|can) i protect|me preocupa que",
    ),
    _marker("joke", 3, r"ja(?:ja)+|je(?:je)+|ha(?:ha)+|lol|lmao|best \w+ ever|held hostage by"),
    _marker(
        "news",
        3,
        r"noticias|the news|lei que|i read|movie|pelicula|documental|(?:en|on) la radio",
        r"on the radio|escuche en",
    ),
)
