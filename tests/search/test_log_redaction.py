"""Search logs keep what teachers search for, never who they are searching about."""

import pytest

from oap_directory.models import SearchLog, SearchTerm
from oap_directory.search.logs import names, redact

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def content_words(db):
    """Words the published content uses, as the index would hold them."""
    words = "young carers hope precision teaching lego therapy reading anxiety zones regulation about from help"
    SearchTerm.objects.bulk_create([SearchTerm(word=word) for word in words.split()])


def test_the_names_list_is_data_with_its_source_and_enough_names():
    text = (names.__wrapped__.__globals__["NAMES_FILE"]).read_text()
    assert "Office for National Statistics" in text.split("[first names]")[0]
    first = [line for line in text.split("[first names]")[1].split("[surnames]")[0].splitlines()[1:] if line.strip()]
    surnames = [line for line in text.split("[surnames]")[1].splitlines()[1:] if line.strip()]
    assert len(set(first)) >= 1000 and len(set(surnames)) >= 500
    assert {"jayden", "okafor", "smith", "olivia", "muhammad"} <= names()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Jayden Smithsonite reading", "[name] reading"),
        ("jayden okafor reading", "[name] reading"),
        ("JAYDEN OKAFOR", "[name]"),
        ("d.o.b 12/03/2015 tom", "d.o.b [date] [name]"),
        ("born 3rd March 2016 anxiety", "born [date] anxiety"),
        ("2015-03-12 amelia", "[date] [name]"),
        ("call 07700 900123 about EHCP", "call [number] about EHCP"),
        ("help from sam@example.org", "help from [email]"),
        ("Jane Smithson", "[name]"),
    ],
)
def test_names_dates_emails_and_numbers_are_redacted_in_any_case(typed, stored):
    assert redact(typed) == stored


@pytest.mark.parametrize("query", ["selective mutism", "ELSA EBSA", "young carers", "hope", "Precision Teaching",
                                   "Lego therapy", "Zones of Regulation", "Attachment Aware Schools"])  # fmt: skip
def test_jargon_and_ordinary_words_stay_visible(query):
    assert redact(query) == query


def test_editors_see_only_redacted_queries(client, editor, indexed):
    client.get("/search/", {"q": "Jayden Okafor reading"})
    assert SearchLog.objects.get().query == "[name] reading"
    client.force_login(editor)
    content = client.get("/admin/oap_directory/searchlog/").content.decode().lower()
    assert "jayden" not in content and "okafor" not in content


def test_editors_see_what_was_typed_beside_the_correction_searched(client, editor, indexed):
    from tests.factories import make_strategy

    make_strategy(title="Paired reading every day")
    client.get("/search/", {"q": "redaing"})
    client.force_login(editor)
    content = client.get("/admin/oap_directory/searchlog/").content.decode()
    assert "Searches that were corrected" in content
    assert "<td>redaing</td><td>reading</td>" in content
