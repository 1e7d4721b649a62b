"""The starter content is real writing, and these tests keep it so (DESIGN.md, quality bars)."""

import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from categories.content import Status
from categories.models import Category, Strategy
from oap_directory.richtext import clean_html, plain_text
from oap_directory.starter_content import STARTER_DIR, StarterContentLoader
from resources.models import Intervention, Resource
from selfreview.models import Framework
from tests.selfreview.test_starter_framework import assert_the_starter_framework_is_complete

SEED_PHRASES = Path(__file__).parent / "data" / "seed-phrases.blake2b"
ABOUT_PAGE = Path(__file__).parent.parent / "templates" / "oap_directory" / "about.html"
CHILD_STATEMENT = re.compile(r"^I .+, so that I .+")


def _load(name):
    return json.loads((STARTER_DIR / name).read_text(encoding="utf-8"))


STRATEGIES = [
    row for path in sorted((STARTER_DIR / "strategies").glob("*.json")) for row in json.loads(path.read_text())
]
PUBLISHED = [row for row in STRATEGIES if row["status"] == "published"]
CATEGORIES = {row["slug"]: row for row in _load("categories.json")}
RESOURCES = _load("resources.json")
INTERVENTIONS = _load("interventions.json")


def _top(slug):
    while CATEGORIES[slug]["parent"]:
        slug = CATEGORIES[slug]["parent"]
    return slug


def _sentences(html):
    return [s.strip().lower() for s in re.split(r"(?<=[.!?])\s+", plain_text(html)) if len(s.split()) >= 6]


def test_there_is_enough_content_to_be_credible():
    assert len(PUBLISHED) >= 80
    assert len([row for row in INTERVENTIONS if row["status"] == "published"]) >= 15
    assert len([row for row in RESOURCES if row["status"] == "published"]) >= 40
    assert {row["status"] for row in STRATEGIES} >= {"draft", "archived"}


def test_statements_are_unique():
    for field in ["teacher_statement", "child_statement", "title", "slug"]:
        counts = Counter(row[field].strip().lower() for row in STRATEGIES)
        assert [value for value, count in counts.items() if count > 1] == [], field


def test_child_statements_are_in_the_voice_of_the_child():
    wrong = [row["child_statement"] for row in STRATEGIES if not CHILD_STATEMENT.match(row["child_statement"])]
    assert wrong == []


def test_no_sentence_appears_in_more_than_two_strategies():
    counts = Counter()
    for row in STRATEGIES:
        text = " ".join([row["teacher_statement"], row["child_statement"], row["why"], row["how"]])
        counts.update(set(_sentences(text)))
    assert [sentence for sentence, count in counts.items() if count > 2] == []


def test_why_and_how_are_each_at_least_forty_words():
    short = [
        (row["slug"], field)
        for row in STRATEGIES
        for field in ["why", "how"]
        if len(plain_text(row[field]).split()) < 40
    ]
    assert short == []


def test_every_sub_area_has_at_least_three_published_strategies():
    counts = Counter(slug for row in PUBLISHED for slug in row["categories"])
    parents = {row["parent"] for row in CATEGORIES.values()}
    leaves = [slug for slug in CATEGORIES if slug not in parents and CATEGORIES[slug]["parent"]]
    assert {slug: counts[slug] for slug in leaves if counts[slug] < 3} == {}


def test_at_least_thirty_percent_sit_in_an_area_of_need_and_a_teachers_standard():
    both = [
        row
        for row in PUBLISHED
        if {"areas-of-need", "teachers-standards"} <= {_top(slug) for slug in row["categories"]}
    ]
    assert len(both) / len(PUBLISHED) >= 0.3


def test_rich_text_in_fixtures_is_already_clean():
    fields = [(row, "why") for row in STRATEGIES] + [(row, "how") for row in STRATEGIES]
    fields += [(row, "introduction") for row in CATEGORIES.values()] + [(row, "description") for row in INTERVENTIONS]
    dirty = [row["slug"] for row, field in fields if clean_html(row[field]) != row[field].strip()]
    assert dirty == []


def test_one_strategy_has_a_heading_list_table_and_image():
    rich = [row for row in PUBLISHED if all(tag in row["how"] for tag in ["<h2>", "<ul>", "<table>", "<img "])]
    assert rich
    image = re.search(r'src="/media/([^"]+)"', rich[0]["how"])[1]
    assert (STARTER_DIR / "media" / image).is_file()


def shingles(text):
    """Every run of eight words, lower case."""
    words = re.findall(r"[a-z0-9']+", text.lower().replace("’", "'"))
    return {" ".join(words[i : i + 8]) for i in range(len(words) - 7)}


def digest(phrase):
    return hashlib.blake2b(phrase.encode(), digest_size=8).hexdigest()


def test_no_eight_word_phrase_is_copied_from_the_seed_documents():
    lines = SEED_PHRASES.read_text().splitlines()
    seeds = {line for line in lines if line and not line.startswith("#")}
    assert len(seeds) > 3000  # the digests of every phrase of the five seed documents
    ours = [json.dumps(STRATEGIES), json.dumps(RESOURCES), json.dumps(INTERVENTIONS), json.dumps(CATEGORIES)]
    ours += [json.dumps(_load("glossary.json")), ABOUT_PAGE.read_text(encoding="utf-8")]
    ours.append(json.dumps(_load("self-evaluation.json")))
    phrases = set().union(*(shingles(plain_text(text.replace("\\n", " "))) for text in ours))
    assert [phrase for phrase in phrases if digest(phrase) in seeds] == []


@pytest.mark.django_db
def test_loader_is_idempotent_and_keeps_editors_changes():
    first = StarterContentLoader().load()
    assert first["strategies"] == len(STRATEGIES)
    assert_the_starter_framework_is_complete(first)
    strategy = Strategy.objects.published().first()
    strategy.child_statement = "I was changed by an editor, so that I stay changed."
    strategy.save()
    assert StarterContentLoader().load() == {}
    strategy.refresh_from_db()
    assert strategy.child_statement.startswith("I was changed by an editor")
    assert Strategy.objects.count() == len(STRATEGIES)
    assert Category.objects.count() == len(CATEGORIES)
    assert Resource.objects.count() == len(RESOURCES)
    assert Intervention.objects.count() == len(INTERVENTIONS)
    assert Framework.objects.count() == 1


@pytest.mark.django_db
def test_loaded_drafts_and_archived_items_stay_hidden(client):
    StarterContentLoader().load()
    hidden = Strategy.objects.exclude(status=Status.PUBLISHED)
    assert hidden.exists()
    for strategy in hidden:
        expected = 410 if strategy.status == Status.ARCHIVED else 404
        assert client.get(strategy.get_absolute_url()).status_code == expected
    published = Strategy.objects.published().first()
    assert client.get(published.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_starter_accessibility_statement_has_its_dates(client):
    StarterContentLoader().load()
    content = client.get("/accessibility/").content.decode()
    assert "This statement was prepared on 16 November 2026" in content
    assert "last tested on 16 November 2026" in content
