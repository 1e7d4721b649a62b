"""The pages that explain the guidance's words: About this guidance, the glossary, and definitions beside search."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from oap_directory.models import GlossaryTerm
from tests.factories import make_glossary_term, make_intervention, make_level, make_strategy

pytestmark = pytest.mark.django_db


def _count(client, url):
    client.get(url)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_about_page_explains_each_level_in_the_councils_own_words(client):
    make_level(name="Universal", slug="universal", description="Good teaching for every pupil in the class.")
    make_level(name="SEN Support", slug="sen-support", description="Extra help planned for one pupil.")
    make_level(name="Retired level", slug="retired", description="No longer used.", is_active=False)

    page = client.get("/about/").content.decode()

    assert "About this guidance" in page
    assert 'id="level-universal"' in page and "Good teaching for every pupil in the class." in page
    assert 'id="level-sen-support"' in page and "Extra help planned for one pupil." in page
    assert "No longer used." not in page
    assert "assess, plan, do, review" in page.lower()


def test_about_and_glossary_are_linked_from_every_page(client):
    page = client.get("/").content.decode()

    assert 'href="/about/"' in page
    assert 'href="/glossary/"' in page


def test_glossary_lists_terms_a_to_z_with_letter_links(client):
    make_glossary_term(term="universal", slug="universal", definition="Help every pupil gets.")
    make_glossary_term(term="APDR", slug="apdr", definition="Assess, plan, do, review.")
    make_glossary_term(term="Annual review", slug="annual-review", definition="A yearly meeting.")

    page = client.get("/glossary/").content.decode()

    assert page.index("Annual review") < page.index("APDR") < page.index("Help every pupil gets.")
    assert 'href="#letter-a"' in page and 'id="letter-a"' in page
    assert 'href="#letter-u"' in page and 'id="letter-u"' in page
    assert 'href="#letter-b"' not in page
    assert 'id="apdr"' in page


def test_glossary_terms_are_escaped(client):
    make_glossary_term(term="<script>x</script>", slug="script", definition="<b>bold</b>")

    page = client.get("/glossary/").content.decode()

    assert "<script>x</script>" not in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page


def test_glossary_page_shows_a_saved_change_at_once(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    term = make_glossary_term(term="SENCO", slug="senco", definition="The teacher who leads SEND.")
    assert "The teacher who leads SEND." in client.get("/glossary/").content.decode()

    term.definition = "The school's special educational needs co-ordinator."
    term.save()

    assert "special educational needs co-ordinator" in client.get("/glossary/").content.decode()


def test_a_search_shows_definitions_of_the_words_it_mentions_beside_the_results(client):
    make_glossary_term(term="SEN Support", slug="sen-support", definition="Extra help planned with the family.")
    make_glossary_term(term="EHC plan", slug="ehc-plan", definition="A legal plan.", also_known_as="EHCP")
    make_glossary_term(term="Phonics", slug="phonics", definition="Sounds and letters.")

    page = client.get("/search/?q=ehcp+or+sen+support").content.decode()

    assert "What the words mean" in page
    assert "Extra help planned with the family." in page and "A legal plan." in page
    assert "Sounds and letters." not in page


def test_a_search_mentioning_no_glossary_word_shows_no_definitions(client):
    make_glossary_term(term="SEN", slug="sen", definition="Special educational needs.")

    page = client.get("/search/?q=sensory+room").content.decode()

    assert "What the words mean" not in page


def test_level_of_support_links_to_its_explanation(client):
    level = make_level(name="SEN Support", slug="sen-support")
    strategy = make_strategy(level=level)
    intervention = make_intervention(level=level)

    for url in (f"/strategies/{strategy.slug}/", f"/interventions/{intervention.slug}/"):
        page = client.get(url).content.decode()
        assert '<a class="govuk-link" href="/about/#level-sen-support">SEN Support</a>' in page, url


def test_level_filter_explains_the_levels(client):
    make_level(name="Universal", slug="universal")

    page = client.get("/strategies/").content.decode()

    assert 'href="/about/#levels"' in page


@pytest.mark.parametrize("url", ["/glossary/", "/about/", "/search/?q=term+1"])
def test_query_count_does_not_grow_with_glossary_terms(client, url):
    make_level()
    make_glossary_term(term="Term 1", slug="t-1")
    small = _count(client, url)
    for n in range(2, 40):
        make_glossary_term(term=f"Term {n}", slug=f"t-{n}")
    make_level()

    assert _count(client, url) == small


def test_editors_may_read_the_glossary_in_admin_and_publishers_change_it(editor, publisher):
    assert editor.has_perm("oap_directory.view_glossaryterm")
    assert not editor.has_perm("oap_directory.change_glossaryterm")
    assert publisher.has_perm("oap_directory.change_glossaryterm")


def test_publisher_adds_a_glossary_term_in_admin(client, publisher):
    client.force_login(publisher)

    client.post(
        "/admin/oap_directory/glossaryterm/add/",
        {"term": "Annual review", "slug": "annual-review", "definition": "A yearly meeting.", "also_known_as": ""},
    )

    assert GlossaryTerm.objects.get(slug="annual-review").definition == "A yearly meeting."


ACRONYMS = ["SEND", "SENCO", "EHC", "OAP", "SEMH", "APDR", "QFT"]


@pytest.mark.parametrize("url", ["/about/", "/contact/", "/"])
def test_our_own_pages_expand_an_acronym_the_first_time_they_use_it(client, url):
    main = client.get(url).content.decode()
    main = main[main.index("<main") :]

    for acronym in ACRONYMS:
        first = re.search(rf"\b{acronym}\b", main)
        if first:
            assert main[first.start() - 1] == "(", f"{url}: {acronym} is used before it is explained"
