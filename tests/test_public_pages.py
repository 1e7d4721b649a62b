import datetime

import pytest

from categories.content import Status
from oap_directory.models import SiteSettings
from tests.factories import (
    make_category,
    make_intervention,
    make_level,
    make_phase,
    make_resource,
    make_strategy,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(indexed):
    """A small tree: Areas of need → Cognition and learning → Reading, with one of everything."""
    top = make_category(name="Areas of need", slug="areas-of-need")
    area = make_category(name="Cognition and learning", slug="cognition-and-learning", parent=top)
    reading = make_category(name="Reading", slug="reading", parent=area)
    universal = make_level(name="Universal", slug="universal", order=1)
    targeted = make_level(name="SEN Support", slug="targeted", order=2, is_costed=True)
    primary = make_phase(name="Primary", slug="primary")
    secondary = make_phase(name="Secondary", slug="secondary")
    phonics = make_strategy(
        title="Use phonics across the day",
        slug="use-phonics",
        teacher_statement="Point out the sounds of the week in every lesson.",
        child_statement="I use my sounds in all my lessons, so that I get better at reading.",
        level=universal,
        categories=[reading],
        phases=[primary],
        tags=["phonics"],
        last_reviewed_at=datetime.date(2026, 3, 2),  # a real review: "Last reviewed" shows only those
    )
    overlays = make_strategy(
        title="Try coloured overlays", slug="overlays", level=targeted, categories=[reading], phases=[secondary]
    )
    resource = make_resource(title="Phonics guide", slug="phonics-guide", strategies=[phonics], tags=["phonics"])
    intervention = make_intervention(
        name="Phonics catch-up", slug="phonics-catch-up", level=targeted, categories=[reading], strategies=[phonics]
    )
    return {
        "top": top, "area": area, "reading": reading, "phonics": phonics, "overlays": overlays,
        "resource": resource, "intervention": intervention,
    }  # fmt: skip


def test_home_shows_service_name_search_and_category_cards(client, directory):
    response = client.get("/")
    content = response.content.decode()
    assert response.status_code == 200
    assert SiteSettings.load().service_name in content
    assert 'name="q"' in content
    assert "Areas of need" in content and "Cognition and learning" in content and "Reading" in content


def test_category_page_shows_breadcrumbs_strategies_interventions_and_resources(client, directory):
    content = client.get("/categories/cognition-and-learning/").content.decode()
    assert 'aria-label="Breadcrumb"' in content and "Areas of need" in content
    assert "I use my sounds in all my lessons" in content
    assert content.index("I use my sounds") < content.index("Point out the sounds")
    assert "Phonics catch-up" in content
    assert "Phonics guide" in content


def test_category_page_hides_child_voice_when_the_council_does_not_use_it(client, directory):
    site = SiteSettings.load()
    site.show_child_voice = False
    site.save()
    content = client.get("/categories/reading/").content.decode()
    assert "Point out the sounds" in content
    assert "I use my sounds" not in content


def test_category_filters_by_level_and_phase(client, directory):
    content = client.get("/categories/reading/?level=targeted").content.decode()
    assert "Try coloured overlays" in content and "Use phonics across the day" not in content
    content = client.get("/categories/reading/?phase=primary&phase=secondary").content.decode()
    assert "Try coloured overlays" in content and "Use phonics across the day" in content
    content = client.get("/categories/reading/?phase=primary&level=targeted").content.decode()
    assert "Try coloured overlays" not in content and "Use phonics across the day" not in content


def test_unknown_filter_values_are_ignored_with_a_message(client, directory):
    response = client.get("/categories/reading/?level=nonsense&phase=primary")
    content = response.content.decode()
    assert response.status_code == 200
    assert "not recognised" in content and "nonsense" in content
    assert "Use phonics across the day" in content


def test_strategy_page_shows_everything_a_teacher_needs(client, directory):
    content = client.get("/strategies/use-phonics/").content.decode()
    for text in [
        "Use phonics across the day",
        "Point out the sounds of the week",
        "I use my sounds in all my lessons",
        "Why it matters",
        "How to do it",
        "Universal",
        "Primary",
        'href="/categories/reading/"',
        "Phonics guide",
        "Phonics catch-up",
        "Last reviewed",
        'href="/tags/phonics/"',
    ]:
        assert text in content, text


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW, Status.ARCHIVED])
def test_unpublished_items_are_hidden_from_the_public(client, directory, status):
    for key in ["phonics", "resource", "intervention"]:
        item = directory[key]
        item.status = status
        item.save()
    expected = 410 if status == Status.ARCHIVED else 404
    for url in ["/strategies/use-phonics/", "/resources/phonics-guide/", "/interventions/phonics-catch-up/"]:
        assert client.get(url).status_code == expected
    for url in ["/categories/reading/", "/strategies/", "/resources/", "/interventions/", "/search/?q=phonics"]:
        content = client.get(url).content.decode()
        assert "Use phonics across the day" not in content
        assert "Phonics guide" not in content
        assert "Phonics catch-up" not in content


def test_staff_preview_unpublished_items_with_a_banner_and_no_caching(editor_client, directory):
    directory["phonics"].status = Status.DRAFT
    directory["phonics"].save()
    response = editor_client.get("/strategies/use-phonics/")
    assert response.status_code == 200
    assert "Preview — not published" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_category_under_an_unpublished_parent_is_hidden(client, directory):
    directory["area"].status = Status.DRAFT
    directory["area"].save()
    assert client.get("/categories/reading/").status_code == 404
    assert "Cognition and learning" not in client.get("/").content.decode()


def test_strategy_list_filters_by_category_including_sub_categories(client, directory):
    other = make_category(name="Maths", slug="maths")
    make_strategy(title="Count with cubes", categories=[other])
    content = client.get("/strategies/?category=cognition-and-learning").content.decode()
    assert "Use phonics across the day" in content and "Count with cubes" not in content


def test_resource_list_filters_by_kind_and_paginates_keeping_filters(client, directory):
    for n in range(25):
        make_resource(title=f"Video {n:02}", kind="video")
    first = client.get("/resources/?kind=video").content.decode()
    assert "25 resources" in first and "Phonics guide" not in first
    assert "kind=video&amp;page=2" in first or "page=2&amp;kind=video" in first
    second = client.get("/resources/?kind=video&page=2").content.decode()
    assert "Video 24" in second


def test_intervention_page_shows_cost_and_evidence(client, directory):
    content = client.get("/interventions/phonics-catch-up/").content.decode()
    assert "£250" in content and "Strength of evidence" in content and "SEN Support" in content


def test_resource_page_links_out_and_back_to_strategies(client, directory):
    content = client.get("/resources/phonics-guide/").content.decode()
    assert directory["resource"].url in content
    assert 'href="/strategies/use-phonics/"' in content


def test_tag_pages_list_published_items(client, directory):
    assert "phonics" in client.get("/tags/").content.decode()
    content = client.get("/tags/phonics/").content.decode()
    assert "Use phonics across the day" in content and "Phonics guide" in content
    assert client.get("/tags/no-such-tag/").status_code == 404


def test_simple_search_finds_published_items(client, directory):
    content = client.get("/search/?q=phonics").content.decode()
    assert "Use phonics across the day" in content
    assert "Phonics guide" in content
    assert "Phonics catch-up" in content


@pytest.mark.parametrize("url", ["/accessibility/", "/privacy/", "/cookies/", "/contact/"])
def test_legal_pages_use_site_settings(client, db, url):
    site = SiteSettings.load()
    site.council_name = "Westford Council"
    site.contact_email = "send@westford.example"
    site.save()
    content = client.get(url).content.decode()
    assert "Westford Council" in content


def test_accessibility_statement_has_the_model_statement_sections(client, db):
    content = client.get("/accessibility/").content.decode()
    for heading in [
        "Compliance status",
        "Non-accessible content",
        "Reporting accessibility problems",
        "Enforcement procedure",
        "How we tested this website",
        "Preparation of this accessibility statement",
    ]:
        assert heading in content


def test_brand_colour_is_applied_at_runtime(client, db):
    site = SiteSettings.load()
    site.brand_colour = "#00552b"
    site.save()
    assert "--govuk-brand-colour: #00552b" in client.get("/").content.decode()


def test_unknown_page_gives_the_styled_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_health_check_answers_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"


def test_robots_and_sitemap(client, directory, settings):
    assert "Sitemap:" in client.get("/robots.txt").content.decode()
    assert "/strategies/use-phonics/" in client.get("/sitemap.xml").content.decode()
    settings.ROBOTS_NOINDEX = True
    assert "Disallow: /\n" in client.get("/robots.txt").content.decode()


def test_anonymous_visitors_get_no_cookies(client, directory):
    for url in ["/", "/categories/reading/", "/strategies/use-phonics/", "/search/?q=phonics", "/resources/"]:
        assert not client.get(url).cookies, url


def test_server_error_page_renders_without_any_context():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Sorry, there is a problem with the service" in html
    assert 'lang="en-GB"' in html


def test_health_check_answers_503_without_details_when_the_database_is_down(client, db, monkeypatch):
    from django.db import OperationalError

    def broken_cursor(*args, **kwargs):
        raise OperationalError("could not connect to server at 10.0.0.5")

    monkeypatch.setattr("oap_directory.database.connection.cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert b"10.0.0.5" not in response.content


def test_the_page_for_an_archived_strategy_links_only_to_a_category_visitors_may_see(client):
    hidden_framework = make_category(name="Unpublished framework", status=Status.DRAFT)
    hidden = make_category(name="Hidden sub-area name", parent=hidden_framework)
    strategy = make_strategy(categories=[hidden], status=Status.ARCHIVED)
    response = client.get(f"/strategies/{strategy.slug}/")
    assert response.status_code == 410 and "Hidden sub-area name" not in response.content.decode()
    reading = make_category(name="Reading")
    strategy.categories.add(reading)
    assert f'href="{reading.get_absolute_url()}"' in client.get(f"/strategies/{strategy.slug}/").content.decode()


def test_see_all_on_a_category_page_gives_the_number_the_strategy_list_shows(client):
    level = make_level()
    top = make_category(slug="top", name="Top")
    area = make_category(slug="area", name="Area", parent=top)
    draft_leaf = make_category(slug="draft-leaf", name="Draft leaf", parent=area, status=Status.DRAFT)
    for _ in range(21):
        make_strategy(level=level, categories=[area])
    # Published, filed under the draft sub-area and under a public category elsewhere.
    make_strategy(level=level, categories=[draft_leaf, make_category(name="Standard")], title="Only in a draft leaf")
    assert "See all 21 " in client.get("/categories/top/").content.decode()
    listing = client.get("/strategies/?category=area").content.decode()
    assert "21 strategies" in listing and "Only in a draft leaf" not in listing
