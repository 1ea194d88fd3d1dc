"""The knowledge-base checker: one precise message per broken rule."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from knowledge.checker import check_knowledge_base, main, months_before
from knowledge.loader import Problem

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "kb_broken"
VALID = FIXTURES / "valid"
BROKEN = FIXTURES / "broken"
TODAY = date(2026, 11, 23)
REAL_KB = Path(__file__).resolve().parents[2] / "knowledge"
REAL_KB_CHECKED = date(2026, 12, 3)  # the newest review (the facts check of issue 16: 2 Dec)


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    """A private copy of the valid fixture knowledge base, to break one thing at a time."""
    root = tmp_path / "knowledge"
    shutil.copytree(VALID, root)
    return root


def check(root: Path, today: date = TODAY) -> list[str]:
    return [str(problem) for problem in check_knowledge_base(root, today)]


def add_broken(root: Path, name: str) -> None:
    shutil.copy(BROKEN / name, root / "articles" / "wages" / name)


def use_contacts(root: Path, name: str) -> None:
    shutil.copy(BROKEN / name, root / "contacts.yml")


def test_the_valid_fixture_has_no_problems(kb: Path) -> None:
    assert check(kb) == []


def test_an_article_without_english_is_an_error(kb: Path) -> None:
    add_broken(kb, "wages-missing-en.yml")
    assert check(kb) == [
        "ERROR knowledge/articles/wages/wages-missing-en.yml: en: missing (required field)"
    ]


def test_an_article_without_sources_is_an_error(kb: Path) -> None:
    add_broken(kb, "wages-no-sources.yml")
    assert check(kb) == [
        "ERROR knowledge/articles/wages/wages-no-sources.yml: sources: must not be empty (line 9)"
    ]


def test_a_short_answer_of_three_segments_is_an_error(kb: Path) -> None:
    add_broken(kb, "wages-long-short.yml")
    (problem,) = check(kb)
    assert problem.startswith(
        "ERROR knowledge/articles/wages/wages-long-short.yml: es.short: 3 SMS segments (max 2)"
    )


def test_a_full_answer_opening_with_a_heading_is_an_error(kb: Path) -> None:
    add_broken(kb, "wages-full-heading.yml")
    assert check(kb) == [
        "ERROR knowledge/articles/wages/wages-full-heading.yml: es.full: full opens with a "
        "heading: the title is shown above the answer, start with the answer itself (line 15)"
    ]


@pytest.mark.parametrize("heading", ["*Minimum wage*", "**Minimum wage**", "  *Minimum wage*  "])
def test_any_bold_first_line_of_full_counts_as_a_heading(kb: Path, heading: str) -> None:
    path = kb / "articles" / "wages" / "wages-minimum-wage.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  full: 'You have", f"  full: '{heading}\n\n    You have")
    path.write_text(text, encoding="utf-8")
    (problem,) = check(kb)
    assert "en.full: full opens with a heading" in problem


def test_a_first_line_only_partly_bold_is_not_a_heading(kb: Path) -> None:
    path = kb / "articles" / "wages" / "wages-minimum-wage.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  full: 'You have", "  full: '*Know this:* You have"), "utf-8")
    assert check(kb) == []


def test_a_review_date_more_than_12_months_old_is_an_error(kb: Path) -> None:
    problems = check(kb, today=date(2027, 11, 24))
    assert len(problems) == 6 * 2 + 3  # every article, its check record, every contact
    assert all(p.startswith("ERROR ") and "is more than 12 months ago" in p for p in problems)


def test_a_review_date_9_months_old_is_a_warning(kb: Path) -> None:
    problems = check(kb, today=date(2027, 8, 23))
    assert len(problems) == 6 * 2 + 3
    assert all(p.startswith("WARNING ") and "due for review by 2027-11-23" in p for p in problems)


def test_a_review_date_just_under_9_months_old_is_not_reported(kb: Path) -> None:
    assert check(kb, today=date(2027, 8, 22)) == []


def test_a_review_date_in_the_future_is_an_error(kb: Path) -> None:
    problems = check(kb, today=date(2026, 11, 22))
    assert problems[0].endswith("reviewed: 2026-11-23 is in the future (line 7)")


def test_an_article_reviewed_more_than_12_months_ago_is_an_error(kb: Path) -> None:
    add_broken(kb, "wages-stale-review.yml")
    assert check(kb) == [
        "ERROR knowledge/articles/wages/wages-stale-review.yml: reviewed: 2025-11-22 is more "
        "than 12 months ago: check it again against its source and update the date (line 6)"
    ]


def test_a_check_with_a_6_month_period_is_an_error_after_6_months(kb: Path) -> None:
    add_broken(kb, "wages-stale-check.yml")
    assert check(kb) == [
        "ERROR knowledge/articles/wages/wages-stale-check.yml: checked[0].on: 2026-04-22 is "
        "more than 6 months ago: check it again against its source and update the date (line 54)"
    ]


def test_a_check_with_a_6_month_period_warns_after_four_and_a_half_months(kb: Path) -> None:
    add_broken(kb, "wages-stale-check.yml")
    path = kb / "articles" / "wages" / "wages-stale-check.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("on: 2026-04-22", "on: 2026-06-23"), "utf-8")
    (problem,) = check(kb)  # 5 months later; warned from 2026-11-07 (4.5 months)
    assert problem.startswith("WARNING ")
    assert "checked[0].on: 2026-06-23: due for review by 2026-12-23 (6 months period)" in problem


def test_a_check_with_a_6_month_period_is_quiet_before_four_and_a_half_months(kb: Path) -> None:
    add_broken(kb, "wages-stale-check.yml")
    path = kb / "articles" / "wages" / "wages-stale-check.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("on: 2026-04-22", "on: 2026-07-10"), "utf-8")
    assert check(kb) == []  # warned only from 2026-11-25


def test_a_contact_verified_more_than_12_months_ago_is_an_error(kb: Path) -> None:
    use_contacts(kb, "contacts-stale.yml")
    assert check(kb) == [
        "ERROR knowledge/contacts.yml: contacts[2].verification.checked: 2025-11-01 is more "
        "than 12 months ago: check it again against its source and update the date (line 48)"
    ]


def test_an_unknown_contact_is_an_error(kb: Path) -> None:
    add_broken(kb, "wages-unknown-contact.yml")
    assert check(kb) == [
        "ERROR knowledge/articles/wages/wages-unknown-contact.yml: contacts[0]: "
        "unknown contact 'nobody-hotline' (not in contacts.yml) (line 9)"
    ]


def test_an_unknown_topic_is_an_error(kb: Path) -> None:
    add_broken(kb, "tax-refund.yml")
    assert check(kb) == [
        "ERROR knowledge/articles/wages/tax-refund.yml: topic: "
        "'tax_refunds' is not a topic of the taxonomy (line 2)"
    ]


def test_a_duplicate_id_is_an_error(kb: Path) -> None:
    add_broken(kb, "duplicate-id.yml")
    assert (
        "ERROR knowledge/articles/wages/wages-minimum-wage.yml: id: duplicate article id "
        "'wages-minimum-wage' (also in knowledge/articles/wages/duplicate-id.yml) (line 1)"
    ) in check(kb)


def test_a_file_name_different_from_the_id_is_an_error(kb: Path) -> None:
    add_broken(kb, "duplicate-id.yml")
    assert (
        "ERROR knowledge/articles/wages/duplicate-id.yml: id: "
        "file name duplicate-id.yml must be wages-minimum-wage.yml (line 1)"
    ) in check(kb)


def test_an_article_in_the_wrong_folder_is_an_error(kb: Path) -> None:
    source = kb / "articles" / "documents_retained" / "documents-passport-kept.yml"
    source.rename(kb / "articles" / "wages" / source.name)
    assert (
        "ERROR knowledge/articles/wages/documents-passport-kept.yml: topic: "
        "file must be in knowledge/articles/documents_retained/ (line 2)"
    ) in check(kb)


def test_malformed_yaml_is_an_error_with_its_line_number(kb: Path) -> None:
    add_broken(kb, "wages-malformed.yml")
    assert check(kb) == [
        "ERROR knowledge/articles/wages/wages-malformed.yml: "
        "line 14: invalid YAML: mapping values are not allowed in this context"
    ]


def test_a_duplicated_key_is_an_error_with_its_line_number(kb: Path) -> None:
    path = kb / "articles" / "wages" / "wages-minimum-wage.yml"
    path.write_text(path.read_text(encoding="utf-8") + "topic: wages\n", encoding="utf-8")
    (problem,) = check(kb)
    assert problem.startswith("ERROR knowledge/articles/wages/wages-minimum-wage.yml: line ")
    assert "duplicate key 'topic'" in problem


def test_a_topic_with_fewer_than_three_articles_is_an_error(kb: Path) -> None:
    (kb / "articles" / "wages" / "wages-unpaid-ca.yml").unlink()
    assert check(kb) == ["ERROR knowledge/articles/wages/: topic 'wages' has 2 article(s) (min 3)"]


def test_fewer_than_eight_questions_is_an_error(kb: Path) -> None:
    path = kb / "articles" / "wages" / "wages-minimum-wage.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - overtime not paid\n", ""), encoding="utf-8")
    (problem,) = check(kb)
    assert problem.startswith(
        "ERROR knowledge/articles/wages/wages-minimum-wage.yml: en.questions: 7 questions (min 8)"
    )


def test_the_same_question_under_two_topics_is_an_error(kb: Path) -> None:
    path = kb / "articles" / "wages" / "wages-minimum-wage.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("overtime not paid", "They took my PASSPORT!"), encoding="utf-8")
    (problem,) = check(kb)
    assert "is also a question of topic 'documents_retained'" in problem


def test_an_empty_string_is_an_error(kb: Path) -> None:
    path = kb / "articles" / "wages" / "wages-minimum-wage.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Minimum wage and overtime", "title: ' '"), "utf-8")
    assert check(kb) == [
        "ERROR knowledge/articles/wages/wages-minimum-wage.yml: en.title: "
        "must not be empty (line 33)"
    ]


def test_an_unquoted_yes_or_no_question_tells_to_quote_it(kb: Path) -> None:
    path = kb / "articles" / "wages" / "wages-minimum-wage.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("- overtime not paid", "- no"), encoding="utf-8")
    (problem,) = check(kb)
    assert "put the value in quotes" in problem


def test_a_contact_without_any_way_to_reach_it_is_an_error(kb: Path) -> None:
    path = kb / "contacts.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('    phone: "112"\n', ""), "utf-8")
    assert check(kb) == [
        "ERROR knowledge/contacts.yml: contacts[2]: a contact needs at least one of "
        "phone, sms, whatsapp, email, url (line 34)"
    ]


def test_the_command_exits_1_and_prints_a_summary_on_errors(
    kb: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_broken(kb, "wages-missing-en.yml")
    assert main(["--root", str(kb), "--today", "2026-11-23"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "kb-check FAILED: 7 article files, 1 error(s), 0 warning(s)"


def test_the_command_exits_0_with_only_warnings(
    kb: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(kb), "--today", "2027-08-24"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith("0 error(s), 15 warning(s)")


def test_months_before_clamps_to_the_end_of_a_short_month() -> None:
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)


def test_problems_print_as_severity_file_field_message() -> None:
    problem = Problem(
        "knowledge/articles/wages/x.yml", "ERROR", "3 SMS segments (max 2)", "es.short"
    )
    assert str(problem) == "ERROR knowledge/articles/wages/x.yml: es.short: 3 SMS segments (max 2)"


def test_the_real_knowledge_base_has_no_errors() -> None:
    problems = check_knowledge_base(REAL_KB, REAL_KB_CHECKED)
    assert [str(problem) for problem in problems if problem.is_error] == []


def test_a_directory_number_typed_in_an_article_is_an_error_naming_the_reference(kb: Path) -> None:
    add_broken(kb, "wages-raw-phone.yml")
    assert check(kb) == [
        "ERROR knowledge/articles/wages/wages-raw-phone.yml: es.short: phone number "
        "'1-866-487-9243' typed in the text: write {{us-dol-whd}} instead (line 16)"
    ]


def test_a_short_directory_number_written_bare_is_an_error(kb: Path) -> None:
    add_broken(kb, "wages-bare-112.yml")
    assert (
        "ERROR knowledge/articles/wages/wages-bare-112.yml: en.full: phone number '112' "
        "typed in the text: write {{es-112}} instead (line 35)"
    ) in check(kb)


def test_a_phone_number_outside_the_directory_is_an_error(kb: Path) -> None:
    add_broken(kb, "wages-unknown-phone.yml")
    (problem,) = check(kb)
    assert problem.startswith(
        "ERROR knowledge/articles/wages/wages-unknown-phone.yml: es.short: phone number "
        "'+504 3337-9047' typed in the text: not in the directory"
    )


def test_a_bare_domain_as_an_article_source_is_an_error(kb: Path) -> None:
    add_broken(kb, "wages-bare-domain.yml")
    assert check(kb) == [
        "ERROR knowledge/articles/wages/wages-bare-domain.yml: sources[0].url: cites a home "
        "page (https://travel.state.gov): cite the page that says it (line 11)"
    ]


def test_a_bare_domain_as_a_check_source_is_an_error(kb: Path) -> None:
    path = kb / "articles" / "wages" / "wages-minimum-wage.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "  source: https://www.dol.gov/general/migrantworker/wages",
            "  source: https://www.dol.gov/",
        ),
        "utf-8",
    )
    (problem,) = check(kb)
    assert "checked[0].source: cites a home page (https://www.dol.gov/)" in problem


def test_a_bare_domain_as_a_contact_verification_page_is_an_error(kb: Path) -> None:
    use_contacts(kb, "contacts-bare-domain.yml")
    assert check(kb) == [
        "ERROR knowledge/contacts.yml: contacts[1].verification.url: cites a home page "
        "(https://www.dol.gov/): cite the page that says it (line 31)"
    ]


def test_a_bare_domain_as_a_contact_source_is_an_error(kb: Path) -> None:
    path = kb / "contacts.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "        url: https://www.dol.gov/agencies/whd/contact/complaints",
            "        url: https://dol.gov",
        ),
        "utf-8",
    )
    (problem,) = check(kb)
    assert "contacts[1].sources[0].url: cites a home page (https://dol.gov)" in problem


def test_an_article_without_check_records_is_an_error(kb: Path) -> None:
    add_broken(kb, "wages-no-checks.yml")
    (problem,) = check(kb)
    assert problem.startswith(
        "ERROR knowledge/articles/wages/wages-no-checks.yml: checked: no check records"
    )


def test_a_number_in_no_check_claim_is_an_error(kb: Path) -> None:
    add_broken(kb, "wages-unchecked-number.yml")
    (problem,) = check(kb)
    assert problem.startswith(
        "ERROR knowledge/articles/wages/wages-unchecked-number.yml: es.short: 2, 205 in the "
        "text but in no check claim"
    )


def test_a_number_written_in_a_check_claim_is_accepted(kb: Path) -> None:
    add_broken(kb, "wages-unchecked-number.yml")
    path = kb / "articles" / "wages" / "wages-unchecked-number.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("- claim: Workers have", "- claim: The H-2A visa fee is $205; workers have"),
        "utf-8",
    )
    assert check(kb) == []


def test_a_numbered_list_marker_needs_no_check_claim(kb: Path) -> None:
    path = kb / "articles" / "wages" / "wages-minimum-wage.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "    *Keep copies* of your papers.",
            "    1. *Keep copies* of your papers.\n\n    2. Ask for help.",
        ),
        "utf-8",
    )
    assert check(kb) == []


def test_a_number_inside_a_reference_needs_no_check_claim(kb: Path) -> None:
    path = kb / "articles" / "wages" / "wages-unpaid-us.yml"
    assert "{{us-dol-whd}}" in path.read_text(encoding="utf-8")
    assert check(kb) == []


def test_a_reference_to_a_contact_missing_from_the_contacts_list_is_an_error(kb: Path) -> None:
    add_broken(kb, "wages-unlisted-reference.yml")
    assert check(kb) == [
        "ERROR knowledge/articles/wages/wages-unlisted-reference.yml: es.short: {{us-dol-whd}} "
        "quotes 'us-dol-whd', which is missing from `contacts:` (line 16)"
    ]


def test_an_unknown_reference_is_an_error_with_its_line(kb: Path) -> None:
    add_broken(kb, "wages-unknown-reference.yml")
    assert check(kb) == [
        "ERROR knowledge/articles/wages/wages-unknown-reference.yml: es.short: {{nobody-line}}: "
        "unknown contact 'nobody-line' (not in contacts.yml) (line 16)",
        "ERROR knowledge/articles/wages/wages-unknown-reference.yml: es.short: "
        "{{us-dol-whd.fax}}: unknown field 'fax' (one of phone, phone_alt, sms, whatsapp, "
        "email, url, name) (line 16)",
    ]


def test_an_urgent_contact_that_is_not_open_24_7_is_an_error(kb: Path) -> None:
    use_contacts(kb, "contacts-urgent-not-24-7.yml")
    assert check(kb) == [
        "ERROR knowledge/contacts.yml: contacts[1].urgent: an urgent contact must be open "
        "24/7 (open_24_7: true) (line 26)"
    ]


def test_the_sms_length_counts_the_number_a_reference_stands_for(kb: Path) -> None:
    path = kb / "articles" / "wages" / "wages-unpaid-us.yml"
    text = path.read_text(encoding="utf-8")
    long_reference = " ".join(["{{us-dol-whd}}"] * 14)  # 14 x 14 characters once rendered
    path.write_text(text.replace("Te atienden en español.'", f"{long_reference}'", 1), "utf-8")
    (problem,) = check(kb)
    assert "es.short: 3 SMS segments (max 2)" in problem
