"""Was this page useful? Anonymous, no cookies, nothing personal kept, and guarded against spam."""

import pytest
from django.core.cache import cache

from categories.content import Status
from feedback import views
from feedback.models import PageFeedback, ResourceSuggestion
from oap_directory.models import SearchTerm, SiteSettings
from tests.factories import make_category, make_intervention, make_phase, make_resource, make_strategy
from tests.test_hostile_inputs import HOSTILE_VALUES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh(settings):
    settings.SITE_URL = "https://oap.northbrook.example"
    SiteSettings.load()
    cache.clear()  # the hourly caps live in the cache


def _post(client, url, data, **headers):
    headers.setdefault("HTTP_ORIGIN", "https://oap.northbrook.example")
    return client.post(url, data, **headers)


def test_every_content_page_asks_was_this_page_useful(client):
    for item in [make_strategy(), make_intervention(), make_resource(), make_category()]:
        html = client.get(item.get_absolute_url()).content.decode()
        assert "Was this page useful?" in html
        assert f'href="/feedback/?page={item.get_absolute_url()}"' in html


def test_yes_is_stored_against_the_item_and_thanked_on_a_page_with_no_cookie(client):
    strategy = make_strategy(title="Movement breaks")
    response = _post(client, "/feedback/", {"page": strategy.get_absolute_url(), "useful": "yes", "website": ""})
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    assert "Editors read every comment" not in response.content.decode()  # there was none
    assert not response.cookies
    assert "private" in response["Cache-Control"]
    feedback = PageFeedback.objects.get()
    assert (feedback.item_type, feedback.item_uuid, feedback.item_title) == (
        "strategy",
        strategy.uuid,
        "Movement breaks",
    )
    assert feedback.is_useful and not feedback.is_out_of_date


def test_no_opens_a_short_form_that_warns_against_pupils_details(client):
    strategy = make_strategy()
    response = client.get(f"/feedback/?page={strategy.get_absolute_url()}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "What was missing or wrong?" in html
    assert "Please don’t include a child’s name or details." in html
    assert "This is out of date" in html
    assert not PageFeedback.objects.exists()  # opening the form stores nothing


def test_a_no_with_a_comment_is_stored_redacted(client):
    SearchTerm.objects.create(word="reading")
    SearchTerm.objects.create(word="recovery")
    strategy = make_strategy()
    comment = "Tom Smith in Year 4 needs more. Email jo.bloggs@school.example or 01234 567890. Reading Recovery helps."
    data = {"page": strategy.get_absolute_url(), "useful": "no", "comment": comment, "out_of_date": "on"}
    _post(client, "/feedback/", data)
    feedback = PageFeedback.objects.get()
    assert not feedback.is_useful and feedback.is_out_of_date
    assert feedback.comment == "[name] in Year 4 needs more. Email [email] or [number]. Reading Recovery helps."


def test_a_comment_over_500_characters_is_refused_with_a_message_and_kept_in_the_form(client):
    strategy = make_strategy()
    response = _post(client, "/feedback/", {"page": strategy.get_absolute_url(), "useful": "no", "comment": "a" * 501})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert "a" * 501 in response.content.decode()
    assert not PageFeedback.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "", "HTTP_REFERER": "https://evil.example/page"},
        {"HTTP_ORIGIN": ""},
    ],
)
def test_posts_from_other_sites_are_refused(client, headers):
    strategy = make_strategy()
    response = _post(client, "/feedback/", {"page": strategy.get_absolute_url(), "useful": "yes"}, **headers)
    assert response.status_code == 400
    assert not PageFeedback.objects.exists()


def test_a_post_with_the_honeypot_filled_is_not_stored(client):
    strategy = make_strategy()
    data = {"page": strategy.get_absolute_url(), "useful": "yes", "website": "http://spam.example"}
    assert _post(client, "/feedback/", data).status_code == 400
    assert not PageFeedback.objects.exists()


def test_a_visitor_over_the_hourly_cap_is_asked_to_try_later(client, monkeypatch):
    monkeypatch.setattr(views, "FEEDBACK_PER_HOUR", 2)
    strategy = make_strategy()
    answers = [
        _post(client, "/feedback/", {"page": strategy.get_absolute_url(), "useful": "yes"}).status_code
        for _ in range(3)
    ]
    assert answers == [200, 200, 429]
    assert PageFeedback.objects.count() == 2


def test_feedback_about_a_draft_or_unknown_page_is_not_stored(client):
    draft = make_strategy(status=Status.DRAFT)
    for page in [draft.get_absolute_url(), "/strategies/nothing-here/", "/privacy/", "https://evil.example/", ""]:
        response = _post(client, "/feedback/", {"page": page, "useful": "yes"})
        assert response.status_code == 404
    assert client.get("/feedback/?page=/privacy/").status_code == 404
    assert not PageFeedback.objects.exists()


def test_hostile_text_is_stored_as_text_and_never_causes_a_server_error(client):
    strategy = make_strategy()
    for value in [*HOSTILE_VALUES, "<script>alert(1)</script>"]:
        if value == "\ud800":
            value = "\ufffd"  # a lone surrogate cannot be sent as UTF-8; the server sees the replacement character
        for field in ["comment", "page", "useful", "out_of_date"]:
            data = {"page": strategy.get_absolute_url(), "useful": "no", "comment": "fine", field: value}
            response = _post(client, "/feedback/", data, REMOTE_ADDR=f"203.0.113.{len(value) % 250}")
            assert response.status_code in (200, 400, 404, 429), (field, value[:20])
            cache.clear()
    stored = PageFeedback.objects.filter(comment__contains="script").first()
    assert stored.comment == "<script>alert(1)</script>"
    assert all("\x00" not in comment for comment in PageFeedback.objects.values_list("comment", flat=True))


def test_a_suggested_resource_waits_in_moderation(client):
    primary = make_phase(name="Primary")
    response = client.get("/suggest-a-resource/")
    assert response.status_code == 200 and "Suggest a resource" in response.content.decode()
    data = {
        "title": "Sensory circuits",
        "url": "https://example.org/circuits",
        "why": "Calm starts.",
        "phases": [primary.pk],
    }
    response = _post(client, "/suggest-a-resource/", data)
    assert response.status_code == 200 and "Thank you" in response.content.decode()
    assert not response.cookies
    suggestion = ResourceSuggestion.objects.get()
    assert suggestion.status == ResourceSuggestion.Status.NEW
    assert list(suggestion.phases.all()) == [primary]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/file", "file:///etc/passwd", "not a url"])
def test_suggestions_only_take_web_addresses(client, url):
    response = _post(client, "/suggest-a-resource/", {"title": "Bad", "url": url, "why": "Because."})
    assert response.status_code == 400
    assert "Enter a valid URL" in response.content.decode()
    assert not ResourceSuggestion.objects.exists()


def test_suggestions_are_guarded_like_feedback(client):
    data = {"title": "Spam", "url": "https://spam.example/", "why": "Buy now."}
    assert _post(client, "/suggest-a-resource/", data, HTTP_ORIGIN="https://evil.example").status_code == 400
    assert _post(client, "/suggest-a-resource/", {**data, "website": "x"}).status_code == 400
    assert not ResourceSuggestion.objects.exists()


def test_feedback_never_names_a_category_visitors_may_not_see(client):
    hidden_framework = make_category(name="Unpublished framework", status=Status.DRAFT)
    make_category(name="Hidden sub-area name", slug="hidden-sub", parent=hidden_framework)
    assert client.get("/categories/hidden-sub/").status_code == 404
    response = client.get("/feedback/?page=/categories/hidden-sub/")
    assert response.status_code == 404 and "Hidden sub-area name" not in response.content.decode()
