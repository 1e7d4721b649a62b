"""Suggest, never impose: what the ratings add up to."""

import pytest

from selfreview.document import new, start_from_last_year
from selfreview.steps import add_action
from selfreview.summary import Evaluation, load_framework
from tests.selfreview.factories import make_framework, statements

pytestmark = pytest.mark.django_db


def rate(document, statement, level):
    document["ratings"][str(statement.uuid)] = {"level": level, "rationale": "", "evidence": ""}


def evaluate(framework, document):
    sections, levels = load_framework(framework)
    return Evaluation.build(framework, document, sections, levels)


def test_a_section_is_the_average_of_its_ratings_rounded_down():
    framework = make_framework()
    first, second, third = statements(framework)[:3]
    document = new(framework)
    rate(document, first, "embedded")
    rate(document, second, "embedded")
    rate(document, third, "developing")
    section = evaluate(framework, document).sections[0]
    assert section.level.label == "Developing"  # (3 + 3 + 2) // 3
    assert [count for _, count in section.counts] == [0, 0, 1, 2]
    assert not section.capped_by


def test_an_unmet_statutory_statement_caps_its_section_at_emerging_and_says_why():
    framework = make_framework()
    statutory, second, third = statements(framework)[:3]
    assert statutory.is_statutory
    document = new(framework)
    rate(document, statutory, "not-yet")
    rate(document, second, "embedded")
    rate(document, third, "embedded")
    section = evaluate(framework, document).sections[0]
    assert section.level.label == "Emerging"  # 6 // 3 = Developing, capped
    assert [item.statement for item in section.capped_by] == [statutory]


def test_the_cap_is_explained_on_the_overview(client):
    from tests.selfreview.test_tool import post

    framework = make_framework()
    statutory, second, third = statements(framework)[:3]
    document = new(framework)
    rate(document, statutory, "emerging")
    rate(document, second, "embedded")
    rate(document, third, "embedded")
    page = post(client, document).content.decode()
    assert "Capped at Emerging: the statutory statement 1.1 is rated Emerging." in page


def test_not_applicable_is_left_out_of_scores():
    framework = make_framework()
    first, second, third = statements(framework)[:3]
    document = new(framework)
    rate(document, first, "embedded")
    rate(document, second, "not-applicable")
    rate(document, third, "not-applicable")
    section = evaluate(framework, document).sections[0]
    assert section.level.label == "Embedded"
    assert section.not_applicable == 2
    assert section.unrated == 0


def test_a_statement_below_the_councils_target_is_highlighted_and_suggests_an_action():
    framework = make_framework()
    targeted = statements(framework)[1]
    document = new(framework)
    rate(document, targeted, "developing")  # target is Embedded
    item = evaluate(framework, document).statements[1]
    assert item.is_below_target
    assert item.needs_action
    assert [i.statement for i in evaluate(framework, document).suggested_actions] == [targeted]


def test_without_a_target_below_developing_suggests_an_action():
    framework = make_framework()
    plain = statements(framework)[2]
    document = new(framework)
    rate(document, plain, "developing")
    assert not evaluate(framework, document).suggested_actions
    rate(document, plain, "emerging")
    assert [i.statement for i in evaluate(framework, document).suggested_actions] == [plain]


def test_an_added_action_is_prefilled_with_the_statements_linked_strategies():
    framework = make_framework()
    statement = statements(framework)[2]
    document = new(framework)
    add_action(document, statement)
    action = document["actions"][0]
    assert action["description"] == "Try: Keep SEND on every leadership agenda"
    assert action["strategies"] == [statement.strategies.get().slug]
    assert action["status"] == "not-started"
    assert action["owner_role"] == ""


def test_add_action_posts_back_the_action_plan_with_the_new_action(client):
    from tests.selfreview.test_tool import embedded_document, post

    framework = make_framework()
    statement = statements(framework)[2]
    document = new(framework)
    rate(document, statement, "not-yet")
    response = post(client, document, go=f"add-action:{statement.uuid}")
    assert len(embedded_document(response)["actions"]) == 1
    assert "Keep SEND on every leadership agenda" in response.content.decode()
    edited = post(
        client,
        embedded_document(response),
        step="actions",
        go="actions",
        **{"action-0-owner_role": "SENCO", "action-0-due_term": "Spring 2027", "action-0-status": "in-progress"},
    )
    action = embedded_document(edited)["actions"][0]
    assert (action["owner_role"], action["due_term"], action["status"]) == ("SENCO", "Spring 2027", "in-progress")
    removed = post(client, embedded_document(edited), step="actions", go="actions", **{"action-0-remove": "yes"})
    assert embedded_document(removed)["actions"] == []


def test_starting_from_last_year_carries_ratings_to_the_new_version_and_shows_every_change(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from selfreview.document import canonical
    from tests.selfreview.test_tool import URL, embedded_document, post

    old = make_framework()
    last_year = new(old, "Oakfield")
    for statement, level in zip(statements(old), ["emerging", "developing", "not-yet", "embedded"], strict=False):
        rate(last_year, statement, level)
    current = old.new_version()
    current.publish()
    upload = SimpleUploadedFile("last-year.json", canonical(last_year).encode())
    response = client.post(URL, {"step": "last-year", "file": upload})
    document = embedded_document(response)
    assert document["framework"] == {"slug": old.slug, "version": 2}
    assert document["last_year"] == {key: r["level"] for key, r in last_year["ratings"].items()}

    # When two ratings change this year
    first, second = statements(current)[:2]
    changed = post(
        client,
        document,
        step="section:1",
        go="overview",
        **{
            f"rating-{first.uuid}": "embedded",
            f"rating-{second.uuid}": "not-applicable",
            f"rating-{statements(current)[2].uuid}": "not-yet",
        },
    )
    page = changed.content.decode()
    changes = evaluate(current, embedded_document(changed)).changes
    assert [item.statement for item in changes] == [first, second]
    assert "Changes since last year" in page
    assert page.count('<td class="govuk-table__cell">1.1 Statement 1.1</td>') == 1


def test_start_from_last_year_drops_statements_the_new_version_no_longer_has():
    old = make_framework()
    last_year = new(old)
    rate(last_year, statements(old)[0], "embedded")
    current = old.new_version()
    statements(current)[0].delete()
    sections, levels = load_framework(current)
    kept = [s for section in sections for s in section.statements.all()]
    assert start_from_last_year(last_year, current, kept, levels)["ratings"] == {}
