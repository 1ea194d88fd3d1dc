"""The danger signals the urgency detector looks for, in Spanish and English, as patterns.

Each signal names what it is evidence of: one of the ILO's 11 forced-labour indicators or
another signal of `shared/reference/facts.md` (trafficking, smuggling, violence, detention,
injury, missing person). Patterns read the canonical text of `conversations.danger` (lowercase,
no accents, shorthand spelled out: "q" is "que", "dont" is "do not"), so they are written in
that form. A strong signal alone makes a message urgent; a weak one needs another signal or the
topic model's reading. Markers lower the score of a message that asks *about* a subject, tells a
past event, jokes, or retells the news; they never outweigh two strong signals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

STRONG: Final = 2
WEAK: Final = 1

_ME = r"(?:me|nos)"
_ME_EN = r"(?:me|us)"
_POSSESS = r"(?:my|our|the)"
_NOT_LET = r"(?:will not|does not|do not|did not|never|not|can not) (?:let|allow)"


@dataclass(frozen=True)
class Signal:
    name: str
    indicator: str  # the ILO indicator or facts.md signal it is evidence of
    weight: int
    pattern: re.Pattern[str]


def _signal(name: str, indicator: str, weight: int, *patterns: str) -> Signal:
    return Signal(name, indicator, weight, re.compile(r"\b(?:" + "|".join(patterns) + r")\b"))


SIGNALS: Final[tuple[Signal, ...]] = (
    _signal(
        "confined",
        "restriction of movement",
        STRONG,
        r"encerrad[oa]s?",
        r"(?:me|nos|la|lo|las|los) (?:encerraron|encierran|encierra)",
        r"locked (?:in|up|inside)",
        r"(?:estoy|estamos|i am|we are) locked",
        r"(?:se llevo|took) (?:las|the) (?:llaves|keys)",
        r"lock(?:s|ed)? (?:us|me|the (?:gate|door|bunkhouse|barrack|trailer)s?)",
        r"(?:con )?candado",
        r"atrapad[oa]s?",
        r"trapped",
        r"keep (?:us|me) in",
        r"(?:tienen|tiene) (?:en|a) (?:una|un) (?:bodega|casa|cuarto)",
        r"guards? (?:watch|at) the door",
    ),
    _signal(
        "not_let_leave",
        "restriction of movement",
        STRONG,
        rf"no {_ME} (?:deja|dejan|dejaban) (?:salir|ir(?:me|nos)?|irme)(?! temprano)",
        rf"no {_ME} (?:deja|dejan) (?:ir|salir) (?:del|de la|sol[ao])",
        rf"{_NOT_LET} {_ME_EN} (?:leave|go|out)(?! early)",
        r"not allowed to leave",
        r"(?:can not|could not) quit|no (?:puedo|podemos) (?:renunciar|dejar el trabajo)",
        r"(?:can not|could not) (?:leave|go anywhere|go out)(?! early)",
        r"no (?:puedo|podemos) (?:salir|irme|irnos)",
        r"(?:nadie|nobody|no one) (?:sale|se va|leaves|goes)",
        r"no deja que nadie salga",
        r"(?:never|nunca) (?:lets|let|me dejan|dejan) (?:me )?(?:go out|salir)",
        r"(?:doesnt|does not|do not) let me out",
        r"no (?:me )?(?:deja|dejan) (?:que )?(?:salga|me vaya)",
    ),
    _signal(
        "phone_taken",
        "isolation",
        WEAK,
        r"(?:quitaron|quito|se llevo|tiene) (?:el|mi) (?:celular|cel|telefono)",
        r"took (?:my|our) (?:phone|cell|phones)",
    ),
    _signal(
        "watched",
        "isolation",
        WEAK,
        r"(?:checks|reads|revisa|revisan|ve|lee) (?:my |el |los |everybodys |all )?"
        r"(?:phone|phones|cel|celular|telefonos?|messages|mensajes)",
        r"no (?:me )?(?:dejan|deja) (?:hablar|llamar)",
        r"(?:can not|will not let me) call (?:my family|anyone)",
    ),
    _signal(
        "hiding",
        "isolation",
        WEAK,
        r"a escondidas",
        r"in secret",
        r"no (?:que )?no me escriban",
        r"do not (?:text|write|call) (?:me )?back",
    ),
    _signal(
        "documents_held",
        "retention of identity documents",
        WEAK,
        r"(?:quito|quitaron|tiene|guarda|se quedo con|kept|keeps|took|has) "
        r"(?:mi |mis |los |el |su |nuestros |my |our |her )?"
        r"(?:pasaportes?|passports?|pasport|papeles|papers|documentos|visa)",
        r"(?:pasaporte|passport) (?:and|y) (?:mi |my )?(?:visa|nie)",
    ),
    _signal(
        "debt_bondage",
        "debt bondage",
        WEAK,
        r"(?:le )?(?:debo|debemos|owe|owes) ",
        r"deuda",
        r"debt",
        r"hasta (?:que )?(?:pague|paguemos|pagar)",
        r"until (?:i|we|its) (?:pay|paid)",
    ),
    _signal(
        "unpaid_and_trapped",
        "withholding of wages",
        WEAK,
        r"no (?:me|nos) pagan? nada",
        r"no pay|work for no pay|sin paga",
        r"have not been paid in months",
        r"(?:whole|all my) (?:pay|paycheck|salary)|toda mi paga|todo mi (?:sueldo|pago)",
        r"no me pagan desde hace",
        r"have not paid me in",
    ),
    _signal(
        "threat_of_harm",
        "intimidation and threats",
        STRONG,
        r"(?:matar(?:me|te|lo|la)?|matan|mata|me mata|kill (?:me|us|you))",
        r"(?:desaparecer|disappear)",
        r"(?:le|les) (?:hace|hacen) algo",
        r"something will happen",
        r"amenaz\w*",
        r"threat\w*",
        r"(?:pistola|gun|arma|knife|cuchillo)",
        r"goes after my family",
        r"(?:cobra|cobran) a mi familia",
    ),
    _signal(
        "threat_of_denunciation",
        "abuse of vulnerability",
        WEAK,
        r"(?:llama|entrega|echa|denuncia) a (?:la )?(?:migra|inmigracion)",
        r"(?:call|calls|report) (?:ice|immigration|la migra)",
        r"me denuncia",
        r"reports me",
    ),
    _signal(
        "violence",
        "physical and sexual violence",
        STRONG,
        r"(?:me|nos) (?:pego|pega|golpea|golpeo|golpearon|pegaron)",
        r"(?:hit|hits|beat|beats|beaten) (?:me|us)",
        r"beat me",
        r"(?:viola|violo|violaron|rape|raped|rapes)",
        r"me (?:toca|tocan|toco|manosea|manosean)\w* (?:y|el cuerpo|las|los|sin)|me manosea\w*",
        r"touches me",
        r"(?:sangrando|bleeding|sangre)",
        r"prostitu\w*",
        r"sell myself",
    ),
    _signal(
        "deprived",
        "abusive working and living conditions",
        WEAK,
        r"sin agua",
        r"no water",
        r"(?:no me dan|has not given me) (?:de comer|food)",
        r"(?:quitan|take) (?:la|our) (?:comida|food)",
        r"(?:castigo|punishment)",
        r"dormimos \d+|sleep \d+",
    ),
    _signal(
        "excessive_hours",
        "excessive overtime",
        WEAK,
        r"1[6-9] hours|1[6-9] horas|2\d hours|2\d horas",
        r"sin descanso|no break|no rest",
    ),
    _signal(
        "forced_work",
        "deception",
        STRONG,
        r"(?:me|nos) obligan?",
        r"(?:force|forces|forcing|make) (?:me|us) (?:to )?(?:work|sell)",
        r"obligad[oa]",
        r"(?:victima de trata|being trafficked|soy victima)",
    ),
    _signal(
        "smuggling_danger",
        "smuggling",
        STRONG,
        r"(?:secuestr\w+|kidnap\w*|rescate|ransom)",
        r"(?:casa de seguridad|stash house)",
        r"(?:nos|us) (?:dejo|left) (?:en|in) (?:el|the) desierto|left us in the desert",
        r"(?:no hay|no tenemos|theres no|no) aire|no air",
        r"(?:desmayad[oa]|desmayo|passed out|collapsed|no responde|not responding)",
    ),
    _signal(
        "detained_now",
        "detention",
        STRONG,
        r"(?:me|lo|la|nos) (?:agarro|agarraron|detuvo|detuvieron|arrestaron)",
        r"(?:detuvieron|se llevo|se llevaron|agarraron) (?:el ice|la migra|ice )?(?:a mi|a mis)",
        r"estoy (?:detenid[oa]|en (?:un centro de )?detencion|preso|presa)",
        r"(?:im|i am) (?:in (?:a )?detention|being held|in jail|arrested)",
        r"(?:ice|immigration|la migra|migra|police) "
        r"(?:picked|took|got|grabbed|arrested|detained) (?:me|my|him|her|us)",
        r"(?:was|got) (?:detained|arrested|picked up)",
        r"(?:esta|is) (?:afuera|outside) (?:de )?(?:mi|my)",
        r"tocando la puerta|knocking",
        r"detention now|detention ahorita",
    ),
    _signal(
        "missing",
        "missing person",
        STRONG,
        r"(?:dejo de|ya no) contesta\w*",
        r"stopped (?:answering|responding)",
        r"no (?:sabemos|se) nada de",
        r"(?:have not|not) heard from",
        r"phone is off|apagado",
    ),
    _signal(
        "injured_now",
        "injury",
        STRONG,
        r"no puedo mover|can not move",
        r"ambulancia|ambulance",
        r"(?:me|nos) (?:mandar|manda|regresan|van a mandar) "
        r"a (?:mexico|guatemala|honduras|mi pais)",
        r"sending me (?:home|back)",
        r"sin curarme|without treatment",
        r"crushed|aplastad\w*",
        r"me corte|cut my hand",
    ),
    _signal(
        "fear_and_plea",
        "abuse of vulnerability",
        WEAK,
        r"tengo miedo|(?:im|i am) scared|afraid",
        r"ayuda(?:me|nos)?|ayudenme|^help|help (?:me|us|please)|please help|help$",
        r"ya no aguanto|can not take it",
        r"crying|llorando",
    ),
    _signal(
        "deceived",
        "deception",
        WEAK,
        r"(?:me|nos) (?:prometieron|ofrecieron|trajeron con promesa)",
        r"(?:they )?promised me",
        r"came for a \w+ job",
    ),
)


@dataclass(frozen=True)
class Marker:
    name: str
    weight: int
    pattern: re.Pattern[str]


def _marker(name: str, weight: int, *patterns: str) -> Marker:
    return Marker(name, weight, re.compile(r"\b(?:" + "|".join(patterns) + r")\b"))


# A message with one of these is asking about, remembering, imagining or joking about danger.
MARKERS: Final[tuple[Marker, ...]] = (
    _marker(
        "asks_about",
        3,
        r"^(?:que|what) (?:es|is|are)\b",
        r"senales|signs? of|how do i know|como se si|diferencia|difference",
        r"como funciona|how does",
        r"for a friend|para una amiga|para un amigo",
    ),
    _marker(
        "asks_if_allowed",
        2,
        r"(?:es|is) (?:eso |esto |that |it )?(?:legal|normal|ok)|esta bien",
        r"tiene derecho|have the right|my rights|tengo derechos",
        r"^(?:can|puede) (?:my|el|la)\b",
    ),
    _marker(
        "past_event",
        3,
        r"(?<!desde )hace \d+ anos|years ago|last year|el ano pasado|en 20\d\d|in 20\d\d",
        r"ya sali|got out|got it back|ya lo recupere|ya regrese|i am back in",
        r"ya estoy bien|fine now|fui victima|was a \w+ victim",
    ),
    _marker("hypothetical", 2, r"^(?:si|if) ", r"what would happen|que pasaria|someday|un dia"),
    _marker("joke", 3, r"ja(?:ja)+|je(?:je)+|ha(?:ha)+|lol|lmao"),
    _marker("news", 3, r"noticias|the news|lei que|i read"),
)
