"""The red-flag patterns read danger as people write it: indirect, in shorthand, in either
language, about themselves or a relative now; and they leave ordinary questions, memories,
hypotheticals, jokes and the news alone. Every example here was written for this test."""

from __future__ import annotations

import pytest

from conversations.danger import SIGNALS, is_urgent, read_danger
from conversations.redflags import words_pattern

# (ILO indicator or facts.md signal that must be in the evidence, message)
DANGER_NOW = [
    ("restriction of movement", "la doña cierra el porton con candado y se lleva la llave"),
    ("restriction of movement", "the boss wont let my brother leave the ranch till october"),
    ("restriction of movement", "pa salir al super hay q pedirle permiso al encargado y nunca da"),
    ("restriction of movement", "the farmer locks the bunkhouse from outside every night"),
    ("retention of identity documents", "quiero irme pero el patron no me devuelve el pasaporte"),
    ("retention of identity documents", "boss got my pasport n says i cant go til i pay"),
    ("debt bondage", "le debo al enganchador el pasaje y me descuentan todo, no puedo renunciar"),
    ("debt bondage", "we have to pay the recruiter back 5000 and he keeps all our checks"),
    ("withholding of wages", "llevo 5 meses sin cobrar y si me voy no me da nada"),
    ("withholding of wages", "the owner keeps our wages so we dont run, we sleep in the back room"),
    ("intimidation and threats", "el mayordomo dijo q si me quejo le pasa algo a mi familia"),
    ("intimidation and threats", "my boss says he knows where my family lives and i better stay"),
    ("abuse of vulnerability", "he said if i talk to the inspector he will call ice on me"),
    ("abuse of vulnerability", "she knows i have no papers and says nobody will believe me"),
    ("isolation", "le quitaron el cel a mi hermana y solo me escribe a escondidas de noche"),
    ("isolation", "they dont let my mom call us and the lady took her phone"),
    ("abusive working and living conditions", "dormimos en el suelo de la bodega sin bano"),
    ("excessive overtime", "we work 18 hours a day with no day off and they give us no food"),
    ("deception", "they brought us promising a hotel job and now we work for nothing"),
    ("deception", "me prometieron trabajo en un hotel y me tienen limpiando sin paga"),
    ("physical and sexual violence", "el capataz me cacheteo hoy enfrente de todos"),
    ("physical and sexual violence", "my sister says her boss forces her to sleep with him"),
    ("physical and sexual violence", "el patron me acosa y entra a mi cuarto en la noche"),
    ("detention", "la migra agarro a mi primo en la obra hoy"),
    ("detention", "im in a cell at the county jail and they say ice comes tonight"),
    ("missing person", "mi hermano cruzo hace 6 dias y desde el domingo no contesta"),
    ("missing person", "my sister went to work in lima and her phone is off since friday"),
    ("injury", "me cai de la escalera y el encargado no me quiere llevar al hospital"),
    ("injury", "my cousin broke his leg at the site and the boss says no hospital"),
    ("child labour", "tengo 14 años y el señor me hace trabajar toda la noche y se queda mi paga"),
    ("child labour", "my nephew is 15 and the contractor keeps his id"),
    ("smuggling", "el pollero nos dejo en el monte y se acabo el agua"),
    ("smuggling", "they have my son and want 4000 or they wont let him go"),
    ("trafficking", "i think they sold me to another farm, nobody asked me"),
]


@pytest.mark.parametrize(("indicator", "text"), DANGER_NOW)
def test_indirect_danger_now_is_urgent_and_names_its_indicator(indicator: str, text: str) -> None:
    reading = read_danger(text)
    assert is_urgent(reading), reading
    assert indicator in reading.indicators


ORDINARY = [
    "my boss keeps my passport copy for payroll, is that normal?",
    "que pasa si renuncio antes de que acabe mi contrato",
    "mi hijo de 16 quiere trabajar en el verano, puede?",
    "they dont let us out till 6am on the night shift, what is the night pay",
    "no me pagan el overtime de los sabados, a quien le reclamo",
    "quiero irme a otro trabajo, como cambio de empleador",
    "mi hermano no contesta el telefono, que horario tiene el consulado",
    "tengo 10 años cotizados en españa, me puedo jubilar en ecuador",
    "el seguro del trabajo cubre si me corto la mano?",
    "my employer says i have to pay back the training if i quit early, is that enforceable",
    "no tengo donde quedarme esta noche, hay albergues en madrid?",
    "i cant go back to my country because of the protests, what are my options",
    "a cow kicked my dad at the dairy and he went to emergency, who pays",
    "nos pueden echar del trabajo si nos quejamos de la comida?",
    "mi hijo viene de regreso a mexico despues de 8 años, que tramites hace",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_an_ordinary_question_with_danger_words_is_not_urgent(text: str) -> None:
    assert not is_urgent(read_danger(text))


NEAR_MISSES = [
    ("past_event", "hace 5 años mi patron me quito el pasaporte y no me dejaba salir, ya sali"),
    ("past_event", "my old boss threatened to call ice when i quit, nothing happened"),
    ("safe_now", "a mi vecina no la dejaban salir de la casa, ya esta libre y en un refugio"),
    ("imagined", "supongamos q el patron me quita el pasaporte y no me deja ir, q hago"),
    ("hypothetical", "if the contractor keeps my passport and wont let me leave, who do i call"),
    ("hypothetical", "and if my cousin complains about the housing can they send him back?"),
    ("hypothetical", "y si mi hermano se queja de la casa lo pueden regresar?"),
    ("news", "escuche en la radio q secuestran migrantes en el tren"),
    ("student", "for my class i am writing about workers locked in a factory, what are the signs"),
    ("joke", "jaja el jefe dice q nadie sale hasta q se acabe el pastel"),
]


@pytest.mark.parametrize(("marker", "text"), NEAR_MISSES)
def test_a_memory_a_hypothetical_the_news_or_a_joke_is_not_urgent(marker: str, text: str) -> None:
    reading = read_danger(text)
    assert marker in reading.markers
    assert not is_urgent(reading)


def test_a_past_told_with_and_now_is_ongoing_danger() -> None:
    text = "he kept my passport 8 months ago and now he says i cant leave till i sign again"
    assert "past_event" not in read_danger(text).markers
    assert is_urgent(read_danger(text))


def test_two_weak_signals_make_danger_and_one_does_not() -> None:
    assert not is_urgent(read_danger("el contratista tiene mi pasaporte"))
    assert is_urgent(read_danger("el contratista tiene mi pasaporte y dice q le debo el viaje"))


def test_a_relative_far_away_who_stopped_answering_is_missing_and_a_busy_line_is_not() -> None:
    assert is_urgent(read_danger("mi papa se fue al norte y ya no contesta"))
    assert not is_urgent(read_danger("my brother doesnt answer, whats the consulate phone"))


def test_patterns_match_whole_words_only() -> None:
    pattern = words_pattern("debt", "^help")
    assert pattern.search(" my debt")
    assert not pattern.search(" indebted")
    assert pattern.search(" help me")
    assert not pattern.search(" please help me")


def test_every_signal_names_an_indicator_and_a_weight() -> None:
    assert all(signal.indicator and signal.weight in (1, 2) for signal in SIGNALS)
    assert len({signal.name for signal in SIGNALS}) == len(SIGNALS)
