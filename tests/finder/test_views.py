"""The finder at /finder/: three GET steps, no cookies, never cached, only anonymous monthly counts stored."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from categories.content import Status
from finder import tallies
from finder.models import CheckPrompt, Observation, ObservationTally, Signpost
from tests.factories import make_category, make_level, make_observation, make_phase, make_strategy

pytestmark = pytest.mark.django_db


@pytest.fixture
def semh():
    return make_category(name="Social, emotional and mental health", slug="semh", parent=make_category())


@pytest.fixture
def attention(semh):
    return make_category(name="Attention and activity", slug="attention", parent=semh)


@pytest.fixture
def movement(db):
    return make_strategy(title="Movement breaks and a job to do", level=make_level(name="Universal"))


@pytest.fixture
def seat(semh, attention, movement):
    return make_observation(
        area=semh, sub_area=attention, text="Finds it hard to stay in their seat", links=[(movement, 3)]
    )


def _url(*observations, **params):
    query = "&".join(f"seen={observation.uuid}" for observation in observations)
    extra = "&".join(f"{name}={value}" for name, value in params.items())
    return "/finder/?" + "&".join(part for part in (query, extra) if part)


def test_step_one_offers_the_areas_that_have_observations(client, seat):
    make_category(name="An area with nothing to tick")
    content = client.get("/finder/").content.decode()
    assert "What are you noticing?" in content
    assert "Social, emotional and mental health" in content
    assert "An area with nothing to tick" not in content
    assert "I’m not sure" in content


def test_step_two_lists_published_observations_by_sub_area(client, semh, seat, movement):
    make_observation(area=semh, text="A draft observation", links=[(movement, 1)], status=Status.DRAFT)
    make_observation(area=semh, text="Keeps going when a task is hard", kind="strength", links=[(movement, 1)])
    content = client.get("/finder/?area=semh").content.decode()
    assert "Tick what you notice" in content
    assert "Attention and activity" in content
    assert "Finds it hard to stay in their seat" in content
    assert "Strengths you notice" in content and "Keeps going when a task is hard" in content
    assert "A draft observation" not in content


def test_the_phase_filter_keeps_observations_for_that_phase(client, semh, movement):
    early_years, secondary = make_phase(slug="early-years"), make_phase(slug="secondary")
    make_observation(area=semh, text="Snatches toys from others", phases=[early_years], links=[(movement, 1)])
    make_observation(area=semh, text="Walks out of lessons", phases=[secondary], links=[(movement, 1)])
    content = client.get("/finder/?area=semh&phase=secondary").content.decode()
    assert "Walks out of lessons" in content
    assert "Snatches toys from others" not in content


def test_not_sure_shows_the_common_observations_from_every_area(client, movement):
    make_observation(text="Often ticked thing", is_common=True, links=[(movement, 1)])
    make_observation(text="Rarely ticked thing", links=[(movement, 1)])
    content = client.get("/finder/?area=not-sure").content.decode()
    assert "Often ticked thing" in content
    assert "Rarely ticked thing" not in content


def test_results_give_check_prompts_then_ranked_strategies_with_reasons(client, semh, seat):
    CheckPrompt.objects.create(area=semh, text="What do the family see at home?")
    content = client.get(_url(seat)).content.decode()
    assert "Suggestions for what you noticed" in content
    assert content.index("What do the family see at home?") < content.index(">Movement breaks and a job to do</a>")
    assert "Suggested because:</strong> finds it hard to stay in their seat." in content
    assert "It helps here." in content


def test_a_signpost_appears_when_enough_difficulties_are_ticked(client, semh, movement):
    Signpost.objects.create(area=semh, message="Talk to your SENCO about what you have seen.", threshold=2)
    one, two = (make_observation(area=semh, links=[(movement, 1)]) for _ in range(2))
    assert "Talk to your SENCO" not in client.get(_url(one)).content.decode()
    assert "Talk to your SENCO" in client.get(_url(one, two)).content.decode()


def test_the_finder_is_never_cached_and_sets_no_cookie(client, seat):
    for url in ["/finder/", "/finder/?area=semh", _url(seat), _url(seat, part="results")]:
        response = client.get(url)
        assert response["Cache-Control"] == "private, no-cache", url
        assert not response.cookies, url
    assert not Session.objects.exists()


def test_results_count_each_observation_once_per_view_anonymously(client, seat, movement):
    other = make_observation(links=[(movement, 1)])
    client.get(_url(seat, other))
    client.get(_url(seat))
    client.get(_url(seat, part="results"))  # the script's live updates are not counted
    client.get(_url(seat, step="notice"))  # nor is changing the ticks
    counts = dict(ObservationTally.objects.values_list("observation__slug", "count"))
    assert counts == {seat.slug: 2, other.slug: 1}
    assert [field.name for field in ObservationTally._meta.get_fields()] == ["id", "observation", "month", "count"]


def test_a_view_adds_to_this_months_counts_and_leaves_last_months_alone(client, seat):
    last_month = (tallies.this_month() - timedelta(days=1)).replace(day=1)
    ObservationTally.objects.create(observation=seat, month=last_month, count=7)
    ObservationTally.objects.create(observation=seat, month=tallies.this_month(), count=3)
    client.get(_url(seat))
    counts = dict(ObservationTally.objects.filter(observation=seat).values_list("month", "count"))
    assert counts == {last_month: 7, tallies.this_month(): 4}


def test_unknown_and_malformed_identities_are_ignored_with_a_note(client, seat, movement):
    draft = make_observation(links=[(movement, 1)], status=Status.DRAFT)
    url = _url(seat, draft) + "&seen=not-a-uuid&seen=00000000-0000-0000-0000-000000000000&area=nowhere"
    response = client.get(url)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Some things in this address were not recognised" in content
    assert "Movement breaks and a job to do" in content


def test_the_share_link_holds_identities_only_and_gives_the_same_suggestions(client, settings, seat):
    settings.SITE_URL = "https://oap.northbrook.example"
    first = client.get(_url(seat, phase="primary"))
    share = first.context["share_url"]
    assert share.startswith("https://oap.northbrook.example/finder/?")
    params = parse_qs(urlsplit(share).query)
    assert params == {"phase": ["primary"], "seen": [str(seat.uuid)]} or params == {"seen": [str(seat.uuid)]}
    again = client.get(urlsplit(share).path + "?" + urlsplit(share).query)
    assert [s.item for s in again.context["results"].strategies] == [
        s.item for s in first.context["results"].strategies
    ]


def test_changing_what_was_noticed_keeps_the_ticks(client, seat):
    change_url = client.get(_url(seat)).context["change_url"]
    content = client.get("/finder/" + change_url).content.decode()
    assert "Tick what you notice" in content
    assert f'value="{seat.uuid}" checked' in content


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _observations(area, strategy, how_many):
    made = [
        Observation(text=f"Observation {n}", slug=f"observation-{n}", area=area, status=Status.PUBLISHED)
        for n in range(how_many)
    ]
    Observation.objects.bulk_create(made)
    from finder.models import ObservationLink

    ObservationLink.objects.bulk_create(
        ObservationLink(observation=observation, strategy=strategy, weight=2, why="It helps.") for observation in made
    )
    return list(Observation.objects.filter(slug__startswith="observation-"))


def test_query_counts_do_not_grow_with_the_number_of_observations(client, semh, movement):
    counts = []
    for how_many in (10, 1000):
        Observation.objects.filter(slug__startswith="observation-").delete()
        observations = _observations(semh, movement, how_many)
        client.get("/finder/")  # the category tree is read once per content version
        ticked = observations[: min(how_many, 50)]
        counts.append(
            (
                _queries(client, "/finder/"),
                _queries(client, "/finder/?area=semh"),
                _queries(client, _url(*ticked[:5])),
                _queries(client, _url(*ticked)),
            )
        )
    assert counts[0] == counts[1]
    assert counts[0][2] == counts[0][3]  # as many queries for 5 ticks as for 50
    assert max(counts[0]) <= 12


def test_the_home_page_and_the_menu_lead_to_the_finder(client):
    home = client.get("/").content.decode()
    assert home.count('href="/finder/"') >= 2  # the menu and the invitation under the search box
    assert "Start from what you are noticing" in home
    finder = client.get("/finder/").content.decode()
    assert 'href="/finder/" aria-current="page"' in finder


def test_the_privacy_notice_says_what_the_finder_keeps(client):
    assert (
        "one count per month of how often each thing on its list was ticked" in client.get("/privacy/").content.decode()
    )


def test_observations_under_a_sub_area_visitors_may_not_see_are_listed_without_its_name(client):
    area = make_category(name="Public area", slug="public-area")
    draft = make_category(parent=area, name="Draft sub-area name", status=Status.DRAFT)
    make_observation(area=area, sub_area=draft, text="Loses their place", links=[(make_strategy(categories=[area]), 3)])
    page = client.get("/finder/?area=public-area").content.decode()
    assert "Loses their place" in page and "Draft sub-area name" not in page
