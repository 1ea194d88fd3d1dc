"""Loading the knowledge base and choosing the article a person gets."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from knowledge import KnowledgeBase, KnowledgeBaseError, load_knowledge_base
from knowledge.models import Article, Contact, Topic

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "kb_broken"
VALID = FIXTURES / "valid"
TOPICS = {"wages": Topic(id="wages", en="Wages", es="Salarios")}


def make_article(
    article_id: str, origin: list[str], destination: list[str], programmes: tuple[str, ...] = ()
) -> Article:
    localized = {
        "title": "t",
        "short": "s",
        "full": "f",
        "questions": [f"{article_id} question"],
    }
    data: dict[str, Any] = {
        "id": article_id,
        "topic": "wages",
        "countries": {"origin": origin, "destination": destination},
        "programmes": list(programmes),
        "reviewed": "2026-11-23",
        "reviewed_by": "tests",
        "contacts": [],
        "sources": [{"title": "ILO C181", "instrument": "C181 Art. 7"}],
        "es": localized,
        "en": localized,
    }
    return Article.model_validate(data, context={"topics": {"wages"}})


def make_kb(*articles: Article, contacts: tuple[Contact, ...] = ()) -> KnowledgeBase:
    return KnowledgeBase(topics=TOPICS, articles=articles, contacts=contacts)


def make_contact(
    contact_id: str, serves: list[str], *, urgent: bool, phone: str = "112", **extra: Any
) -> Contact:
    return Contact.model_validate(
        {
            "id": contact_id,
            "name": {"es": contact_id, "en": contact_id},
            "serves": serves,
            "phone": phone,
            "hours": {"es": "24 horas", "en": "24/7"},
            "open_24_7": True,
            "languages": ["es"],
            "urgent": urgent,
            "sources": [{"title": "source", "url": "https://example.org/page"}],
            "verification": {
                "level": "official",
                "url": "https://example.org/page",
                "checked": "2026-11-23",
            },
            **extra,
        }
    )


GENERAL = make_article("wages-general", [], [])
IN_US = make_article("wages-us", [], ["US"])
FROM_MX = make_article("wages-from-mx", ["MX"], [])
FROM_MX_IN_US = make_article("wages-mx-in-us", ["MX"], ["US"])


def test_the_fixture_knowledge_base_loads() -> None:
    kb = load_knowledge_base(VALID)
    assert len(kb.articles) == 6
    assert set(kb.contacts) == {"us-trafficking-hotline", "us-dol-whd", "es-112"}
    assert list(kb.topics) == ["wages", "documents_retained"]


def test_articles_are_found_by_id_and_by_topic() -> None:
    kb = load_knowledge_base(VALID)
    assert kb.article("wages-unpaid-us") is not None
    assert kb.article("nope") is None
    assert [a.id for a in kb.articles_for("wages")] == [
        "wages-minimum-wage",
        "wages-unpaid-ca",
        "wages-unpaid-us",
    ]


def test_a_broken_file_raises_a_typed_error_naming_file_and_field(tmp_path: Path) -> None:
    root = tmp_path / "knowledge"
    shutil.copytree(VALID, root)
    shutil.copy(FIXTURES / "broken" / "wages-missing-en.yml", root / "articles" / "wages")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(root)
    (problem,) = caught.value.problems
    assert (problem.path, problem.field) == ("knowledge/articles/wages/wages-missing-en.yml", "en")


def test_content_warnings_do_not_stop_the_app_from_loading(tmp_path: Path) -> None:
    root = tmp_path / "knowledge"
    shutil.copytree(VALID, root)
    (root / "articles" / "wages" / "wages-unpaid-ca.yml").unlink()  # coverage is a checker rule
    assert len(load_knowledge_base(root).articles) == 5


def test_a_destination_match_beats_an_origin_match() -> None:
    kb = make_kb(GENERAL, IN_US, FROM_MX)
    best = kb.best_article("wages", origin="MX", destination="US")
    assert best is IN_US


H2_IN_US = make_article("h2-us", [], ["US"], ("H-2A", "H-2B"))
H2B_IN_US = make_article("h2b-us", [], ["US"], ("H-2B",))
# "aaa" sorts first: a visa article would win the tie if programmes did not rank.
H2A_FIRST = make_article("aaa-h2a-us", [], ["US"], ("H-2A",))


def test_a_person_who_named_no_visa_gets_the_general_article_of_the_place() -> None:
    kb = make_kb(H2A_FIRST, IN_US)
    assert kb.best_article("wages", destination="US") is IN_US


def test_a_person_on_a_visa_gets_the_article_for_it() -> None:
    kb = make_kb(IN_US, H2_IN_US)
    assert kb.best_article("wages", destination="US", programme="H-2A") is H2_IN_US


def test_an_article_for_another_visa_is_never_chosen() -> None:
    kb = make_kb(H2B_IN_US, GENERAL)
    assert kb.best_article("wages", destination="US", programme="H-2A") is GENERAL


def test_a_visa_article_still_answers_when_it_is_all_there_is() -> None:
    assert make_kb(H2_IN_US).best_article("wages", destination="US") is H2_IN_US


def test_matching_destination_and_origin_beats_destination_alone() -> None:
    kb = make_kb(GENERAL, IN_US, FROM_MX_IN_US)
    assert kb.best_article("wages", origin="MX", destination="US") is FROM_MX_IN_US


def test_an_origin_match_beats_a_general_article() -> None:
    kb = make_kb(GENERAL, IN_US, FROM_MX)
    assert kb.best_article("wages", origin="MX", destination="ES") is FROM_MX


def test_a_general_article_is_the_fallback() -> None:
    kb = make_kb(GENERAL, IN_US, FROM_MX)
    assert kb.best_article("wages", origin="GT", destination="CA") is GENERAL


def test_an_article_for_another_country_is_never_chosen() -> None:
    kb = make_kb(IN_US)
    assert kb.best_article("wages", origin=None, destination="ES") is None


def test_an_unknown_location_gets_the_general_article() -> None:
    kb = make_kb(GENERAL, IN_US)
    assert kb.best_article("wages", origin=None, destination=None) is GENERAL


def test_ties_are_broken_by_id() -> None:
    other_general = make_article("wages-another-general", [], [])
    kb = make_kb(GENERAL, other_general)
    assert kb.best_article("wages", origin=None, destination=None) is other_general


def test_a_topic_needs_the_country_when_articles_differ_by_destination() -> None:
    assert make_kb(GENERAL, IN_US).needs_country("wages") is True


def test_a_topic_with_only_general_articles_does_not_need_the_country() -> None:
    other_general = make_article("wages-another-general", [], [])
    assert make_kb(GENERAL, other_general, FROM_MX).needs_country("wages") is False


def test_urgent_contacts_are_those_serving_the_destination_in_file_order() -> None:
    us_line = make_contact("us-line", ["US"], urgent=True, phone="911")
    es_line = make_contact("es-line", ["ES"], urgent=True)
    office = make_contact("us-office", ["US"], urgent=False, phone="1-866-487-9243")
    kb = make_kb(contacts=(es_line, us_line, office))
    assert kb.urgent_contacts("US") == [us_line]
    assert kb.urgent_contacts(None) == [es_line, us_line]


def test_a_lowercase_country_code_is_rejected() -> None:
    with pytest.raises(ValidationError, match="2-letter uppercase country code"):
        make_article("wages-bad-country", [], ["us"])


def test_a_reviewed_date_is_read_as_a_date() -> None:
    assert GENERAL.reviewed == date(2026, 11, 23)


def test_an_integer_is_not_accepted_as_a_date() -> None:
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        Article.model_validate(
            {**GENERAL.model_dump(), "reviewed": 20261123}, context={"topics": {"wages"}}
        )


def test_a_source_needs_a_url_or_an_instrument() -> None:
    data = {**GENERAL.model_dump(), "sources": [{"title": "a book"}]}
    with pytest.raises(ValidationError, match="a source needs a url or an instrument"):
        Article.model_validate(data, context={"topics": {"wages"}})


def test_an_unknown_field_is_rejected() -> None:
    data = {**GENERAL.model_dump(), "sorces": []}
    with pytest.raises(ValidationError, match="sorces"):
        Article.model_validate(data, context={"topics": {"wages"}})


def test_among_equal_country_matches_the_most_relevant_article_wins() -> None:
    other_general = make_article("wages-another-general", [], [])
    kb = make_kb(GENERAL, other_general)
    relevance = {GENERAL.id: 4.0, other_general.id: 1.5}
    assert kb.best_article("wages", relevance=relevance) is GENERAL


def test_a_country_match_outranks_relevance() -> None:
    kb = make_kb(GENERAL, IN_US)
    relevance = {GENERAL.id: 9.0, IN_US.id: 6.0}
    assert kb.best_article("wages", destination="US", relevance=relevance) is IN_US
    assert kb.best_article("wages", destination="US", relevance={GENERAL.id: 3.0}) is IN_US


def test_an_article_the_question_clearly_matches_outranks_one_it_does_not() -> None:
    kb = make_kb(GENERAL, IN_US)
    relevance = {GENERAL.id: 19.0, IN_US.id: 4.0}
    assert kb.best_article("wages", destination="US", relevance=relevance) is GENERAL


def test_words_matching_a_visa_article_do_not_push_out_the_general_one() -> None:
    kb = make_kb(IN_US, H2_IN_US)
    relevance = {H2_IN_US.id: 19.0, IN_US.id: 8.5}
    assert kb.best_article("wages", destination="US", relevance=relevance) is IN_US


def test_an_unknown_origin_prefers_an_article_for_every_origin() -> None:
    kb = make_kb(FROM_MX_IN_US, IN_US)
    assert kb.best_article("wages", origin=None, destination="US") is IN_US


def test_an_unknown_origin_still_gets_an_article_written_for_some_origins() -> None:
    kb = make_kb(FROM_MX_IN_US, GENERAL)
    assert kb.best_article("wages", origin=None, destination="US") is FROM_MX_IN_US
    assert kb.best_article("wages", origin="GT", destination="US") is GENERAL


def test_a_topic_whose_articles_are_all_per_origin_asks_the_destination() -> None:
    from_mx_in_es = make_article("wages-mx-in-es", ["MX"], ["ES"])
    kb = make_kb(FROM_MX_IN_US, from_mx_in_es)
    assert kb.needs_country("wages") is True
    assert kb.best_article("wages", destination="ES") is from_mx_in_es


def test_one_line_listed_under_two_ids_is_an_urgent_contact_once() -> None:
    spain = make_contact("es-112", ["ES"], urgent=True, phone="112")
    europe = make_contact("eu-112", ["ES"], urgent=True, phone="112")
    kb = make_kb(contacts=(spain, europe))
    assert kb.urgent_contacts("ES") == [spain]


def test_an_urgent_contact_must_be_open_24_7() -> None:
    with pytest.raises(ValidationError, match="an urgent contact must be open 24/7"):
        make_contact("sv-line", ["US"], urgent=True, open_24_7=False)


def test_a_second_number_needs_its_label() -> None:
    with pytest.raises(ValidationError, match="phone_alt and phone_alt_label go together"):
        make_contact("mx-line", ["US"], urgent=False, phone_alt="001-520-623-7874")


def test_a_contact_needs_its_verification() -> None:
    contact = make_contact("us-line", ["US"], urgent=False).model_dump()
    del contact["verification"]
    with pytest.raises(ValidationError, match="verification"):
        Contact.model_validate(contact)


def test_a_check_record_with_an_unknown_field_is_rejected() -> None:
    record = {
        "claim": "WHD takes complaints at 1-866-487-9243",
        "source": "https://www.dol.gov/agencies/whd/contact/complaints",
        "level": "official",
        "on": "2026-12-02",
        "checked_by": "me",
    }
    data = {**GENERAL.model_dump(), "checked": [record]}
    with pytest.raises(ValidationError, match="checked_by"):
        Article.model_validate(data, context={"topics": {"wages"}})


def test_a_check_level_must_be_official_or_secondary() -> None:
    record = {
        "claim": "x",
        "source": "https://www.dol.gov/agencies/whd/contact/complaints",
        "level": "blog",
        "on": "2026-12-02",
    }
    data = {**GENERAL.model_dump(), "checked": [record]}
    with pytest.raises(ValidationError, match="official"):
        Article.model_validate(data, context={"topics": {"wages"}})


def test_an_unquoted_on_key_is_read_as_the_check_date() -> None:
    article = load_knowledge_base(VALID).article("wages-unpaid-us")
    assert article is not None
    assert article.checked[0].on == date(2026, 11, 23)


def test_a_gap_points_to_the_help_line_the_topics_articles_quote_for_the_place() -> None:
    us_line = make_contact("us-line", ["US"], urgent=False, phone="1-800")
    es_line = make_contact("es-line", ["ES"], urgent=False, phone="900")
    emergency = make_contact("us-911", ["US"], urgent=True, phone="911")
    quoting = [
        make_article(f"wages-{n}", [], [], ()).model_copy(update={"contacts": contacts})
        for n, contacts in enumerate(
            [("us-911", "us-line"), ("us-911", "es-line"), ("us-911", "us-line")]
        )
    ]
    kb = make_kb(*quoting, contacts=(us_line, es_line, emergency))
    assert kb.gap_contact("wages", "US") is us_line
    assert kb.gap_contact("wages", "ES") is es_line
    assert kb.gap_contact("wages", "CA") is None
