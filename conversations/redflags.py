"""The danger signals of forced labour the urgency detector looks for, in Spanish and English.

Each signal names what it is evidence of: one of the ILO's 11 forced-labour indicators (here) or
another danger signal of `shared/reference/facts.md` (`conversations.redflags_harm`: violence,
trafficking, smuggling, detention, injury, a missing person, a child at work). Patterns read the
canonical text of `conversations.danger` (lowercase, no accents, shorthand spelled out: "q" is
"que", "dont" is "do not"), so they are written in that form, and they speak of the writer or of
the relative they write for ("me", "la", "him"). A strong signal alone makes a message urgent;
a weak one needs another signal or the topic model's reading: a passport kept by the boss is a
question, kept by the boss who will not let you quit is danger. The markers that lower the score
are in `conversations.redflag_markers`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

STRONG: Final = 2
WEAK: Final = 1

_ME = r"(?:me|nos)"
_ME_EN = r"(?:me|us)"
# The writer or the relative they write about, as the object of a verb.
OBJ = r"(?:me|nos|la|lo|las|los|le|les)"
OBJ_EN = r"(?:me|us|him|her|them|anyone|anybody|nobody|no one|everyone|(?:my|his|her|our) \w+)"
_NOT_LET = r"(?:will not|does not|do not|did not|never|not|can not|are not|is not) (?:let|allow)\w*"
# An ordinary limit at work ("not let out till 6am", "no me dejan salir temprano").
_ORDINARY_LIMIT = (
    r"(?! early| till| until| before| for lunch| to (?:the )?(?:bathroom|toilet|lunch)| temprano"
    r"| al bano| a comer| antes)"
)
_DOCUMENT = (
    r"(?:pasaportes?|passports?|pasport|papeles|papers|documentos|docs|visas?|dni|nie|cedulas?"
    r"|tarjeta de residencia|permisos?(?: de trabajo)?|work permits?|permit|green card|ids?"
    r"|identificacion|i94s?|social)"
)


@dataclass(frozen=True)
class Signal:
    name: str
    indicator: str  # the ILO indicator or facts.md signal it is evidence of
    weight: int
    pattern: re.Pattern[str]


def words_pattern(*patterns: str) -> re.Pattern[str]:
    """Any of `patterns` as whole words, searched in the canonical text after one space.

    Starting the pattern with that literal space lets the regex engine jump from word start to
    word start instead of trying every alternative at every letter: read_danger runs on every
    message, and a leading `\\b` made it three times slower. `^` is the text's start.
    """
    alternatives = [re.sub(r"(^|\|)\^", r"\1(?<=^ )", part) for part in patterns]
    return re.compile(" (?:" + "|".join(alternatives) + r")\b")


def signal(name: str, indicator: str, weight: int, *patterns: str) -> Signal:
    return Signal(name, indicator, weight, words_pattern(*patterns))


FREEDOM_SIGNALS: Final[tuple[Signal, ...]] = (
    signal(
        "confined",
        "restriction of movement",
        STRONG,
        r"encerrad[oa]s?",
        r"(?:me|nos|la|lo|las|los) (?:encerr|encierr)\w*",
        r"locked (?:in|up|inside)(?! the (?:office|car))",
        r"(?:estoy|estamos|i am|we are) locked",
        r"(?:se llevo|se lleva|took|takes|drove off with) (?:las|la|the) (?:llaves?|keys?"
        r"|van keys)",
        r"lock(?:s|ed)? (?:us|me)(?! out)",
        r"lock(?:s|ed)? (?:them|her|him) (?:in|up)",
        r"lock(?:s|ed)? the (?:gate|door|bunkhouse|barrack|trailer|loading dock|dock)s?",
        r"(?:gate|door) is (?:still )?locked",
        r"chain on the (?:door|gate)",
        r"(?:puerta|porton) (?:tiene|con) (?:llave|candado)|llave por fuera",
        r"(?:cierra|cierran|cerro|cerraron)(?: \w+){0,3} con (?:llave|candado)",
        r"(?:con )?candado",
        r"atrapad[oa]s?",
        r"trapped",
        r"keep (?:us|me) in",
        r"(?:tienen|tiene) (?:en|a) (?:una|un) (?:bodega|casa|cuarto)",
        r"guards? (?:watch|at) the door",
        r"road is guarded",
    ),
    signal(
        "not_let_leave",
        "restriction of movement",
        STRONG,
        rf"no {OBJ} (?:deja|dejan|dejaban|dejaron) (?:ni )?(?:salir|volver|regresar|bajar|irse"
        rf"|ir(?:me|nos)?){_ORDINARY_LIMIT}",
        rf"no {_ME} (?:deja|dejan) (?:ir|salir) (?:del|de la|sol[ao])",
        rf"{_NOT_LET} {OBJ_EN} (?:to )?(?:leave|go|out|off|get off|walk out){_ORDINARY_LIMIT}",
        rf"not letting {OBJ_EN} (?:go|leave|out|off)",
        r"not allowed (?:to leave|out|to go out)",
        r"(?:can not|could not) quit|no (?:puedo|podemos) (?:renunciar|dejar el trabajo)",
        r"(?:can not|could not) (?:leave|go anywhere|go out|get out|get off)(?! early)",
        r"(?:can not|could not) go (?:til|till|until)",
        r"no (?:puedo|podemos|pueden|puede) (?:ni )?(?:salir|irme|irnos)",
        r"(?:nadie|nobody|no one) (?:puede )?(?:sale|se va|leaves|goes|gets out|walks|salir|ir)",
        r"(?:anyone|whoever|el que|quien) (?:who )?(?:leaves|walks out|se va|sale)",
        r"no deja que nadie salga",
        r"(?:never|nunca) (?:lets|let|me dejan|dejan) (?:me )?(?:go out|salir)",
        r"(?:doesnt|does not|do not) let me out",
        r"no (?:me )?(?:deja|dejan) (?:que )?(?:salga|me vaya)",
        r"(?:permiso|permission)(?: \w+){0,6} (?:nunca|never|siempre (?:es|dice) no"
        r"|always (?:says )?no)",
        r"no piso la calle|(?:has not|have not) been outside|never sees us outside",
        r"(?:brought|trajeron) (?:him|her|them|lo|la) back|lo regresaron",
    ),
    signal(
        "no_way_out",
        "restriction of movement",
        WEAK,
        r"(?:permiso|permission) (?:para|to) (?:salir|ir|go)",
        r"(?:no|never) (?:salen|sale|goes out|go out)(?: nunca)?|nunca salen",
        r"wants? to (?:go home|leave) (?:and|but) (?:\w+ ){0,3}(?:said|says) no",
        r"(?:how (?:i will|ill)|never) (?:\w+ )?(?:ever )?leave|nunca (?:voy a )?(?:poder )?salir",
        r"no (?:tengo|tenemos) (?:carro|coche|auto)",
        r"(?:takes?|took|se lleva|se llevan) (?:the car|la camioneta|el carro)",
        r"lejos de todo|far from (?:town|everything)",
        r"(?:no sabemos|no se|do not know) (?:ni )?(?:la direccion|the (?:address|town|name)"
        r"|(?:this|the) (?:city|town|place)|donde estamos)|no conozco (?:la|esta) ciudad",
        r"a ningun lado|(?:go|going) anywhere",
        r"(?:quiero|me quiero|want|wants|wanna) (?:to )?(?:salir|irme|irnos|ir|leave|quit|go home"
        r"|off)"
        r"(?: \w+)? (?:y|pero|and|but) (?:no|the|el|la|they|he|she|ellos)",
        r"(?:nos|me|los|la|lo) (?:llevan|lleva) a todos lados|drives us everywhere",
        r"(?:donde|en que) (?:nos|me|la|lo|los|las) tienen",
        r"(?:have|keep|keeps|has) (?:us|her|him|them) (?:in|at) (?:a|an|the|this) (?:house|camp"
        r"|room"
        r"|trailer|basement|warehouse|place)",
    ),
    signal(
        "phone_taken",
        "isolation",
        WEAK,
        r"(?:quitaron|quitan|quito|se llevo|se llevaron|tiene|tienen|esconden|guarda|guardan) "
        r"(?:el|mi|los|nuestros|su|sus) (?:celular(?:es)?|cel|telefonos?)",
        r"(?:celular|cel|telefono) lo esconden",
        r"(?:took|takes|take|has|have|keeps) (?:away )?(?:my|our|his|her|the|their) "
        r"(?:phones?|cells?|satellite)",
        r"(?:phone|phones) (?:was|were) taken",
        rf"{_NOT_LET} (?:me|us|her|him|them) (?:have|buy|use) (?:a |another )?"
        r"(?:phones?|internet|whatsapp)",
        r"no me dejan? usar|no (?:tengo|tenemos) (?:cel|celular|telefono)(?: propio)?",
        r"no (?:phone|cel|celular|telefono) (?:no|ni|y sin|or) internet",
        r"(?:only|solo) (?:the |el )?(?:captain|boss|patron|encargado|capitan) (?:has|tiene) "
        r"(?:a |the |el )?(?:phone|satellite|telefono|internet|wifi)",
    ),
    signal(
        "watched",
        "isolation",
        WEAK,
        r"(?:checks?|reads|revisa|revisan|ve|lee) (?:my |el |los |everybodys |all |our |who )?"
        r"(?:phone|phones|cel|celular|telefonos?|messages|mensajes|i talk to)",
        rf"no {OBJ} (?:dejan|deja) (?:hablar|llamar)",
        rf"{_NOT_LET} {OBJ_EN} (?:talk|call|speak)",
        r"not to talk to anyone|no hable con nadie|si hablo con",
        r"(?:can not|will not let me) call (?:my family|anyone)",
        r"(?:solo|only) (?:puedo|can) (?:llamar|call)",
        r"(?:ellos|they|she|he) (?:al lado|next to me) (?:escuchando|listening)",
        r"(?:cambiaron|changed) (?:el|the) chip",
    ),
    signal(
        "hiding",
        "isolation",
        WEAK,
        r"a escondidas",
        r"in secret",
        r"no (?:que )?no me escriban",
        r"(?:do not|please do not|no) (?:text|write|call|message) (?:me )?(?:back|this number)",
        r"(?:only|solo) (?:message|text|escriban?)",
        r"no me llames|do not call",
        r"whisper\w*|susurr\w*",
        r"(?:can not|no puedo) (?:talk|hablar|say) (?:long|mucho|much)",
        r"borra\w* (?:los )?mensajes|delete\w* (?:numbers|messages|it)",
        r"cuando (?:duermen|no (?:esta|estan) mirando)|no esta mirando",
        r"(?:makes|make) (?:them|us|me) hide|los esconden",
    ),
    signal(
        "borrowed_phone",
        "isolation",
        WEAK,
        r"(?:borrowed|prestaron|prestado|presto) (?:one|a phone|phone|\w+s phone)?",
        r"(?:phone|telefono|cel) (?:is )?not mine|(?:this is|on) (?:the|a) (?:neighbors|guys)",
        r"(?:telefono|cel|celular) de otr[ao]|escondio el suyo|neighbors (?:wifi|phone)",
        r"(?:think|thinks|creen|cree) (?:that )?(?:i|que) (?:do not have|no tengo) (?:a )?(?:phone"
        r"|cel)",
    ),
    signal(
        "documents_held",
        "retention of identity documents",
        WEAK,
        r"(?<!no )(?<!ya )(?:quito|quitaron|tiene|tienen|guarda|guardan|se quedo con|se queda con"
        r"|recogieron"
        r"|collected|kept|keeps|keep|took|holds?|holding|got) "
        rf"(?:mi |mis |los |las |el |nuestros |nuestras |my |our |her |his |their |the "
        rf"|everybodys |all our )?{_DOCUMENT}",
        rf"(?<!i )(?<!we )(?<!ya )(?:has|have) (?:my|our|everybodys|all our) {_DOCUMENT}",
        r"(?:employer|boss|lady|owner|company|contractor|agency|they|he|she) (?:has|have|keeps) "
        rf"(?:his|her|their) {_DOCUMENT}",
        r"(?:quitaron|tiene|tienen|se quedo con|took|has|keeps) (?:todas )?(?:mis|my|our|nuestras) "
        r"(?:cosas|things|stuff|belongings|maleta|suitcase)",
        r"(?:no me|will not|does not|never) (?:regresan?|devuelven?|give\w*) "
        rf"(?:back )?(?:la |el |los |mi |mis |my |our )?{_DOCUMENT}",
        rf"{_DOCUMENT} (?:is |are )?(?:safer|mas segur[oa]s?|in (?:his|her) (?:drawer|desk|truck))",
        r"(?:pasaporte|passport) (?:and|y) (?:mi |my )?(?:visa|nie)",
    ),
)
