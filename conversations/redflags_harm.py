"""The danger signals beyond forced labour: violence, trafficking, smuggling, detention, injury
with no care, a missing person, a child at work, a fire or flood now (`shared/reference/facts.md`).

Written like `conversations.redflags`, in its canonical text. A relative far away who stopped
answering is weak evidence each way (people are busy, phones die): the two together, or either
with a day count ("since Tuesday"), are what a family writes when someone is missing.
"""

from __future__ import annotations

from typing import Final

from conversations.redflags import OBJ, STRONG, WEAK, Signal, signal

_RELATIVE = (
    r"(?:hij[oa]s?|herman[oa]s?|hermanit[oa]|espos[oa]|mujer|marido|papa|mama|madre|padre|prim[oa]"
    r"|ti[oa]|sobrin[oa]|novi[oa]|abuel[oa]|son|daughter|brother|sister|husband|wife|dad|father"
    r"|mom|mother|cousin|uncle|aunt|nephew|niece|girlfriend|boyfriend|partner)"
)
_MINOR_AGE = r"(?:1[0-7]|[89])"
_DETENTION_PLACE = (
    r"(?:estacion migratoria|centro de (?:detencion|migracion)|corralon|hielera|cie|carcel|celda"
    r"|custody|cell|county jail|jail|detention|ice center|ice van|border patrol station|prision"
    r"|prison)"
)
_DAY = r"(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo|monday|tuesday|wednesday"
_DAY += r"|thursday|friday|saturday|sunday)"
_NO_CONTACT = (
    r"(?:no (?:me |nos |le )?(?:contesta|contestan|responde|escribe|ha vuelto|sabemos nada|suena)"
    r"|(?:does not|has not"
    r"|have not|is not) (?:answer\w*|respond\w*)|(?:phone|cel|celular) (?:is |has been )?(?:off"
    r"|dead))"
)
_SINCE = (
    rf"(?:desde (?:el {_DAY}|ayer|anoche|hace \d+ dias)|since (?:{_DAY}|yesterday|last night)"
    r"|hace \d+ dias"
    r"|\d+ (?:days|weeks) ago|in \d+ (?:days|weeks)|for \d+ days)"
)

HARM_SIGNALS: Final[tuple[Signal, ...]] = (
    signal(
        "forced_work",
        "deception",
        STRONG,
        r"(?:me|nos) obligan?",
        r"(?:make|force|forces|forcing|forced) (?:me|us) (?:to )?(?:work|sell)",
        r"obligad[oa]",
        r"(?:victima de trata|being trafficked|soy victima)",
    ),
    signal(
        "sold",
        "trafficking",
        STRONG,
        rf"{OBJ} vendieron|(?:sold|sell|sells|selling) (?:me|us|her|him|them)"
        r"(?! (?:a|an|the|his|her|my|some|\d+)\b)",
        r"what i cost|(?:ya )?le pago por mi|paid (?:the \w+|him|them) for (?:me|us)",
        r"(?:a man|someone|alguien) paid the",
        r"cobra por cada uno|each one pays the|pays the man who",
        r"(?:i|she|he) (?:am |is )?(?:work|works|working) for (?:his|her) (?:friend|brother"
        r"|cousin)",
        r"ahora trabajo para su",
        r"(?:men|hombres) (?:come|vienen) (?:at night|en la noche|de noche)",
        r"(?:house|casa) with other girls|casa con otras (?:chicas|muchachas)",
    ),
    signal(
        "moved_around",
        "trafficking",
        WEAK,
        rf"{OBJ} (?:pasan|cambian|mueven|mover|van a llevar|van a mover) (?:de|a) "
        r"(?:un|una|otra|otro|casa|lugar)",
        r"(?:move|moving|moved|took) (?:us|me|her|him|them) (?:from|to|around)",
        r"keep moving us|(?:cambian|change) (?:de casa|houses)",
        r"no (?:me|nos) dicen (?:a )?donde|do not tell (?:me|us) where|no se a donde",
        r"nadie (?:nos|me) pregunt\w*|no me preguntaron|nobody asked",
    ),
    signal(
        "violence",
        "physical and sexual violence",
        STRONG,
        r"(?:me|nos) (?:pego|pega|golpea|golpeo|golpearon|pegaron)",
        r"(?:le|les) (?:pega|pegan|pego)|(?:le|la|lo|les) (?:golpea|golpean|golpearon|golpeo)",
        r"(?:hit|hits|beat|beats|beaten) (?:me|us|them|him|her)",
        r"beat me|beat up|golpiza|slap\w*|cachete\w*|hitting",
        r"(?:me|nos|lo|la) empujo|(?<!cow )(?<!pig )(?<!horse )(?:pushed|kicked|choked|punched) "
        r"(?:me|her|him|us)(?! off| out)",
        r"grabbed (?:her|me) by",
        r"(?:foreman|boss|patron|capataz|supervisor|owner|encargado|mayordomo) (?:hit|hits|pego"
        r"|golpeo|slapped|choked|beat|beats)\b(?! (?:the|el|la) )",
        r"(?:broke|rompio) (?:a guys|his|her|my|el|la) (?:arm|brazo|nose|nariz)(?: \w+)? "
        r"(?:bc|because|for|por|porque)",
        r"moretones|bruises|swollen eye|me tiro (?:un|una)",
        r"(?:viola|violo|violaron|rape|raped|rapes)",
        r"me (?:toca|tocan|toco|manosea|manosean)\w* (?:y|el cuerpo|las|los|sin|cuando)"
        r"|me manosea\w*",
        r"touches me|touching me|keeps grabbing",
        r"(?:make|makes|force|forces|forcing|forced) (?:me|us|her|him|them) (?:to )?(?:sleep with"
        r"|have sex)",
        r"acosa\w*|(?:entra|se mete) (?:a|en) mi cuarto|(?:comes|coming) into (?:my|the) room",
        r"(?:have|has|had|tengo que|tiene que) (?:to )?(?:sleep|go|ir|acostarme) (?:with"
        r"|con) (?:him|el)"
        r"|forced himself|(?:tried|try) to force",
        r"(?:do|hago) (?:what he wants|lo que el quiere)",
        r"(?:sangrando|bleeding|sangre)",
        r"prostitu\w*",
        r"sell myself",
    ),
    signal(
        "smuggling_danger",
        "smuggling",
        STRONG,
        r"(?:secuestr\w+|kidnap\w*|rescate|ransom)",
        r"(?:casa de seguridad|stash house)",
        r"(?:nos|us) (?:dejo|left) (?:en|in) (?:el|the) desierto|left us in the desert",
        r"(?:leave|left|dejan|dejar) (?:us|me|her|him|them|la|lo|nos) (?:in|en) (?:the|el) "
        r"(?:desert|desierto)",
        r"(?:coyote|pollero|guia|smuggler|driver|guide) (?:\w+ ){0,2}(?:nos |los )?"
        r"(?:dejo|abandono|se fue|left|abandoned)",
        r"(?:se acabo|ran out of) (?:el )?(?:agua|water)|banging on",
        r"(?:no hay|no tenemos|theres no|no) aire|no air",
        r"(?:desmayad[oa]|desmayo|passed out|collapsed|fainted|no responde|not responding)",
        r"(?:or|o) (?:they|no) (?:kill|sell|leave|hand|sueltan|lo sueltan|la sueltan)",
        r"para soltarl[oa]|to let (?:him|her|them) go|hand (?:him|her) over",
        r"(?:lo|la|los|las|nos|me) (?:tienen )?retenid[oa]s?|(?:is|are) being held",
        r"(?:pide|piden|pidiendo|want|wants|asking for) (?:\d+|mas|more)(?: \w+)? (?:or|o|para)",
        r"(?:tienen|has|have) (?:a )?(?:mi|my) " + _RELATIVE + r" (?:y|and|or)",
        r"(?:is|esta) with them|(?:bad|armed) men|hombres armados",
        r"(?:bajaron|took|grabbed) (?:\w+ ){0,3}(?:del|off the|de la) (?:camion|bus|tren|train)",
        r"se llevaron a \d+|where (?:are )?they (?:are )?taking (?:us|me|him|her)",
        r"a donde nos llevan|siguiendo|following me|(?:break|breaking) (?:the|my) door",
    ),
    signal(
        "detained_now",
        "detention",
        STRONG,
        r"(?:me|lo|la|nos) (?:agarro|agarraron|detuvo|detuvieron|arrestaron)",
        r"(?:detuvieron|se llevo|se llevaron|agarraron) (?:el ice|la migra|ice )?(?:a mi|a mis)",
        r"(?:la migra|migracion|ice|la policia|police) (?:agarro|agarraron|detuvo|detuvieron"
        r"|se llevo"
        r"|arresto|arrestaron) a (?:mi|mis)",
        r"estoy (?:detenid[oa]|en (?:un centro de )?detencion|preso|presa)",
        r"(?:esta|estan) (?:detenid[oa]s?|pres[oa]s?)",
        r"(?:estoy|esta|estamos|ando|sigo|i am|is|are|we are|he is|she is) (?:en|in) (?:la |el |un "
        rf"|una |a |the |police |an )?{_DETENTION_PLACE}",
        rf"(?:have|has|keep|keeps) (?:me|us|him|her) (?:in|at) (?:the |a |an )?{_DETENTION_PLACE}",
        r"(?:me|lo|la|los) tienen? en una celda|(?:lo|la|los) tiene migracion",
        r"ice hold|hold on me",
        r"se (?:la|lo|los) llevo (?:la policia|la migra|migracion)",
        r"(?:was|were|got|been) (?:taken|stopped) (?:at|in|by)|taken in the raid",
        r"(?:ice|police|immigration|la migra) (?:just )?(?:took|picked up|grabbed|got) "
        r"(?:my|him|her|me|us)",
        r"(?:im|i am) (?:being held|in jail|arrested)",
        r"(?:ice|immigration|la migra|migra|police) "
        r"(?:picked|took|got|grabbed|arrested|detained) (?:me|my|him|her|us)",
        r"(?:was|got) (?:detained|arrested|picked up)",
        r"(?:esta|is) (?:afuera|outside) (?:de )?(?:mi|my)",
        r"tocando la puerta|knocking",
        r"detention now|detention ahorita",
    ),
    signal(
        "removal_soon",
        "detention",
        WEAK,
        r"me (?:van a )?(?:deportar|deportan)|being sent back|put me on a plane",
        r"(?:will|going to|gonna) (?:be )?sen[dt] (?:me )?back",
        r"(?:deportation|deport|removal) (?:date|flight)|putting me on a",
    ),
    signal(
        "persecuted",
        "intimidation and threats",
        WEAK,
        r"pandilla|gang|mara|cartel|mataron a|killed (?:my|his|her)|price on (?:my|his|her) head",
        r"(?:me|lo|la) (?:buscan|estan esperando)|waiting for me|know\w* i am coming",
    ),
    signal(
        "missing",
        "missing person",
        STRONG,
        r"(?:dejo de|ya no) (?:me |nos |le )?contesta\w*",
        r"stopped (?:answering|responding)",
        r"no (?:sabemos|se) nada de",
        r"(?:have not|not) heard from",
        r"phone is off|apagado",
        r"me perdi|got separated|me separaron|(?:i do not|no) (?:know|se) (?:where i am"
        r"|donde estoy)",
        r"nadie (?:de mi familia )?sabe donde estoy",
        r"alone (?:in|near) (?:the|a) (?:brush|desert|mountains?|woods|forest|river|fence|border)",
        r"(?:solo|sola) en el (?:monte|desierto|cerro)",
        rf"{_NO_CONTACT}(?: \w+){{0,6}} {_SINCE}|{_SINCE}(?: \w+){{0,6}} {_NO_CONTACT}",
    ),
    signal(
        "no_contact",
        "missing person",
        WEAK,
        r"no (?:contesta|contestan|responde|escribe|ha vuelto|sabemos nada|suena)",
        r"(?:does not|do not|has not|have not|is not|not) (?:answer\w*|respond\w*|heard)",
        r"nothing since|desde (?:ahi|entonces) nada|(?:phone|cel|celular) (?:is |has been )?"
        r"(?:off|dead)",
        r"never (?:arrived|came back|got (?:him|her))|did not come back|blocked us|nos bloqueo",
        r"no hemos podido hablar|(?:we )?do not know where (?:he|she) is",
        r"no (?:sabemos|se) donde (?:esta|lo tienen|la tienen)|no nos dicen nada",
        r"will not tell us where|nobody calls us|ya no (?:me )?escribe",
        r"(?:can not|no puedo) (?:reach|contactar|comunicarme con)",
        r"(?:bateria|battery|phone|cel) (?:at |has |tiene )?(?:\d+ (?:percent|por ciento)|poca)",
        r"(?:poca|sin) bateria|\d+ percent",
    ),
    signal(
        "away_since",
        "missing person",
        WEAK,
        rf"(?:mi|my) {_RELATIVE} (?:\w+ )?(?:salio|se fue|cruzo|iba|went|left|crossed|was on"
        r"|was supposed|called from)",
    ),
    signal(
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
        r"(?:not breathing|no respira|can not breathe|convuls\w*|electrocut\w*)",
    ),
    signal(
        "hurt",
        "injury",
        WEAK,
        r"me cai|se cayo|(?:fell|falling) (?:off|from|down)",
        r"(?:se|me) (?:quemo|queme|lastimo|lastime|corto|rompi|rompio)",
        r"burn\w*|broke (?:my|his|her)|broken|roto|rota|morad[oa]s?|swollen|fever|fiebre",
        r"infect\w*|shaking|temblando|vomit\w*|throwing up|(?:me|le) duele mucho",
        r"in pain|pain is bad|mucho dolor|lost the tip|barely stand|bent wrong",
        r"can not (?:walk|see|feel|stand)|no (?:puede|puedo) (?:moverla|moverlo|caminar|ver)",
    ),
    signal(
        "no_care",
        "injury",
        WEAK,
        rf"no {OBJ} (?:quiere|quieren|quiso|deja|dejan|dejaron|dejo|lleva|llevan)"
        r"(?: llevar| ir)? al (?:hospital|medico|doctor|clinica)",
        r"no deja que (?:lo|la|me) llevemos",
        r"(?:will not|does not|do not|did not|never) (?:take|let) (?:me|him|her|us) (?:go )?to "
        r"(?:a |the )?(?:clinic|hospital|doctor)",
        r"no (?:hospital|doctor)|do not go to the hospital",
        r"(?:have not|has not|without) (?:seen |seeing )?a doctor",
        r"(?:says|dice) (?:its|que es|que) (?:nothing|nada)|se le pasa",
        r"(?:que )?no diga nada|keep (?:going|quiet)|que sigamos|back to the line",
        r"(?:say|diga) (?:it|que) (?:happened|paso) (?:at home|en (?:la|su) casa)",
        r"wait till night|if (?:he|she) goes to the hospital|si va al hospital",
        r"(?:sin|without|no|not|give) (?:\w+ )?(?:medicine|medication|insulin|medicinas?|insulina)",
        r"(?:medicine|medication|insulin) (?:at home|with her|with him|on time)",
    ),
    signal(
        "child_at_work",
        "child labour",
        WEAK,
        rf"(?:tengo|tiene) {_MINOR_AGE} anos(?! (?:cotizad\w*|en|aqui|alla|viviendo|de casad\w*))",
        rf"soy menor|(?:i am|he is|she is) {_MINOR_AGE}\b",
        rf"(?:mi|my|our|his|her|su) {_RELATIVE} (?:de |is |maybe |like )?{_MINOR_AGE}\b",
        rf"(?:nino|nina|ninas|ninos|kid|kids|girl|boy|menor) (?:de |is |maybe |like )?"
        rf"{_MINOR_AGE}\b",
        rf"{_MINOR_AGE} (?:yo|years old)",
        r"(?:ninas|ninos|kids|children|menores|chiquit[oa]s) (?:\w+ )?(?:trabajando|working)",
        r"hermanit[oa]|little (?:brother|sister)",
        r"(?:no va|not go|never goes|no puedo ir) (?:a la|to) (?:escuela|school)",
    ),
    signal(
        "emergency_now",
        "injury",
        STRONG,
        r"(?:i am|we are|estoy|estamos) (?:hiding|escondid[oa]s?)",
        r"(?:se esta|is) quemando|on fire|(?:hay un|there is a) (?:incendio|fire)|se prendio fuego"
        r"|burning down",
        r"inund\w*|flooding|nos llega a la|water is (?:rising|coming in)",
    ),
)
