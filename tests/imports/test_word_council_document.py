"""A council's own OAP document, as a SEND team writes it, becomes a clean set of drafts with no hand-editing."""

import functools
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from categories.content import Status
from categories.models import Category, Strategy
from oap_directory import word_import
from oap_directory.models import ImportRecord, SiteSettings
from oap_directory.starter_content import StarterContentLoader
from oap_directory.word_import import WordImportError, propose, read_docx
from oap_directory.word_reading import is_child_voice, short_title
from resources.models import Resource
from tests.imports.docx_builder import COUNCIL_STRATEGIES, council_document, council_titles
from tests.imports.forms import form_data

pytestmark = pytest.mark.django_db


@functools.cache
def council_html():
    return read_docx(SimpleUploadedFile("Riverside OAP.docx", council_document()))[0]


@pytest.fixture
def our_tree(db):
    """What a council set up with the standard categories has: the areas of need and their sub-areas."""
    loader = StarterContentLoader()
    loader.load_levels_and_phases()
    loader.load_categories(only={"areas-of-need", "communication-and-interaction", "speaking-and-listening",
                                 "cognition-and-learning", "reading", "maths", "semh", "emotional-regulation",
                                 "sensory-and-physical", "hearing"})  # fmt: skip
    return {category.slug: category for category in Category.objects.all()}


def _proposal():
    return propose(council_html(), "Riverside OAP.docx")


def _strategy(proposal, start):
    found = [
        item
        for item in proposal.strategies()
        if (item.teacher_statement or item.child_statement).startswith(start) or item.title == start
    ]
    assert len(found) == 1, start
    return found[0]


@pytest.mark.parametrize(
    "sentence",
    [
        "I sit near the front, so that I can see the board.",
        "I find busy rooms hard, so I need a quiet place to go.",
        "I need you to show me what good work looks like.",
        "I would like a job to do when I arrive.",
        "It helps me when you write the steps down.",
        "“i NEED time to think before I answer”",
        "It helps me if you warn me before the bell.",
        "I’d like to choose where I sit.",
    ],
)
def test_each_way_of_writing_the_voice_of_the_child_is_recognised(sentence):
    assert is_child_voice(sentence)


@pytest.mark.parametrize("sentence", ["Ideas for the classroom.", "It is important that staff plan ahead.", "In class"])
def test_teacher_sentences_are_not_mistaken_for_the_child(sentence):
    assert not is_child_voice(sentence)


def test_titles_are_cut_at_a_word_boundary_without_an_ellipsis():
    long = (
        "Reduce background noise by closing doors and windows, using soft furnishings and tennis balls on chair "
        "legs, and by keeping the classroom door closed during busy times in the corridor."
    )
    title = short_title(long)
    assert "…" not in title and len(title) <= 90 and long.startswith(title)
    assert title == "Reduce background noise by closing doors and windows"


def test_the_council_document_proposes_every_strategy_once_with_its_full_statement(our_tree):
    proposal = _proposal()
    assert len(proposal.strategies()) == 40
    for start in council_titles():
        item = _strategy(proposal, start)
        assert "…" not in item.title
    for sentence in COUNCIL_STRATEGIES["child"]:
        item = _strategy(proposal, sentence)
        assert item.child_statement == sentence and item.teacher_statement == ""
    for sentence in COUNCIL_STRATEGIES["bullets"]:
        item = _strategy(proposal, sentence)
        assert item.teacher_statement == sentence and item.child_statement == ""
        assert sentence.startswith(item.title)


def test_tables_are_read_by_their_column_headings_whatever_their_width(our_tree):
    proposal = _proposal()
    talk = _strategy(proposal, "Talk partners")
    assert "Pairs are changed every half term" in talk.how and talk.why == "Pupils rehearse ideas before sharing them."
    assert _strategy(proposal, "Visual timetables").how.startswith("<p>Display the day in pictures")
    precision = _strategy(proposal, "Precision teaching for number facts")
    assert precision.level == "targeted" and _strategy(proposal, "Number lines on every desk").level == "universal"
    assert [proposal.items[i].url for i in precision.links] == ["https://maths.example.org/precision"]
    subtitles = _strategy(proposal, "Use subtitles on all videos shown in class")
    assert subtitles.child_statement.startswith("I can follow the video")
    assert (
        _strategy(proposal, "Repeat questions from other pupils").child_statement == "I miss what people behind me say."
    )


def test_a_column_we_do_not_know_is_kept_under_its_heading(our_tree):
    html = (
        "<h1>Reading</h1><table><tr><td>Strategy</td><td>Who</td><td>Notes for SENCOs</td></tr>"
        "<tr><td>Paired reading</td><td>Teaching assistant</td><td>Works best three times a week.</td></tr></table>"
    )
    item = propose(html, "x.docx").strategies()[0]
    assert item.title == "Paired reading"
    assert "<strong>Who:</strong> Teaching assistant" in item.how
    assert "<strong>Notes for SENCOs:</strong> Works best three times a week." in item.how


def test_headings_are_matched_to_our_categories_by_normalised_name(our_tree):
    proposal = _proposal()
    matched = {proposal.path(i): s.existing_id for i, s in enumerate(proposal.sections)}
    assert matched["Social, emotional and mental health (SEMH)"] == our_tree["semh"].pk
    assert matched["Sensory and/or physical needs"] == our_tree["sensory-and-physical"].pk
    assert matched["Communication and interaction › Speaking and listening"] == our_tree["speaking-and-listening"].pk
    assert (
        matched["Social, emotional and mental health (SEMH) › Emotional regulation"]
        == our_tree["emotional-regulation"].pk
    )
    classroom = [path for path in matched if path.endswith("What every classroom should do")]
    assert len(classroom) == 4 and all(matched[path] is None for path in classroom)


def test_a_heading_that_is_only_an_acronym_is_matched_through_the_synonym_list(our_tree):
    from oap_directory.models import Synonym

    Synonym.objects.update_or_create(term="SEMH", defaults={"synonyms": "social emotional mental health, SEMH needs"})
    proposal = propose("<h1>SEMH</h1><ul><li>Agree a calm corner with the pupil.</li></ul>", "x.docx")
    assert proposal.sections[0].existing_id == our_tree["semh"].pk


def test_links_become_resources_of_the_strategy_above_not_strategies(our_tree):
    proposal = _proposal()
    titles = [item.title for item in proposal.strategies()]
    assert not any("guide" in title.lower() or "cards" in title.lower() for title in titles)
    model = _strategy(proposal, "Model the sentence you want to hear")
    assert [proposal.items[i].title for i in model.links] == ["Talk-rich classrooms guide"]
    assert len([item for item in proposal.items if item.kind == "resource"]) == 4


def test_the_preview_shows_everything_and_lists_each_category_once(client, publisher, our_tree):
    client.force_login(publisher)
    document = SimpleUploadedFile("Riverside OAP.docx", council_document())
    content = client.post("/admin/word-import/", {"document": document}, follow=True).content.decode()
    assert "40 strategies and 4 resources were found" in content
    assert "<li>Plan for talk in every lesson</li>" in content  # sub-bullets, shown as “How to do it”
    assert "Matched to your category “The four broad areas of need › Social, emotional and mental health”" in content
    assert "Heading: Cognition and learning › What every classroom should do" in content
    select = content.split('name="item-0-category"')[1].split("</select>")[0]
    assert select.count("› Maths<") == 1 and "Existing:" not in select


def test_a_tampered_choice_is_refused_with_a_message(client, publisher, our_tree):
    client.force_login(publisher)
    document = SimpleUploadedFile("Riverside OAP.docx", council_document())
    data = form_data(client.post("/admin/word-import/", {"document": document}, follow=True).content.decode())
    for field, value in [("item-0-category", "existing:abc"), ("section-1-target", "new:999"), ("item-0-level", "x")]:
        response = client.post("/admin/word-import/", {**data, field: value}, follow=True)
        assert response.status_code == 200 and "no longer in the list" in response.content.decode()
    assert not Strategy.objects.exists()


def test_a_council_document_becomes_published_searchable_strategies_without_hand_editing(
    client, site_manager, our_tree, indexed
):
    """The first hour, from the Word import on: upload, set one section's level, create, submit, publish, find."""
    started = time.monotonic()
    client.force_login(site_manager)
    document = SimpleUploadedFile("Riverside OAP.docx", council_document())
    preview = client.post("/admin/word-import/", {"document": document}, follow=True).content.decode()
    data = form_data(preview)
    semh = next(i for i, s in enumerate(client.session["oap_word_import"]["sections"]) if s["name"].endswith("(SEMH)"))
    data[f"section-{semh}-level"] = "targeted"  # “apply to this section”: every SEMH strategy at SEN Support
    result = client.post("/admin/word-import/", data, follow=True).content.decode()

    assert "40 strategies, 4 resources and 4 new categories were created as drafts from Riverside OAP.docx" in result
    assert "{" not in result.split("What this import did")[1].split("</ul>")[0]
    assert result.split("Created by this import")[1].count('href="/admin/categories/strategy/') == 40
    record = ImportRecord.objects.get()
    client.post(f"/admin/word-import/submit/{record.pk}/", follow=True)
    assert set(Strategy.objects.values_list("status", flat=True)) == {Status.IN_REVIEW}
    assert set(Resource.objects.values_list("status", flat=True)) == {Status.IN_REVIEW}

    new_categories = Category.objects.filter(status=Status.IN_REVIEW)
    assert new_categories.count() == 4  # the four “What every classroom should do” headings, submitted too
    for model, items in [("categories/category", new_categories), ("categories/strategy", Strategy.objects.all()),
                         ("resources/resource", Resource.objects.all())]:  # fmt: skip
        data = {"action": "bulk_publish", "_selected_action": [obj.pk for obj in items], "confirmed": "yes"}
        client.post(f"/admin/{model}/", data)
    assert Category.objects.exclude(status=Status.PUBLISHED).count() == 0
    assert Strategy.objects.published().count() == 40 and Resource.objects.published().count() == 4
    # Five strategies are in the pupil's words only: published as they are, their words shown on their pages.
    child_only = Strategy.objects.filter(teacher_statement="")
    assert child_only.count() == 5
    site = SiteSettings.load()
    site.show_child_voice = False
    site.save()
    for strategy in child_only:
        assert strategy.child_statement in client.get(strategy.get_absolute_url()).content.decode()
    greet = Strategy.objects.get(teacher_statement__startswith="Greet every pupil")
    assert greet.level.slug == "targeted" and greet.categories.get().parent == our_tree["semh"]
    assert Strategy.objects.get(title="Talk partners").categories.get() == our_tree["speaking-and-listening"]
    for query, title in [("processing time", "Give processing time"), ("subtitles", "Use subtitles"),
                         ("precision teaching", "Precision teaching for number facts")]:  # fmt: skip
        assert title in client.get("/search/", {"q": query}).content.decode()
    assert time.monotonic() - started < 60


def test_documents_beyond_the_caps_are_refused_clearly(monkeypatch, our_tree):
    monkeypatch.setattr(word_import, "MAX_PARAGRAPHS", 20)
    with pytest.raises(WordImportError, match=r"has \d+ paragraphs; at most 20 can be imported. Split it"):
        read_docx(SimpleUploadedFile("big.docx", council_document()))
    monkeypatch.setattr(word_import, "MAX_PARAGRAPHS", 8000)
    monkeypatch.setattr(word_import, "MAX_ROWS", 5)
    with pytest.raises(WordImportError, match="table rows; at most 5"):
        read_docx(SimpleUploadedFile("big.docx", council_document()))


def test_a_conversion_that_runs_too_long_is_stopped(monkeypatch):
    monkeypatch.setattr(word_import, "CONVERSION_SECONDS", 0.2)
    monkeypatch.setattr(word_import.mammoth, "convert_to_html", lambda *args, **kwargs: time.sleep(5))
    started = time.monotonic()
    with pytest.raises(WordImportError, match="took longer than 0.2 seconds, so it was stopped"):
        read_docx(SimpleUploadedFile("slow.docx", council_document()))
    assert time.monotonic() - started < 3
