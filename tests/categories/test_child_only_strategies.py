"""A strategy a council wrote only in the pupil's words can be published, and every page shows those words, even
where the council doesn't show the voice of the child."""

import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from categories import workflow
from categories.content import Status
from oap_directory import search
from oap_directory.models import SiteSettings
from tests.admin_forms import change_form_data
from tests.factories import make_category, make_observation, make_strategy

pytestmark = pytest.mark.django_db

WORDS = "I need a quiet place to go when the room gets too loud."


@pytest.fixture(params=[True, False], ids=["child-voice-shown", "child-voice-hidden"])
def site(request):
    site = SiteSettings.load()
    site.show_child_voice = request.param
    site.save()
    return site


@pytest.fixture
def area():
    return make_category(name="Sensory needs", slug="sensory-needs")


@pytest.fixture
def child_only(area):
    return make_strategy(
        title="A quiet place", slug="a-quiet-place", teacher_statement="", child_statement=WORDS, categories=[area]
    )


def _no_empty_paragraph(html):
    for empty in ['<p class="govuk-body"></p>', '<p class="govuk-body-l"></p>', "<p></p>"]:
        assert empty not in html


def test_a_strategy_needs_a_teacher_statement_or_the_childs_words():
    strategy = make_strategy(status=Status.DRAFT, teacher_statement=" ", child_statement="")
    with pytest.raises(ValidationError) as error:
        strategy.full_clean()
    assert error.value.message_dict["teacher_statement"] == ["Give a teacher statement, or the child’s words."]
    strategy.child_statement = WORDS
    strategy.full_clean()


def test_the_admin_refuses_a_strategy_with_neither_statement(client, publisher, child_only):
    client.force_login(publisher)
    url = f"/admin/categories/strategy/{child_only.pk}/change/"
    page = client.get(url)
    response = client.post(url, change_form_data(page, child_statement=""))
    assert "Give a teacher statement, or the child’s words." in response.content.decode()
    child_only.refresh_from_db()
    assert child_only.child_statement == WORDS


def test_a_strategy_in_the_childs_words_only_is_published(publisher, area):
    strategy = make_strategy(status=Status.IN_REVIEW, teacher_statement="", child_statement=WORDS, categories=[area])
    workflow.apply(strategy, "publish", publisher)
    strategy.refresh_from_db()
    assert strategy.status == Status.PUBLISHED


def test_a_strategy_with_neither_statement_is_not_published(publisher, area):
    strategy = make_strategy(status=Status.IN_REVIEW, teacher_statement="", child_statement="", categories=[area])
    with pytest.raises(ValidationError, match="Give a teacher statement, or the child’s words"):
        workflow.apply(strategy, "publish", publisher)
    strategy.refresh_from_db()
    assert strategy.status == Status.IN_REVIEW


def test_the_strategy_page_shows_the_childs_words_and_no_empty_statement(client, site, child_only):
    html = client.get("/strategies/a-quiet-place/").content.decode()
    assert WORDS in html and "In the child’s words" in html
    assert "What to do" not in html
    _no_empty_paragraph(html)


def test_lists_show_the_childs_words(client, site, child_only):
    for url in ["/categories/sensory-needs/", "/strategies/"]:
        html = client.get(url).content.decode()
        assert WORDS in html, url
        _no_empty_paragraph(html)


def test_where_the_council_hides_the_childs_voice_a_strategy_with_both_shows_only_the_teachers(client, area):
    site = SiteSettings.load()
    site.show_child_voice = False
    site.save()
    make_strategy(slug="both", teacher_statement="Offer a quiet corner.", child_statement=WORDS, categories=[area])
    for url in ["/strategies/both/", "/categories/sensory-needs/"]:
        html = client.get(url).content.decode()
        assert "Offer a quiet corner." in html and WORDS not in html


def test_search_shows_the_childs_words_as_the_snippet(client, site, child_only):
    search.rebuild()
    html = client.get("/search/", {"q": "quiet place"}).content.decode()
    assert "A quiet place" in html and "loud" in html


def test_my_list_and_its_pdf_show_the_childs_words(client, site, child_only):
    html = client.get(f"/my-list/?items={child_only.uuid}").content.decode()
    assert WORDS in html
    _no_empty_paragraph(html)
    reader = PdfReader(io.BytesIO(client.get(f"/my-list/pdf/?items={child_only.uuid}").content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert WORDS in text


def test_the_api_gives_the_childs_words(client, site, child_only):
    data = client.get("/api/v1/strategies/a-quiet-place/").json()
    assert data["teacher_statement"] == "" and data["child_statement"] == WORDS


def test_the_finder_shows_the_childs_words(client, site, area, child_only):
    seen = make_observation(area=area, text="Covers their ears", links=[(child_only, 3)])
    html = client.get(f"/finder/?seen={seen.uuid}").content.decode()
    assert "A quiet place" in html and WORDS in html
    _no_empty_paragraph(html)
