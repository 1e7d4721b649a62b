"""What a search costs: its queries do not grow with the content, and work done in Python instead of SQL gives
the answers SQL gave."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from oap_directory.models import SearchDocument, Synonym
from oap_directory.search import ranking, sqlite
from oap_directory.search.documents import match_facts
from oap_directory.search.query import Synonyms, parse
from tests.factories import make_category, make_level, make_phase, make_resource, make_strategy

pytestmark = pytest.mark.django_db


@pytest.fixture
def options(indexed):
    top = make_category(name="Areas of need", slug="areas-of-need")
    return {
        "areas": [
            make_category(name="Cognition and learning", slug="cognition", parent=top),
            make_category(name="Sensory and physical", slug="sensory", parent=top),
        ],
        "levels": [make_level(name="Universal", slug="universal"), make_level(name="Specialist", slug="specialist")],
        "phases": [make_phase(name="Primary", slug="primary"), make_phase(name="Secondary", slug="secondary")],
    }


def _add_reading_items(options, count, start=0):
    areas, levels, phases = options["areas"], options["levels"], options["phases"]
    for n in range(start, start + count):
        make_strategy(
            title=f"Reading idea {n}",
            teacher_statement=f"Share a reading book with a partner, idea {n}.",
            categories=[areas[n % 2]],
            level=levels[n % 2],
            phases=phases[: 1 + n % 2],
            tags=["reading"],
        )
        if n % 3 == 0:
            make_resource(title=f"Reading guide {n}", summary="How to share books.", phases=[phases[n % 2]])


def _queries(client, **params):
    with CaptureQueriesContext(connection) as context:
        response = client.get("/search/", params)
    assert response.status_code == 200
    return [query["sql"] for query in context.captured_queries]


@pytest.mark.parametrize(
    "params",
    [{"q": "reading"}, {"q": "reading book"}, {"q": "reading", "phase": "primary", "type": "strategy"}],
    ids=["one word", "two words", "filtered"],
)
def test_a_search_makes_the_same_queries_however_many_items_match(client, options, params):
    _add_reading_items(options, 5)
    _queries(client, **params)  # the content version's first search reads what is built once per version
    few = _queries(client, **params)
    _add_reading_items(options, 40, start=5)
    _queries(client, **params)
    many = _queries(client, **params)
    assert len(many) <= len(few)  # the page reads my-list identities once per type it shows, at most
    assert client.get("/search/", params).context["search"].count > 20  # more than one page


def test_synonyms_are_read_once_per_content_version(client, options):
    _add_reading_items(options, 3)
    _queries(client, q="reading")
    assert not [sql for sql in _queries(client, q="reading") if Synonym._meta.db_table in sql]
    Synonym.objects.create(term="books", synonyms="reading")  # a change bumps the content version
    assert client.get("/search/", {"q": "books"}).context["search"].count >= 3


def _database_counts(ids, options):
    """The facet counts SQL gives for these documents."""
    documents = SearchDocument.objects.filter(pk__in=ids)
    categories = {category.pk for category in options["areas"]} | {options["areas"][0].parent_id}
    return {
        "type": {t: n for t in ("strategy", "resource", "category") if (n := documents.filter(type=t).count())},
        "level": {lv.slug: documents.filter(level=lv.slug).count() for lv in options["levels"]},
        "phase": {p.slug: documents.filter(phases__contains=f"|{p.slug}|").count() for p in options["phases"]},
        "category": {pk: documents.filter(category_ids__contains=f"|{pk}|").count() for pk in categories},
    }


@pytest.mark.parametrize(
    "params", [{"q": "reading"}, {"q": "reading", "phase": "secondary"}, {"q": "", "phase": "primary"}]
)
def test_facet_counts_are_those_the_database_gives_for_the_results(client, options, params):
    _add_reading_items(options, 12)
    page = client.get("/search/", params).context["search"]
    ids = [row["id"] for row in page.page.paginator.object_list]
    expected = _database_counts(ids, options)
    shown = {facet.name: {value: count for value, _, count, _ in facet.options} for facet in page.facets}
    assert shown["type"] == expected["type"]
    assert shown["level"] == {slug: n for slug, n in expected["level"].items() if n}
    assert shown["phase"] == {slug: n for slug, n in expected["phase"].items() if n}
    shown_areas = {
        option["value"]: option["count"]
        for group in page.area_groups
        for fieldset in group["fieldsets"]
        for option in fieldset["options"]
    }
    for category in options["areas"]:
        assert shown_areas.get(category.slug, 0) == expected["category"][category.pk]


def test_the_title_check_finds_word_starts_terms_and_alternatives():
    synonyms = Synonyms.from_rows([("selective mutism", ["situational mutism"]), ("ADHD", ["attention"])])
    share = ranking.title_matcher(parse("selective mutism reading ADHD", synonyms))
    assert share("Co-reader sessions") == 1 / 3  # "read" starts a word once hyphens split words
    assert share("Selective mutism: reading aloud") == 2 / 3  # a term of two words is found as written
    assert share("Situational mutism and attention") == 2 / 3  # alternatives anywhere in the title
    assert share("Bread and honey") == 0.0  # "read" inside a word is not a word starting with it
    assert ranking.title_matcher(parse(""))("Anything") == 0.0


@pytest.mark.postgres
def test_search_vectors_are_kept_in_their_rows(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute WHERE attrelid = %s::regclass AND attname = 'search_vector'",
            [SearchDocument._meta.db_table],
        )
        assert cursor.fetchone()[0] == "m"


@pytest.mark.sqlite
def test_sqlite_reads_each_word_and_each_choice_of_filters_once_per_content_version(client, options):
    """SQLite: what the full-text index finds for each word, and which documents a choice of filters leaves, are
    read once per content version; the same search again reads neither. A change (a new content version) is found
    by the next search."""
    _add_reading_items(options, 6)
    filters = {"phase": "primary", "category": "cognition", "level": "universal"}
    reads = [
        [sql for sql in _queries(client, q="reading book", **filters) if _reads_index_or_filters(sql)] for _ in (1, 2)
    ]
    together = [sql for sql in reads[0] if '"reading book"' in sql]
    assert len(reads[0]) == 4 and len(together) == 1, reads[0]  # each word, the filters, the words together
    assert reads[1] == together  # the whole query as one phrase is asked of the index each time
    found = client.get("/search/", {"q": "reading book", **filters}).context["search"].count
    make_strategy(title="Reading book club", categories=[options["areas"][0]], level=options["levels"][0],
                  phases=[options["phases"][0]])  # fmt: skip
    assert client.get("/search/", {"q": "reading book", **filters}).context["search"].count == found + 1


def _reads_index_or_filters(sql):
    return ("search_fts MATCH" in sql and "snippet(" not in sql) or sql.startswith(
        f"SELECT id FROM {SearchDocument._meta.db_table} WHERE"
    )


SAYINGS = [
    ("Paired reading", "Share a reading book with a partner every day."),
    ("Reading ruler", "A ruler helps a pupil keep their place when reading and reading again."),
    ("Story sacks", "Books and props to share a story at home."),
    ("Book club at lunch", "A quiet book club: pupils read books and talk about books."),
    ("Reading guide", "A guide for parents: how to share a reading book."),
    ("Talk partners", "Partners rehearse an answer before sharing ideas."),
]


@pytest.mark.sqlite
@pytest.mark.parametrize("text", ["reading book", "books -guide", '"share a reading" partner', "reading reads idea"])
def test_sqlite_ranks_are_those_fts5_gives_for_the_whole_query(options, text):
    """SQLite puts a search's bm25 ranks together from what each word and phrase finds alone (kept per content
    version): they are exactly those FTS5 gives for the whole query, with alternatives, phrases, an exclusion and
    words found twice ("reads" is "reading" stemmed), for items matching every word or any, filtered or not."""
    areas, phases = options["areas"], options["phases"]
    for n, (title, saying) in enumerate(
        SAYINGS + [(f"Movement break {n}", f"Plan a break, idea {n}.") for n in range(16)]
    ):
        make_strategy(title=title, teacher_statement=saying, categories=[areas[0]], phases=[phases[n % 2]])
    parsed = parse(text, Synonyms.from_rows([("book", ["reading book", "guide"]), ("partner", ["idea"])]))
    facts, ranks = match_facts(), set()
    for documents in (SearchDocument.objects.all(), SearchDocument.objects.filter(phases__contains="|secondary|")):
        for any_term in (False, True):
            expected = dict(sqlite.matches(parsed, documents, any_term=any_term))  # as FTS5 gives them
            assert dict(sqlite.matches(parsed, documents, facts, any_term=any_term)) == expected
            ranks |= set(expected.values())
    assert len(ranks) >= 3  # items rank differently
