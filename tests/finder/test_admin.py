"""Editors manage the finder in the admin like other content: workflow, history, warnings about labels."""

import pytest
from django.apps import apps

from categories.content import Status
from finder.models import DiagnosticTerm, Observation, ObservationTally
from finder.tallies import count
from tests.admin_forms import change_form_data
from tests.factories import make_category, make_observation, make_strategy

pytestmark = pytest.mark.django_db


def _transition(client, observation, name):
    return client.post(f"/admin/finder/observation/{observation.pk}/transition/{name}/", follow=True)


def test_an_observation_without_a_published_link_cannot_be_published(client, publisher):
    draft_strategy = make_strategy(status=Status.DRAFT)
    observation = make_observation(links=[(draft_strategy, 3)], status=Status.IN_REVIEW)
    client.force_login(publisher)
    response = _transition(client, observation, "publish")
    assert "only be published once it links to at least one published" in response.content.decode()
    observation.refresh_from_db()
    assert observation.status == Status.IN_REVIEW

    draft_strategy.status = Status.PUBLISHED
    draft_strategy.save()
    _transition(client, observation, "publish")
    observation.refresh_from_db()
    assert observation.status == Status.PUBLISHED


def test_orphans_are_listed_for_editors(client, editor):
    strategy = make_strategy()
    orphan = make_observation(text="Leads nowhere now", links=[(strategy, 2)])
    make_observation(text="Still leads somewhere", links=[(make_strategy(), 2)])
    strategy.status = Status.ARCHIVED
    strategy.save()
    client.force_login(editor)
    listing = client.get("/admin/finder/observation/?links=orphans").content.decode()
    assert "Leads nowhere now" in listing and "Still leads somewhere" not in listing
    dashboard = client.get("/admin/").content.decode()
    assert "Observations that lead nowhere" in dashboard and orphan.text in dashboard


def test_the_dashboard_shows_this_months_most_ticked_observations(client, editor):
    seat = make_observation(text="Finds it hard to stay in their seat", links=[(make_strategy(), 2)])
    count([seat])
    count([seat])
    client.force_login(editor)
    dashboard = client.get("/admin/").content.decode()
    assert "Most ticked in the finder this month" in dashboard
    assert "Finds it hard to stay in their seat" in dashboard
    assert ObservationTally.objects.get().count == 2


def test_saving_an_observation_that_uses_a_diagnostic_term_warns_the_editor(client, editor):
    DiagnosticTerm.objects.create(term="ADHD", instead="Say what the pupil does.")
    observation = make_observation(links=[(make_strategy(), 2)], status=Status.DRAFT)
    client.force_login(editor)
    url = f"/admin/finder/observation/{observation.pk}/change/"
    page = client.get(url)
    response = client.post(url, change_form_data(page, text="Shows signs of ADHD in class"), follow=True)
    content = response.content.decode()
    assert "This uses “ADHD”, which your council lists as a diagnostic term" in content
    assert "Say what the pupil does." in content
    observation.refresh_from_db()
    assert observation.text == "Shows signs of ADHD in class"  # a warning, not a refusal

    response = client.post(url, change_form_data(client.get(url), text="Moves about a lot"), follow=True)
    assert "diagnostic term" not in response.content.decode()


def test_diagnostic_terms_match_whole_words_and_acronyms_only_in_capitals():
    DiagnosticTerm.objects.create(term="ODD")
    DiagnosticTerm.objects.create(term="dyslexic")
    assert [term.term for term in DiagnosticTerm.found_in("Might be ODD")] == ["ODD"]
    assert DiagnosticTerm.found_in("Wears odd socks; oddly quiet") == []
    assert [term.term for term in DiagnosticTerm.found_in("Dyslexic, I think")] == ["dyslexic"]


def test_editors_add_an_observation_with_links_and_history(client, editor):
    area = make_category(name="SEMH")
    strategy = make_strategy(title="Movement breaks")
    client.force_login(editor)
    data = {
        "text": "Walks around the room during lessons",
        "slug": "walks-around",
        "kind": "difficulty",
        "synonyms": "wanders",
        "area": area.pk,
        "order": 0,
        "links-TOTAL_FORMS": 1,
        "links-INITIAL_FORMS": 0,
        "links-0-strategy": strategy.pk,
        "links-0-weight": 3,
        "links-0-why": "Planned movement meets the need to move.",
    }
    response = client.post("/admin/finder/observation/add/", data, follow=True)
    assert response.status_code == 200
    observation = Observation.objects.get(slug="walks-around")
    assert observation.status == Status.DRAFT
    assert [link.strategy for link in observation.links.all()] == [strategy]
    version = observation.history.latest("history_date")
    assert version.relations["links"] == [f"strategy:{strategy.uuid}:3:Planned movement meets the need to move."]


def test_a_link_needs_exactly_one_target(client, editor):
    observation = make_observation(links=[(make_strategy(), 2)], status=Status.DRAFT)
    client.force_login(editor)
    url = f"/admin/finder/observation/{observation.pk}/change/"
    data = change_form_data(client.get(url))
    data |= {"links-TOTAL_FORMS": 2, "links-1-weight": 2, "links-1-why": "A reason without a target."}
    response = client.post(url, data)
    assert "Choose exactly one strategy, intervention or resource" in response.content.decode()
    assert observation.links.count() == 1


@pytest.mark.parametrize(
    "model",
    [model for model in apps.get_app_config("finder").get_models() if not model.__name__.startswith("Historical")],
    ids=lambda model: model.__name__,
)
def test_every_field_an_editor_sees_has_help_text(model):
    fields = [
        field
        for field in model._meta.get_fields()
        if getattr(field, "concrete", False) and not field.auto_created and field.editable
    ]
    not_shown = {("ObservationLink", "observation"), ("ObservationTally", "observation")}
    assert [f.name for f in fields if not f.help_text and (model.__name__, f.name) not in not_shown] == []


def test_roles_may_do_what_the_finder_needs(editor, publisher, site_manager):
    assert editor.has_perm("finder.change_observation") and not editor.has_perm("finder.publish_observation")
    assert publisher.has_perm("finder.publish_observation")
    assert site_manager.has_perm("finder.change_diagnosticterm") and not editor.has_perm("finder.change_diagnosticterm")
