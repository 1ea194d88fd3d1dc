"""Which article the words, the thread and the unknown place choose (actions/choosing.py),
on the real knowledge base and its search index."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from actions.choosing import (
    answered_country_by_country,
    answered_for_others_only,
    clearly_better,
    depends_on_the_country,
    general_only_if_singled_out,
    kept_article,
    not_for_the_named_origin,
    only_for_some_origins,
    singled_out_elsewhere,
    singled_out_for_an_origin,
    singled_out_origin,
)
from actions.knowledge_access import Library, load_library
from knowledge import Article

KNOWLEDGE = Path(__file__).parents[2] / "knowledge"


@cache
def library() -> Library:
    return load_library(KNOWLEDGE)


def _article(article_id: str) -> Article:
    found = library().kb.article(article_id)
    assert found is not None, article_id
    return found


def test_words_about_one_country_only_get_its_article_when_the_country_is_unknown() -> None:
    kb, index = library().kb, library().index
    relevance = index.scores("i pay cash at the store, is there a tax now", "en")
    chosen = kb.best_article("remittances", relevance=relevance)
    found = singled_out_elsewhere(kb, "remittances", chosen, relevance, origin=None, programme=None)
    assert found is not None
    assert found.id == "remittances-us-tax-2026"


def test_a_topic_answered_country_by_country_still_asks_where() -> None:
    kb, index = library().kb, library().index
    text = "en la empacadora me lastime el hombro y el supervisor no me quiere mandar al doctor"
    relevance = index.scores(text, "es")
    chosen = kb.best_article("injury_health", relevance=relevance)
    assert chosen is None
    assert (
        singled_out_elsewhere(kb, "injury_health", chosen, relevance, origin=None, programme=None)
        is None
    )


def test_a_document_only_one_country_issues_needs_no_origin_question() -> None:
    kb, index = library().kb, library().index
    relevance = index.scores("ocupo renovar mi dui, eso lo hacen en el consulado?", "es")
    dui = _article("consular-el-salvador-dui-passport")
    assert singled_out_origin(dui, kb.articles_for("consular_services"), relevance)


def test_a_passport_question_asks_the_origin_when_the_general_article_is_far_off() -> None:
    kb, index = library().kb, library().index
    relevance = index.scores("necesito sacar pasaporte, ya se me vencio", "es")
    general = _article("consular-what-consulate-can-do")
    assert only_for_some_origins(kb, "consular_services", general, relevance)


def test_words_that_match_one_origins_article_somewhat_better_do_not_ask_the_origin() -> None:
    kb, index = library().kb, library().index
    text = "hi my dad works at a dairy in idaho and they havent paid him in 3 weeks"
    relevance = index.scores(text, "en")
    unpaid = _article("wages-unpaid-us")
    assert not only_for_some_origins(kb, "wages", unpaid, relevance)


def test_a_follow_up_keeps_its_article_until_it_names_a_place_with_its_own() -> None:
    kb = library().kb
    general = kept_article(
        kb,
        "documents-retained-rights",
        "documents_retained",
        destination="CA",
        origin=None,
        programme=None,
    )
    assert general is not None
    canada = _article("documents-retained-canada")
    assert clearly_better(canada, general, {}, destination="CA", origin=None)
    assert not clearly_better(general, general, {}, destination="CA", origin=None)


def test_a_follow_up_naming_a_visa_drops_a_kept_article_not_written_for_it() -> None:
    kept = _article("recruitment-scam-check-h2")
    for_the_visa = _article("recruitment-fees-h2-us")
    place = {"destination": "US", "origin": None}
    assert clearly_better(for_the_visa, kept, {}, **place, programme_said="H-2A")
    assert not clearly_better(for_the_visa, kept, {}, **place)


def test_a_kept_article_of_another_country_is_dropped() -> None:
    kept = kept_article(
        library().kb,
        "documents-retained-canada",
        "documents_retained",
        destination="US",
        origin=None,
        programme=None,
    )
    assert kept is None


def test_words_that_single_out_one_origins_article_get_it_when_the_origin_is_unknown() -> None:
    kb, index = library().kb, library().index
    text = "me acaban de deportar de arizona y estoy en la garita sin nada, me ayuda mexico?"
    relevance = index.scores(text, "es")
    chosen = kb.best_article("return_reintegration", relevance=relevance)
    assert chosen is not None
    assert not chosen.countries.origin
    found = singled_out_for_an_origin(
        kb, "return_reintegration", chosen, relevance, destination=None, programme=None
    )
    assert found is not None
    assert found.id == "return-mexico-te-abraza"


def test_an_origins_article_never_replaces_one_written_for_where_the_person_is() -> None:
    kb, index = library().kb, library().index
    text = "my dad works at a dairy in idaho and they havent paid him, can he get it from mexico"
    relevance = index.scores(text, "en")
    chosen = kb.best_article("wages", destination="US", relevance=relevance)
    assert chosen is not None
    assert "US" in chosen.countries.destination
    assert (
        singled_out_for_an_origin(kb, "wages", chosen, relevance, destination="US", programme=None)
        is None
    )


def test_an_origins_article_matched_about_as_well_as_the_general_one_is_not_singled_out() -> None:
    kb, index = library().kb, library().index
    relevance = index.scores("quiero regresar a mi pais, quien me ayuda con el viaje", "es")
    chosen = kb.best_article("return_reintegration", relevance=relevance)
    assert chosen is not None
    assert (
        singled_out_for_an_origin(
            kb, "return_reintegration", chosen, relevance, destination=None, programme=None
        )
        is None
    )


def test_a_consulate_question_naming_an_origin_with_no_article_of_its_own_is_a_gap() -> None:
    # "soy de peru, el consulado peruano aqui en madrid me hace el pasaporte?"
    kb = library().kb
    general = _article("consular-what-consulate-can-do")
    assert not_for_the_named_origin(
        kb, "consular_services", general, "PE", destination="ES", programme=None
    )


def test_a_consulate_question_naming_an_origin_with_its_own_article_is_no_gap() -> None:
    kb = library().kb
    general = _article("consular-what-consulate-can-do")
    assert not not_for_the_named_origin(
        kb, "consular_services", general, "BO", destination="CL", programme=None
    )
    # Guatemala's passport article is written for the US: in Canada it is a gap.
    assert not not_for_the_named_origin(
        kb, "consular_services", general, "GT", destination="US", programme=None
    )
    assert not_for_the_named_origin(
        kb, "consular_services", general, "GT", destination="CA", programme=None
    )


def test_an_origin_named_on_a_topic_with_general_articles_is_no_gap() -> None:
    kb = library().kb
    unpaid = _article("wages-chile")
    assert not not_for_the_named_origin(kb, "wages", unpaid, "CO", destination="CL", programme=None)


def test_topics_answered_country_by_country() -> None:
    kb = library().kb
    # one article per country for anyone there: each country's law answers
    assert answered_country_by_country(kb, "harassment_discrimination")
    assert answered_country_by_country(kb, "domestic_work")
    # one article for several countries and articles for some visas are no country's law
    assert not answered_country_by_country(kb, "family_support")
    # a topic that can be urgent, with articles for two countries only: the general first steps
    assert not answered_country_by_country(kb, "missing_person")


def test_words_matching_one_countrys_harassment_line_ask_where_rather_than_choose_it() -> None:
    kb, index = library().kb, library().index
    text = "el encargado de la quinta donde trabajo me manda audios feos y ayer me quiso tocar"
    relevance = index.scores(text, "es")
    topic = "harassment_discrimination"
    chosen = kb.best_article(topic, relevance=relevance)
    assert chosen is not None
    assert not chosen.countries.destination
    assert singled_out_elsewhere(kb, topic, chosen, relevance, origin=None, programme=None) is None
    assert depends_on_the_country(kb, topic, chosen, relevance, origin=None, programme=None)


def test_a_general_article_the_words_match_best_needs_no_country() -> None:
    kb, index = library().kb, library().index
    text = "hey my boss took my passport when i got here, he says i get it back when i pay"
    relevance = index.scores(text, "en")
    chosen = kb.best_article("documents_retained", relevance=relevance)
    assert chosen is not None
    assert chosen.id == "documents-retained-rights"
    assert not depends_on_the_country(
        kb, "documents_retained", chosen, relevance, origin=None, programme=None
    )


def _general_gives_way(text: str, language: str, topic: str) -> bool:
    kb, index = library().kb, library().index
    relevance = index.scores(text, language)
    chosen = kb.best_article(topic, relevance=relevance)
    assert chosen is not None
    assert not chosen.countries.destination
    return general_only_if_singled_out(kb, topic, chosen, relevance, origin=None, programme=None)


def test_the_article_for_everywhere_on_domestic_work_gives_way_to_asking_where() -> None:
    text = "cuido a los niños de una familia y no me dan ningun dia libre en la semana"
    assert _general_gives_way(text, "es", "domestic_work")


def test_the_article_for_everywhere_the_words_single_out_still_answers() -> None:
    text = "can they put me in jail if i leave the job before the contract ends?"
    assert not _general_gives_way(text, "en", "contract")


def test_the_article_for_everywhere_on_a_topic_that_can_be_urgent_still_answers() -> None:
    text = "la dueña del restaurante me guardo el pasaporte y no me lo quiere dar"
    assert not _general_gives_way(text, "es", "documents_retained")


def test_a_question_answered_only_for_another_programme_and_country_is_a_gap() -> None:
    kb, index = library().kb, library().index
    relevance = index.scores("y a mi señora la puedo traer la otra temporada conmigo?", "es")
    situation = {"destination": "CA", "origin": None, "programme": "SAWP"}
    chosen = kb.best_article("family_support", relevance=relevance, **situation)
    assert answered_for_others_only(kb, "family_support", chosen, relevance, **situation)
    # the same question from a Mexican H-2A worker in the US has its article
    situation = {"destination": "US", "origin": "MX", "programme": "H-2A"}
    chosen = kb.best_article("family_support", relevance=relevance, **situation)
    assert chosen is not None
    assert chosen.id == "family-bringing-family-h2-us"
    assert not answered_for_others_only(kb, "family_support", chosen, relevance, **situation)


def test_another_countrys_article_that_reads_alike_is_no_gap() -> None:
    kb, index = library().kb, library().index
    text = "en la empacadora me lastime el hombro y el supervisor no me quiere mandar al doctor"
    relevance = index.scores(text, "es")
    chosen = kb.best_article("injury_health", destination="US", relevance=relevance)
    assert chosen is not None
    assert not answered_for_others_only(
        kb, "injury_health", chosen, relevance, destination="US", origin=None, programme=None
    )


def test_a_gaps_contact_serves_the_persons_country_and_never_another_nationality() -> None:
    kb = library().kb
    # the family articles for everywhere quote three nationalities' consular lines; the one
    # written for workers in Canada quotes the foreign-worker tip line
    contact = kb.gap_contact("family_support", "CA")
    assert contact is not None
    assert contact.id == "ca-tfw-tip-line"
    # a Nicaraguan in Canada is not sent to another country's consulate
    assert kb.gap_contact("consular_services", "CA", "NI") is None
    honduras = kb.gap_contact("consular_services", "US", "HN")
    assert honduras is not None
    assert honduras.consulate_of == "HN"


def test_a_question_set_where_the_person_comes_from_gets_that_origins_article() -> None:
    # A Honduran offered a job in Spain asks where the labour office is in Tegucigalpa.
    kb, index = library().kb, library().index
    text = "donde queda la oficina de trabajo para eso en tegucigalpa?"
    relevance = index.scores(text, "es")
    situation = {"destination": "ES", "origin": "HN", "relevance": relevance}
    at_work = kb.best_article("legal_channels", **situation)
    at_home = kb.best_article("legal_channels", origin_first=True, **situation)
    assert at_work is not None
    assert at_work.countries.destination == ("ES",)
    assert at_home is not None
    assert at_home.id == "legal-channels-honduras-ptte"


def test_a_kept_countrys_article_stays_when_the_words_match_the_article_for_everywhere() -> None:
    """dev o209: "dice q se lo devuelven hasta q acabe la temporada" after the US article on a
    passport kept matched the article for everywhere better; that one says the same in general
    terms, and the US one was chosen for where the person is."""
    relevance = library().index.scores("dice q se lo devuelven hasta q acabe la temporada", "es")
    kept = _article("documents-retained-us")
    everywhere = _article("documents-retained-rights")
    assert relevance[everywhere.id] >= 1.5 * relevance[kept.id]
    assert not clearly_better(everywhere, kept, relevance, destination="US", origin=None)


def test_a_kept_origins_article_stays_when_the_words_match_a_wider_agreement() -> None:
    text = "y los años que trabajo aqui en ecuador antes de irse tambien le cuentan?"
    relevance = library().index.scores(text, "es")
    kept = _article("social-security-spain-ecuador")
    wider = _article("social-security-spain-iberoamerican")
    assert not clearly_better(wider, kept, relevance, destination="ES", origin="EC")


def test_a_sibling_article_for_the_same_situation_still_replaces_the_kept_one() -> None:
    """Two articles for the same place are no wider one than the other: the words decide."""
    kept = _article("detention-find-relative-ice-us")
    sibling = _article("detention-legal-aid-removal-us")
    relevance = {kept.id: 2.0, sibling.id: 12.0}
    assert clearly_better(sibling, kept, relevance, destination="US", origin=None)


def test_a_residence_for_some_nationalities_is_no_answer_for_another() -> None:
    """Chile's Mercosur residence is written for Argentina, Bolivia, Brazil, Paraguay and
    Uruguay (its own text says so): a Venezuelan or a Colombian in Chile gets an honest gap."""
    kb = library().kb
    relevance = library().index.scores("como hago para tener papeles de trabajo?", "es")
    for origin in ("VE", "CO", "EC"):
        chosen = kb.best_article(
            "legal_channels", origin=origin, destination="CL", relevance=relevance
        )
        assert chosen is None, origin
    bolivian = kb.best_article("legal_channels", origin="BO", destination="CL", relevance=relevance)
    assert bolivian is not None
    assert bolivian.id == "legal-channels-chile-mercosur"
