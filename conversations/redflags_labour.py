"""The danger signals of forced labour beyond movement, contact and papers: debt, wages kept,
threats and what a threat is made of (a penalty for leaving, the police or immigration as the
stick), abuse of vulnerability, abusive conditions, excessive hours and deception.

Written like `conversations.redflags`, in its canonical text. Most are weak: "i owe the
recruiter" or "they want me to work 14 hours" is an ordinary question until a second signal
(they keep my pay so I cannot leave) makes it a person held by the debt.
"""

from __future__ import annotations

from typing import Final

from conversations.redflags import OBJ, STRONG, WEAK, Signal, signal

LABOUR_SIGNALS: Final[tuple[Signal, ...]] = (
    signal(
        "debt_bondage",
        "debt bondage",
        WEAK,
        r"(?:le )?(?:debo|debemos|owe|owes|owed) (?!me\b)|(?:le|les) debe\b",
        r"deuda|debt|intereses|interest",
        r"hasta (?:que )?(?:termine de )?(?:pague|paguemos|pagar)",
        r"(?:until|till|til) (?:i|we|she|he|its|the \w+ is) (?:pays?|paid)(?: back)?",
        r"(?:pay|pays|paid) (?:the |my |our )?(?:recruiter|contractor|coyote|agency|smuggler"
        r"|enganchador|boss|him|her|them) back",
        r"(?:pay|pays|paid|pagar|pague) (?:back|off) (?:el |the |la |mi |my )?"
        r"(?:viaje|trip|flight|pasaje|ride|fee|vuelo)",
        r"(?:viaje|trip|flight|pasaje|ride|vuelo) (?:is |was )?paid|(?:owes?|debe) (?:el|the) "
        r"(?:viaje|trip|ride|flight)",
        r"(?:hasta|till|until|til) (?:\w+ )?pag\w* (?:el|the) (?:viaje|trip|pasaje|flight)",
        r"cobra\w* (?:por cada|a (?:nosotros|mi familia))|le cobran a",
        r"me descuentan (?:casi )?todo|(?:lo|lo que) debo|asi abono",
    ),
    signal(
        "unpaid_and_trapped",
        "withholding of wages",
        WEAK,
        rf"no {OBJ} (?:han )?(?:pagan?|pagado|pagaron|paga) (?:nada|desde|hace|en)",
        r"no (?:me|nos|le|les) (?:pagan|paga)(?! (?:el|la|los|las|lo|bien|extra|overtime|horas"
        r"|a tiempo"
        r"|completo|igual|mas|por|cuando|si))",
        r"(?:me|nos) quitan (?:todo )?(?:el|mi) (?:sueldo|pago|cheque)",
        r"no me han pagado|me debe \d+ (?:meses|semanas)|(?:ya )?ni (?:me|nos) pagan",
        r"sin (?:pagarme|pagarnos|pagarle|paga|pago|sueldo|cobrar|que me paguen)",
        r"no pay|work for no pay|for nothing|for food only|only food|solo (?:la )?comida",
        r"(?:has not|have not|not) (?:been )?paid (?:since|in|for)|(?:has not|have not) been paid",
        r"have not seen a (?:dollar|cent|penny)|pay us nothing",
        r"(?:keeps|takes|holds|gets|keep|take|hold) (?:all )?(?:my|our|his|her|their) "
        r"(?:pay|money|wages|checks|paychecks|salary)",
        r"se queda\w* con (?:mi|nuestra|nuestros|su|sus|la) (?:plata|paga|sueldo|cheques|dinero)",
        r"(?:guarda|guardan) (?:el|mi|la) (?:sueldo|plata|dinero)|la plata la guardan",
        r"(?:pays?|paga) (?:me|us|nos|me) (?:only )?when|(?:paga|pays?) (?:me )?la mitad",
        r"(?:whole|all my) (?:pay|paycheck|salary)|toda mi paga|todo mi (?:sueldo|pago)",
        r"no me pagan desde hace",
        r"have not paid me in",
    ),
    signal(
        "threat_of_harm",
        "intimidation and threats",
        STRONG,
        r"(?:matar(?:me|te|lo|la)?|matan|mata|me mata|kill (?:me|us|you|him|her))",
        r"(?:desaparecer|disappear)",
        r"(?:le|les) (?:hace|hacen) algo",
        r"something will happen",
        r"(?:le|les|te|me|nos) (?:va a |van a )?pas(?:a|ar) algo",
        r"(?:hacer(?:me|le|te)?|hace) dano",
        r"(?:will|would|gonna|going to|could) (?:hurt|harm) (?:me|you|us|him|her|his|my|your|our)",
        r"(?:hurt|harm) (?:his|my|your|our|her) (?:wife|husband|family|kids|children|mom|mother)",
        r"hunt (?:me|us|you) down|(?:end|ends) up (?:in the river|dead|in a ditch|missing)",
        r"(?:terminan|acaban|terminas) (?:en el rio|muert[oa]s?|en una zanja)",
        r"(?:can|will|gets to|get to) swim (?:home|back)",
        r"(?:send|sends|mandar|manda|publicar|post) (?:\w+ )?(?:pics|photos|fotos|pictures"
        r"|videos?) "
        r"(?:of me|de mi|mias)",
        r"(?:could|will|might) have an accident",
        r"(?:la proxima|next time) (?:vez )?(?:es|is|sera|will be) (?:peor|worse)",
        r"(?:i am|you are) next",
        r"(?:me|le|nos|te) va (?:a ir )?peor|pasar lo mismo|same (?:thing )?(?:if|will)",
        r"sabe\w* (?:donde vive|mi direccion)|(?<!not )knows? (?:where (?:i|we|my|you|she|he) "
        r"(?:live|lives|family)|my address)",
        r"fotos? de (?:su|mi) casa|pic\w* of (?:my|his|her) \w+ house",
        r"amenaz\w*",
        r"threat\w*(?! to (?:write|fire|dock|cut))",
        r"(?:pistola|gun|guns|arma|knife|cuchillo)",
        r"goes after my family",
        r"(?:cobra|cobran) a mi familia",
    ),
    signal(
        "threat_of_denunciation",
        "abuse of vulnerability",
        WEAK,
        r"(?:llama|llamar|llaman|entrega|echa|denuncia|cuenta|avisa) a (?:la )?"
        r"(?:migra|inmigracion|migracion|policia)",
        r"(?:me|nos|te) (?:denuncia|denuncian|reporta|reportan|van a acusar|acusan)",
        r"(?:call|calls|calling|report|reports|reported|tell|tells|told) "
        r"(?:ice|immigration|la migra|the migra|the police|the cops)",
        r"(?:ice|immigration|la migra|police) (?:takes?|will take|picks?) (?:me|us|you)",
        r"reports me|reported as|(?:get|gets|got) picked up|meter pres[oa]",
        r"(?:send|sends|will send|manda|mandan|van a mandar) (?:us|me|you|him|her) (?:back"
        r"|de regreso)"
        r"(?! (?:to (?:the|work)|in|a (?:la|trabajar)))",
        r"(?:te|nos) (?:van a deportar|deportan)|(?:deport|report) (?:me|us|you)",
        r"(?:will|would|gonna|going to|can) (?:get |have )?(?:me |us |you )?deport\w*",
        r"(?:acusar|acusa) de robo|i stole|never get a visa|no me renuevan",
        r"(?:permit|visa|permiso) depends on",
        r"nadie (?:me|nos|le) va a creer|nobody (?:will )?believes?",
    ),
    signal(
        "penalty",
        "intimidation and threats",
        WEAK,
        r"(?:me|lo|la|nos) (?:corre|corren|echa|echan)|fire (?:me|everyone|us)|fired",
        r"(?:lose|pierdo|pierde) (?:my job|todo|the room|el cuarto|everything)",
        r"(?:me quedo|a) (?:en )?la calle|sin (?:nada|mis cosas)|no me da nada",
        r"(?:not|do not|does not) get paid|no (?:le|les|me|nos) paga la semana|no cobra",
        r"no hay pago|without pay|find the money",
    ),
    signal(
        "coerced",
        "intimidation and threats",
        WEAK,
        r"(?:si|if) (?:me|nos|te|se|alguien|i|we|you|he|she|anyone|someone) ?(?:voy|vamos|va|quejo"
        r"|quejas|quejamos|renuncio|salgo|sales|hablo|digo|cuento|paras|complain\w*|leave|leaves"
        r"|quit\w*|talk\w*|say|tell|refuse\w*|stop|go to|want it|walk)",
        r"(?:para que|so) (?:no (?:me|nos|se) (?:vaya|vayamos|vayan)|(?:i|we|he|she|nobody|no one) "
        r"(?:does not |do not |can not )?(?:run|leave|leaves|quit))",
        r"(?:if|si) (?:we|i|you) (?:do not|no) (?:pay|pagamos|pago)",
        r"(?:whoever|anyone who|anybody who) (?:\w+ )?(?:complains|leaves|refuses|stays|walks)",
        r"(?:el que|quien) (?:\w+ )?(?:se va|se queja|habla)",
        r"(?:or|o) (?:you|i|he|she) (?:lose|get|gets|do not get)|o sigo|o (?:me voy|te vas)",
    ),
    signal(
        "nowhere_to_go",
        "abuse of vulnerability",
        WEAK,
        r"no (?:tengo|tenemos|tiene) (?:a )?(?:donde|adonde|otro lugar)",
        r"nowhere (?:else )?to (?:go|sleep|stay)|i have nowhere|nowhere else",
        r"(?:duermo|vivo|duerme|vive) en su casa|(?:sleep|sleeps|sleeping|live|lives) (?:in|on|at) "
        r"(?:her|his|their) (?:house|basement|laundry room|farm)|live on their farm",
    ),
    signal(
        "vulnerable",
        "abuse of vulnerability",
        WEAK,
        r"(?:sabe|knows) (?:que |it |that )?(?:no tengo papeles|i (?:do not )?have (?:no )?papers"
        r"|soy ilegal)",
        r"(?:an|un) illegal|(?:no tengo papeles|i do not have papers) (?:y|and)|soy sin papeles",
        r"(?:se enojo|screams|grita\w*)",
    ),
    signal(
        "deprived",
        "abusive working and living conditions",
        WEAK,
        r"sin (?:agua|mascara|guantes|bano|comida|comer|calefaccion)",
        r"no (?:water|toilet|heat|food|bathroom|mask|gloves)",
        r"(?:no me dan|has not given me) (?:de comer|food)",
        r"no (?:le|les|me|nos) dan? (?:de )?(?:comer|comida)",
        r"(?:quitan|take|took) (?:away )?(?:la|our|the) (?:comida|food|water)",
        r"(?:castigo|punishment)",
        r"kneel|arrodill\w*",
        r"no (?:nos|me|la|lo|los|las|le|les) dejan? (?:parar|descansar|dormir)",
    ),
    signal(
        "unfit_housing",
        "abusive working and living conditions",
        WEAK,
        r"ratas|rats|bedbugs|chinches|minus \d+|bajo cero",
        r"(?:sleep|sleeps|sleeping|duermo|dormimos|duerme) (?:\w+ )?(?:in|on|en) (?:a |the |un "
        r"|una "
        r"|el |la |her |his |their |su )?(?:container|contenedor|shipping container|garage|garaje"
        r"|truck|storage room|laundry room|back room|floor|piso|suelo|mattress|colchon|sotano"
        r"|basement|bodega)",
        r"dormimos \d+|sleep \d+",
    ),
    signal(
        "excessive_hours",
        "excessive overtime",
        WEAK,
        r"(?:1[4-9]|2\d) (?:hours|horas|hrs|hr)",
        r"\d+ ?am (?:to|til|till|until) (?:midnight|1[0-2] ?pm)",
        r"de \d+ (?:de la manana )?a \d+ de la noche|\d+ ?am a \d+ ?pm",
        r"de sol a sol|toda la noche|all night|no sleep|sin dormir|no duermo",
        r"no (?:day|dia) (?:off|libre)|sin dia libre|7 days|siete dias|doubles every day",
        r"sin descanso|no break|no rest",
    ),
    signal(
        "fear_and_plea",
        "abuse of vulnerability",
        WEAK,
        r"tengo miedo|(?:i am|sounded|is|are) scared|afraid|asustad[oa]",
        r"(?<!hay )(?<!alguna )(?<!una )(?<!le )(?<!les )ayuda(?:me|nos)?(?! para| pa | economica"
        r"| legal| con)"
        r"|ayudenme|^help|help (?:me|us|please)|please help|help$",
        r"ya no (?:aguanto|puedo mas)|can not take (?:it|this)",
        r"crying|llorando|cries",
    ),
    signal(
        "deceived",
        "deception",
        WEAK,
        r"(?:me|nos) (?:prometieron|ofrecieron|trajeron con promesa)",
        r"(?:they )?promised (?:me|her|him|us)|promising|prometiendo|con la promesa",
        r"came (?:for|on) a (?:\w+ )?job(?: offer)?",
        r"(?:was|were|is) supposed to be (?:a|an|in)|se suponia|not what they said"
        r"|no es lo que (?:me )?(?:dijeron|prometieron)",
        r"(?:me|nos) dijeron (?:que )?(?:iba|ibamos) a",
        r"(?:they )?(?:said|told me) \d+ an hour",
        r"(?:job|trabajo) (?:does not|no) exist\w*",
        r"(?:recruited|trajeron|trajo) (?:for|para) (?:a|un|una)",
    ),
)
