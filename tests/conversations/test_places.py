"""Where a question is set: a short answer to "which country?", or a name inside a message."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from conversations.places import (
    mentioned_country,
    mentioned_origin,
    parse_country,
    parse_origin,
    placed_at_origin,
)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("en españa", "ES"),
        ("USA", "US"),
        ("EE.UU.", "US"),
        ("canada!", "CA"),
        ("mexico", "MX"),
        ("no se", None),
        ("trabaje en usa y en canada", None),
    ],
)
def test_a_short_answer_names_one_country(text: str, country: str | None) -> None:
    assert parse_country(text) == country


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("how do i get an h2a visa", "US"),
        ("mi papa esta con la H-2A en Georgia y no le pagan", "US"),
        ("trabajo en Canadá y no me pagan las horas extra", "CA"),
        ("greenhouse in leamington, 11 hrs every day", "CA"),
        ("tengo derecho a paro si me quedo sin chamba aqui en barcelona", "ES"),
        ("q es el programa gecco", "ES"),
        ("she also worked in the us for 5 years, does that count", "US"),
    ],
)
def test_a_message_that_names_one_destination_is_set_there(text: str, country: str) -> None:
    assert mentioned_country(text) == country


@pytest.mark.parametrize(
    "text",
    [
        "they dont pay us the overtime",  # "us" the pronoun
        "soy de mexico y no me pagan",  # where the person comes from, not where they work
        "i came from central america last year",
        "me voy pal norte la otra semana",  # too vague to pick the answer's country
        "trabaje en usa y ahora me voy a españa",  # two countries: ask
        "mi patron no me paga las horas extra",
    ],
)
def test_a_message_without_one_clear_destination_names_none(text: str) -> None:
    assert mentioned_country(text) is None


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        ("soy de mexico y trabajo en canada", "MX"),
        ("soy mexicana, me toca pension en españa?", "MX"),
        ("im from guatemala, can i apply", "GT"),
        ("ecuatoriana en madrid, cotice 8 años", "EC"),
        ("how do i send money to honduras cheap", "HN"),
        ("is there seasonal farm work in canada for hondurans", "HN"),
        ("le debo a la agencia de lima lo q me cobraron", "PE"),
        ("mi papa trabajo 20 años en california y ahora esta en michoacan", "MX"),
    ],
)
def test_a_message_that_names_one_origin_says_where_the_person_is_from(
    text: str, origin: str
) -> None:
    assert mentioned_origin(text) == origin


@pytest.mark.parametrize(
    "text",
    [
        "trabajo en mexico en la construccion",  # Mexico named as a place, not a nationality
        "trabajo en british columbia",
        "somos de guatemala y honduras",  # two: unknown
        "no me pagan",
    ],
)
def test_a_message_without_one_clear_origin_names_none(text: str) -> None:
    assert mentioned_origin(text) is None


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        ("Mexico", "MX"),
        ("de méxico", "MX"),
        ("soy guatemalteca", "GT"),
        ("El Salvador!", "SV"),
        ("peru", "PE"),
        ("de honduras y de mexico", None),  # two countries
        ("no le entiendo", None),
    ],
)
def test_a_short_answer_names_where_the_person_is_from(text: str, origin: str | None) -> None:
    assert parse_origin(text) == origin


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("trabajo en santiago de chile en una obra", "CL"),
        ("en la pega en antofagasta no me pagan las lucas", "CL"),
        ("laburo en buenos aires y no me pagan", "AR"),
        ("soy boliviana en mendoza, cosecha de uva", "AR"),
        ("my cousin works in chile in the mines", "CL"),
        ("comemos chile con todo", None),  # a pepper, not a country
        ("soy de cordoba", None),  # Spain or Argentina: not one country
    ],
)
def test_chile_and_argentina_are_understood_inside_a_message(
    text: str, country: str | None
) -> None:
    assert mentioned_country(text) == country


@pytest.mark.parametrize(
    ("answer", "country"), [("chile", "CL"), ("en argentina", "AR"), ("argentina po", "AR")]
)
def test_chile_and_argentina_answer_which_country(answer: str, country: str) -> None:
    assert parse_country(answer) == country


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        ("soy de arequipa", "PE"),
        ("somos paisas, de medellin", "CO"),
        ("mi hermano es de loja", "EC"),
        ("vengo de el alto", "BO"),
    ],
)
def test_andean_regions_and_demonyms_say_where_a_person_is_from(text: str, origin: str) -> None:
    assert mentioned_origin(text) == origin


# Answers of the outside dev lists the parser does not read, and why; strict, so a fix shows.
_SMALL_TOWN = "under GeoNames' 5,000 people, or only part of its name, or by sound"
_REGION = "a cultural or farm region no installed data set has"
_DISAGREE = "the writer reads it as no place; the parser's design answers it (a deliberate rule)"
_LANDMARK = "a station or landmark: no installed data set names them"
_CODE_SHARED = "'bc' is British Columbia and Baja California; the parser reads the province"
_NOT_AN_ORIGIN = "born in a destination country: the US and Spain are not read as origins"
KNOWN_MISSES = {
    "en los hongos en kenet escuer": _SMALL_TOWN,
    "cerca de la placita olvera": _LANDMARK,
    "en san quintin baja en el tomate": _SMALL_TOWN,
    "soy de san pedro soloma": "San Pedro Soloma is read as a typo of San Pedro Sula (Honduras)",
    "en baton rush": "names of two words are not read by their sound",
    "en el norfolk county en el tabaco": "Norfolk County is read as the US county (Canada's "
    "counties are in no installed data set)",
    "en el norte": _DISAGREE,
    "soy garifuna de trujillo colon": "Trujillo, Colón is under 15,000 people: nothing narrows "
    "Colón (Honduras, Panama) to one country",
    # dev4 (scored before any change made with it in view; see docs/conversations.md)
    "acabo de bajar del tren en atocha": _LANDMARK,
    "skagit valley, picking berries": _REGION,
    "en escobar en las quintas": _SMALL_TOWN,
    "ispaña": "a first letter changed is no slip the parser reads ('is' for 'es')",
    "en bc": _CODE_SHARED,
    "i was born here in san antonio texas": _NOT_AN_ORIGIN,
    "nací en madrid pero mis papas son de ecuador": _NOT_AN_ORIGIN,
    # dev5 (scored before any change made with it in view; see docs/conversations.md)
    **dict.fromkeys(
        (
            "at SFO waiting on my ride to gilroy",  # a code with no word of flying or arriving
            "en el AIFA, acabo de aterrizar",  # AIFA is no IATA code (NLU)
            "just landed at aeroparque",  # airportsdata names it after Jorge Newbery
        ),
        "an airport no rule reads without taking in ordinary words",
    ),
    **dict.fromkeys(
        (
            "right by times square, i do deliveries",
            "cerca de disneyland, hago housekeeping en un hotel",
            "en la puerta del sol vendiendo cosas",
            "en tepito",
            "en la vega central cargando cajas",
            "vendo en la salada",
            "bolivianos, en una quinta de la plata",
        ),
        _LANDMARK + " (neighbourhoods, markets, squares)",
    ),
    **dict.fromkeys(
        (
            "en mattawa, en las cherrys",
            "princess anne md, picking crab",
            "en coinco en la cosecha",
            "de tecun uman, en la frontera",
            "roatan",
            "from chincha",
        ),
        _SMALL_TOWN + "; a destination's towns are read from 5,000 people, an origin's from "
        "1,000 (GeoNames), a Mexican origin's from 5,000",
    ),
    "en escobar, en las flores": _SMALL_TOWN,
    "en conetiquet": "more than one sound changed",
    "de guajaca": "the Mexican x heard as j (Oaxaca) is no sound rule: 'xela' is Shela",
    "i live in mexico, missouri. small town": "Mexico, Missouri is a small town; the country "
    "and the state give two countries",
    "en españa, bueno ya no, ahora en francia en la vendimia": "a correction to a country not "
    "served is not read as one",
    **dict.fromkeys(
        ("waterloo", "en zamora", "salamanca", "de el progreso", "coatepeque", "de jalapa"),
        "the dev5 lead's size judgement; the parser follows the README's weight rule",
    ),
    **dict.fromkeys(
        (
            "soy de aqui, naci en houston",
            "i'm canadian, from toronto",
            "soy española, de jaen",
            "bolivia? no, mi mama es de bolivia, yo soy de salta",
        ),
        _NOT_AN_ORIGIN,
    ),
    # dev6 (first read before any change made with it in view; see tests/data/README.md)
    **dict.fromkeys(
        (
            "right by the golden gate bridge",
            "by the hollywood sign lol",
            "we're in the dmv, silver spring",
            "estacion central, cerca del mall",
            "en meiggs vendiendo",
            "en once, en un taller de costura",
            "bajo flores",
            "tegucigalpa, la colonia kennedy",
        ),
        _LANDMARK + " (or a district named without its city's name)",
    ),
    **dict.fromkeys(
        ("neza", "en yersi siti", "just got to BCN", "en la RM", "chalate", "soy rolo"),
        "a nickname, spelling by sound or code no installed data set has",
    ),
    **dict.fromkeys(
        (
            "we milk cows at a dairy a little past twin falls",
            "down in the valley, mcallen",
            "kingsville on, greenhouse",
            "florencio varela en la verdura",
            "la matanza, por gonzalez catan",
            "from san pedro, the sula one",
            "de hidalgo, del valle del mezquital",
        ),
        "a place the data has, lost among the other words of the answer",
    ),
    "en toledo": "the dev6 writer's size judgement (Toledo, Ohio against Spain's province)",
    "cerca de las cataratas del niagara": "the dev6 writer reads the falls as both countries; "
    "the parser's towns data has Niagara Falls, Ontario",
    "vivo en juarez y trabajo en el paso": "two destinations in the present: the parser reads "
    "where the person works",
    "grew up in tijuana but born in tegus": "birth against growing up: the parser reads the first",
    "soy de aqui, de buenos aires": "born in a destination country: destinations are not read as "
    "origins",
}


def _place_answers() -> list[Any]:
    """The dev lists: ours and the outside writers' (whose held-out list is not read)."""
    found: list[Any] = []
    lists = ("place_answers.tsv", "place_answers_outside.tsv", "place_answers_dev2.tsv")
    later = (
        "place_answers_dev3.tsv",
        "place_answers_dev4.tsv",
        "place_answers_dev5.tsv",
        "place_answers_dev6.tsv",
    )
    for name in (*lists, *later):
        path = Path(__file__).parents[1] / "data" / name
        with path.open(encoding="utf-8", newline="") as handle:
            rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            for row in rows:
                values = (row["question"], row["text"], row["country"] or None)
                reason = KNOWN_MISSES.get(row["text"])
                marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
                found.append(pytest.param(*values, marks=marks))
    return found


@pytest.mark.parametrize(("question", "text", "country"), _place_answers())
def test_answers_written_as_people_write_them_name_their_place(
    question: str, text: str, country: str | None
) -> None:
    parse = parse_country if question == "country" else parse_origin
    assert parse(text) == country


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("my boss dont pay overtime, im in texas", "US"),
        ("trabajo en una granja en nebraska y me lastime", "US"),
        ("me pagan en efectivo en carolina del nort", "US"),  # a typo inside a sentence
        ("my husband was picked up by ICE in houston", "US"),
        ("trabajamos en huelva en la fresa", "ES"),
        ("soy de cuenca y trabajo en murcia", "ES"),
        ("en la montaña hace frio", None),  # montaña, not Montana
        ("orlando mi amigo no tiene papeles", None),  # a first name
        ("hay una mesa de trabajo en el consulado", None),
    ],
)
def test_states_and_cities_inside_a_sentence_set_the_destination(
    text: str, country: str | None
) -> None:
    assert mentioned_country(text) == country


@pytest.mark.parametrize(
    ("text", "country"),
    [("baja california", "MX"), ("new mexico", "US"), ("nuevo mexico", "US")],
)
def test_the_longest_name_is_read_first(text: str, country: str) -> None:
    assert parse_country(text) == country


@pytest.mark.parametrize("text", ["in", "me", "OK", "ga", "de"])
def test_postal_codes_that_are_words_are_not_states(text: str) -> None:
    assert parse_country(text) is None


def test_a_state_code_in_capitals_is_a_state() -> None:
    assert parse_country("GA") == "US"


def test_a_state_named_with_a_city_is_one_country_not_two() -> None:
    assert parse_country("estados unidos ya le dije, north carolina") == "US"


def test_a_mexican_state_says_where_the_person_is_from() -> None:
    assert mentioned_origin("soy de veracruz y estoy en georgia") == "MX"


def test_a_name_written_right_wins_over_a_word_that_looks_like_a_typo_of_another() -> None:
    # "tabaco" is one letter from Tabasco (Mexico), but South Carolina is written right.
    assert parse_country("en carolina del sur, en un campo de tabaco") == "US"


def test_a_vague_name_gives_way_to_a_precise_one() -> None:
    assert parse_country("estoy en el norte de chile, calama") == "CL"
    assert parse_country("el norte") == "US"


@pytest.mark.parametrize(
    ("text", "country"),
    [("im in NC rn", "US"), ("upstate ny on a farm", "US"), ("estoy en ca", "US"), ("nm ya", None)],
)
def test_a_postal_code_counts_anywhere_in_a_short_answer(text: str, country: str | None) -> None:
    assert parse_country(text) == country


@pytest.mark.parametrize(
    ("text", "country"), [("canda", "CA"), ("de mexio", "MX"), ("chale", None)]
)
def test_a_six_letter_country_with_a_letter_missing_is_understood(
    text: str, country: str | None
) -> None:
    assert parse_country(text) == country


@pytest.mark.parametrize(
    ("text", "country", "origin"),
    [
        ("im stuck in monterrey, i want to go back to nicaragua", "MX", "NI"),
        ("estoy en tapachula y soy de honduras", "MX", "HN"),
        ("soy de michoacan y mi esposa de guatemala", None, None),  # two origins, nobody in MX
    ],
)
def test_a_person_in_a_mexican_place_from_another_country_is_in_mexico(
    text: str, country: str | None, origin: str | None
) -> None:
    assert (mentioned_country(text), mentioned_origin(text)) == (country, origin)


@pytest.mark.parametrize(
    ("text", "country", "origin"),
    [
        ("ando en tijuana sin trabajo y quiero volver a mi pais", "MX", None),
        ("i'm in ciudad juarez now, i just want to go back to my country", "MX", None),
        ("soy de monterrey y quiero regresar a mi pais", None, "MX"),  # from there, not in it
        ("estoy en puebla y quiero irme a trabajar a canada", "CA", "MX"),  # at home, leaving
    ],
)
def test_a_person_in_a_mexican_place_going_back_to_their_country_is_in_mexico_from_elsewhere(
    text: str, country: str | None, origin: str | None
) -> None:
    assert (mentioned_country(text), mentioned_origin(text)) == (country, origin)


@pytest.mark.parametrize("text", ["gracias", "muchas gracias", "ok gracias amigo"])
def test_thanks_is_no_typo_of_a_short_place_name(text: str) -> None:
    assert (parse_country(text), mentioned_country(text)) == (None, None)


@pytest.mark.parametrize(
    ("text", "country", "origin"),
    [
        ("trabaje en usa y ahora en canada", "CA", None),
        ("de honduras pero vivo en mexico", "MX", "HN"),
        ("naci en puebla pero ahora estoy en texas", "US", "MX"),
        ("antes en españa, now in BC", "CA", None),
    ],
)
def test_an_answer_naming_two_places_is_read_by_the_question_asked(
    text: str, country: str | None, origin: str | None
) -> None:
    assert (parse_country(text), parse_origin(text)) == (country, origin)


@pytest.mark.parametrize(
    ("text", "question", "place"),
    [
        ("leon, españa", "country", "ES"),  # León is in Spain and Nicaragua
        ("granada, nicaragua", "origin", "NI"),  # Granada too
        ("en walla walla", "country", "US"),  # a town of 30,000
        ("q onda", "country", None),  # Onda, a Spanish town, is not said as a place
        ("es normal", "country", None),
    ],
)
def test_names_of_several_countries_and_small_towns_give_way(
    text: str, question: str, place: str | None
) -> None:
    parse = parse_country if question == "country" else parse_origin
    assert parse(text) == place


@pytest.mark.parametrize(
    ("text", "question", "place"),
    [
        ("ontaryo", "country", "CA"),  # as it sounds
        ("en kebek", "country", "CA"),
        ("catrachita", "origin", "HN"),  # a diminutive
        ("tiquita", "origin", "CR"),
        ("soy regiomontano", "origin", "MX"),  # a demonym
        ("quiteña", "origin", "EC"),
        ("quinta region", "country", "CL"),  # Chile's numbered regions
        ("en el valle de coachella", "country", "US"),  # a farm region
        ("now in BC", "country", "CA"),  # a province's symbol in capitals
        ("bc i dont know", "country", None),  # "because"
    ],
)
def test_names_written_as_they_sound_diminutives_demonyms_and_regions(
    text: str, question: str, place: str | None
) -> None:
    parse = parse_country if question == "country" else parse_origin
    assert parse(text) == place


@pytest.mark.parametrize(
    ("text", "question", "place"),
    [
        ("🇨🇦", "country", "CA"),  # a flag emoji is the country's ISO code
        ("de aqui 🇭🇳", "origin", "HN"),
        ("🇫🇷", "country", None),  # a country Enlace does not answer for
    ],
)
def test_a_flag_emoji_names_its_country(text: str, question: str, place: str | None) -> None:
    parse = parse_country if question == "country" else parse_origin
    assert parse(text) == place


@pytest.mark.parametrize(
    ("text", "question", "place"),
    [
        ("no estoy en texas, estoy en ontario", "country", "CA"),
        ("en canada no, en arizona", "country", "US"),
        ("no soy hondureño, soy de nicaragua", "origin", "NI"),
        ("no se, en texas creo", "country", "US"),  # "no sé" denies nothing
    ],
)
def test_a_part_that_says_where_the_person_is_not_gives_way(
    text: str, question: str, place: str | None
) -> None:
    parse = parse_country if question == "country" else parse_origin
    assert parse(text) == place


def test_a_person_who_went_back_is_where_they_went() -> None:
    assert parse_country("trabajaba en texas y me regrese a michoacan") == "MX"


def test_a_long_answer_is_read_as_a_sentence() -> None:
    chatty = "buenas noches, perdone la molestia, mi hermano y yo ahorita andamos trabajando"
    assert parse_country(f"{chatty} en arizona en la lechuga") == "US"
    # In a long answer a short word is no place ("us" is the pronoun), as inside a sentence.
    assert parse_country("they lock the gate at night and say we owe them, 14 of us here") is None


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("N.C.", "US"),  # dots, like capitals, make an abbreviation
        ("aqui en wa en la manzana", "US"),  # a code after "en"
        ("en mi casa", None),  # "mi", Michigan, is a word after "en"
        ("en kingsville on", "CA"),  # a province's code after a town of that country
    ],
)
def test_abbreviations_written_otherwise(text: str, country: str | None) -> None:
    assert parse_country(text) == country


@pytest.mark.parametrize(
    ("text", "question", "place"),
    [
        ("en jorjia", "country", "US"),  # a soft g heard as j
        ("en omaja", "country", "US"),  # an English h written as the Spanish j
        ("en kentoki", "country", "US"),  # one sound changed
        ("salbador", "origin", "SV"),  # El Salvador without its article
        ("de chalate", "origin", "SV"),  # a name cut short: Chalatenango
        ("en guadalajara", "country", None),  # a Mexican city and a Spanish province
        ("entre texas y ontario", "country", None),  # both places
        ("ahorita en texas de paso", "country", "US"),  # "de paso" is no typo of El Paso
    ],
)
def test_names_heard_cut_or_shared(text: str, question: str, place: str | None) -> None:
    parse = parse_country if question == "country" else parse_origin
    assert parse(text) == place


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("aqui en el 213", "US"),  # a telephone area code said as a place
        ("the 416 area", "CA"),
        ("en el 800", None),  # toll-free: no place
        ("en el 123", None),  # no area code
        ("zip code 27513", "US"),  # the word says the US postal system
        ("28001", None),  # a bare five-digit code is Spain's, Mexico's or the US's
    ],
)
def test_area_codes_and_zip_codes_said_as_a_place(text: str, country: str | None) -> None:
    assert parse_country(text) == country


@pytest.mark.parametrize(
    ("answer", "country"),
    [("oregno", "US"), ("georga", "US"), ("chileee", "CL"), ("spian", "ES"), ("kansass", "US")],
)
def test_a_short_name_written_with_one_slip_is_read(answer: str, country: str) -> None:
    assert parse_country(answer) == country


@pytest.mark.parametrize(
    "answer", ["while", "en el tabaco", "en la leche", "saltar", "en la fuente"]
)
def test_ordinary_words_a_slip_away_from_a_name_are_no_place(answer: str) -> None:
    assert parse_country(answer) is None


@pytest.mark.parametrize(
    ("question", "answer", "country"),
    [
        ("origin", "de trujillo", None),  # Peru's and Venezuela's
        ("origin", "de valencia", "VE"),  # Spain is no origin Enlace serves
        ("country", "en valencia", "ES"),  # Venezuela is no destination
        ("country", "en leon", None),  # Guanajuato's León and Spain's province
        ("country", "en san jose", "US"),  # Costa Rica is no destination
    ],
)
def test_a_shared_name_alone_is_the_served_country_of_the_question_or_nothing(
    question: str, answer: str, country: str | None
) -> None:
    parse = parse_country if question == "country" else parse_origin
    assert parse(answer) == country


def test_a_place_and_its_region_narrow_each_other() -> None:
    assert parse_origin("trujillo, la libertad") == "PE"


def test_what_follows_a_correction_is_the_answer() -> None:
    assert parse_country("en murcia, no perdon, en texas") == "US"


def test_a_us_county_is_in_the_us_unless_the_answer_says_canada() -> None:
    assert parse_country("kern county") == "US"
    assert parse_country("in canada on a work permit, essex county") == "CA"


def test_a_town_named_before_a_state_is_that_states_town() -> None:
    assert parse_country("london kentucky") == "US"


def test_a_town_is_read_by_its_short_name() -> None:
    assert parse_country("en pozuelo") == "ES"


def test_the_country_beside_the_place_gives_way() -> None:
    assert parse_origin("de cucuta, en la frontera con venezuela") == "CO"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("soy camarera de pisos en un hotel de benidorm, me pagan las extras en negro", "ES"),
        ("hello, i got hurt at the mine in calama, broke my finger", "CL"),
        # A US town is often an English word: no place inside a question.
        ("and overtime? in spring some weeks we did 55 and got straight pay", None),
        ("trabajo en la fuente de sodas y no me pagan", None),
    ],
)
def test_a_town_said_as_a_place_inside_a_question_names_its_country(
    text: str, country: str | None
) -> None:
    assert mentioned_country(text) == country


@pytest.mark.parametrize(
    ("text", "origin", "at_origin"),
    [
        ("donde queda la oficina de trabajo para eso en tegucigalpa?", "HN", True),
        ("y los años que trabajo aqui en ecuador tambien le cuentan?", "EC", True),
        ("we're in lima, can i report it from here?", "PE", True),
        ("soy de honduras, a quien le pregunto?", "HN", False),
        ("trabajo en madrid y soy de peru", "PE", False),
        ("donde queda la oficina en tegucigalpa?", None, False),
    ],
)
def test_a_question_may_be_set_where_the_person_comes_from(
    text: str, origin: str | None, at_origin: bool
) -> None:
    assert placed_at_origin(text, origin) is at_origin


@pytest.mark.parametrize(
    ("answer", "country"),
    [
        ("en tijuana, no, ya cruce, ya estoy en san diego", "US"),
        ("im in canada, no wait, back in the states, buffalo", "US"),
        ("en chile, digo argentina, en mendoza en la uva", "AR"),
    ],
)
def test_a_lone_no_digo_or_no_wait_corrects_the_place_before_it(answer: str, country: str) -> None:
    assert parse_country(answer) == country


def test_the_part_that_says_where_the_person_is_now_is_read_with_typos_first() -> None:
    assert parse_country("soy de guerrero pero estoy en jorja") == "US"


def test_a_lost_diaeresis_is_heard_as_hue() -> None:
    assert parse_country("güelva") == "ES"


@pytest.mark.parametrize(
    ("answer", "country"),
    [
        ("idk the boss just drives us", None),
        ("can the consulate call us?", None),
        ("in the us", "US"),
        ("us", "US"),
        ("en US", "US"),
    ],
)
def test_us_after_a_verb_is_the_pronoun(answer: str, country: str | None) -> None:
    assert parse_country(answer) == country


@pytest.mark.parametrize(
    ("answer", "origin"),
    [
        ("soy de chajul", "GT"),  # towns of the origins under 15,000 people (GeoNames)
        ("from juayua", "SV"),
        ("de ciudad barrios, san miguel", "SV"),
        ("de pajapita", "GT"),
    ],
)
def test_a_small_town_of_an_origin_says_where_the_person_is_from(answer: str, origin: str) -> None:
    assert parse_origin(answer) == origin


@pytest.mark.parametrize(
    "answer", ["gracias", "ok gracias", "de salud", "de muy muy", "soy de jerez"]
)
def test_an_origins_small_town_named_like_a_word_is_no_place(answer: str) -> None:
    assert parse_origin(answer) is None


@pytest.mark.parametrize(
    ("answer", "question", "place"),
    [
        ("hola buenas, mi hijo esta en canada pero yo estoy en texas", "country", "US"),
        ("hi my wife is in mexico, im in georgia", "country", "US"),
        ("hola, mi esposo trabaja en florida, yo en ontario", "country", "CA"),
        ("my mom is from honduras, im from guatemala", "origin", "GT"),
        ("mi esposo es de honduras y yo de guatemala", "origin", "GT"),
        ("yo estoy en georgia y mi esposo en canada", "country", "US"),
        ("mi esposo y yo estamos en canada", "country", "CA"),
        ("hola buenas tardes, aqui en canada, mi esposa esta en mexico", "country", "CA"),
        # the writer's town is read after names written right: the relative's waits for it
        ("my brother is in winnipeg but im in fargo", "country", "US"),
        ("my wifes from peru, im from guatemala", "origin", "GT"),  # a relative's possessive
        # no part says where the writer is: two places, none chosen
        ("mi hijo nacio aca en españa, como le saco el pasaporte mexicano", "country", None),
    ],
)
def test_a_relatives_place_gives_way_to_the_writers(
    answer: str, question: str, place: str | None
) -> None:
    parse = parse_country if question == "country" else parse_origin
    assert parse(answer) == place


@pytest.mark.parametrize(
    ("answer", "country"),
    [
        ("en las condes", "CL"),  # a comuna of Santiago
        ("en vitacura haciendo aseo", "CL"),
        ("en villa crespo", "AR"),  # a barrio of Buenos Aires
        ("en el barrio palermo", "AR"),  # named like another place: beside "barrio"
        ("palermo, buenos aires", "AR"),
        ("providencia, santiago", "CL"),
        ("en la florida", "US"),  # the comuna only beside "comuna" or "santiago"
        ("vivo en palermo", None),
        ("recoleta", None),  # a comuna of Santiago and a barrio of Buenos Aires
    ],
)
def test_a_big_citys_district_names_its_country(answer: str, country: str | None) -> None:
    assert parse_country(answer) == country


def test_a_district_said_as_the_place_inside_a_question_names_its_country() -> None:
    assert mentioned_country("trabajo en las condes y no me pagan") == "CL"
    assert mentioned_country("trabajo en la florida en la naranja y no me pagan") == "US"


@pytest.mark.parametrize(
    ("answer", "country"),
    [
        ("en los mochis", "MX"),  # towns whose names begin with an article
        ("en las cruces", "US"),
        ("en la mojonera", "ES"),
        ("en el centro", None),  # phrases people write (`ARTICLE_TOWNS_AS_WORDS`)
        ("en la curva", None),
        ("en la huerta", None),
        ("at the village", None),
    ],
)
def test_a_town_whose_name_begins_with_an_article_is_read_unless_a_phrase(
    answer: str, country: str | None
) -> None:
    assert parse_country(answer) == country


@pytest.mark.parametrize(
    ("answer", "country"),
    [
        ("vineland ontario, en un greenhouse", "CA"),  # not Vineland, NJ: the province says
        ("ontario california", "US"),  # Ontario, CA before its state, not the province
        ("london kentucky", "US"),
        ("london ontario", "CA"),
    ],
)
def test_a_town_named_before_a_region_is_that_regions_before_shared_names_give_way(
    answer: str, country: str
) -> None:
    assert parse_country(answer) == country


@pytest.mark.parametrize(
    ("answer", "country"),
    [
        ("el rancho se llama texas pero es en chihuahua", "MX"),  # a thing's name gives way
        ("i work at a store called la michoacana in ohio", "US"),
        ("estoy en texas, la empresa se llama canada farms", "US"),
    ],
)
def test_a_name_said_as_what_a_thing_is_called_gives_way(answer: str, country: str) -> None:
    assert parse_country(answer) == country


@pytest.mark.parametrize(
    ("answer", "country"),
    [
        ("Wash.", "US"),  # a state's name cut short with a dot, as the AP style writes it
        ("im in Calif. near fresno", "US"),
        ("Sask.", "CA"),
        ("Miss.", None),  # Mississippi and Missouri
        ("Que.", None),  # a word: three letters are too few
    ],
)
def test_a_state_or_province_cut_short_with_a_dot_is_read(answer: str, country: str | None) -> None:
    assert parse_country(answer) == country


@pytest.mark.parametrize(
    ("answer", "origin"),
    [
        ("de guanacaste", "CR"),  # Costa Rica's and Panama's provinces (ISO 3166-2)
        ("soy de cartago", "CR"),
        ("soy de colon, panama", "PA"),
    ],
)
def test_costa_rica_and_panamas_provinces_say_where_a_person_is_from(
    answer: str, origin: str
) -> None:
    assert parse_origin(answer) == origin


def test_the_darien_is_a_route_not_where_a_person_comes_from() -> None:
    assert mentioned_origin("mi hijo salio de ecuador pa cruzar el darien y no contesta") == "EC"
