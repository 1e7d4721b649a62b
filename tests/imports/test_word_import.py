import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from categories.content import Status
from categories.models import Category, Strategy
from oap_directory.models import ImportRecord
from resources.models import Resource
from tests.factories import make_category, make_level
from tests.imports.docx_builder import oap_document
from tests.imports.forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(db):
    areas = make_category(name="The four broad areas of need", slug="areas-of-need")
    return {
        "cognition": make_category(name="Cognition and learning", slug="cognition-and-learning", parent=areas),
        "level": make_level(name="SEN Support", slug="targeted", is_costed=True),
    }


def _upload(client, content=None, name="Our OAP 2024.docx"):
    document = SimpleUploadedFile(name, oap_document() if content is None else content)
    return client.post("/admin/word-import/", {"document": document}, follow=True)


def test_preview_proposes_categories_strategies_and_resources(client, publisher, council):
    client.force_login(publisher)
    content = _upload(client).content.decode()
    assert "Check what will be created from Our OAP 2024.docx" in content
    assert "Matched to your category “The four broad areas of need › Cognition and learning”" in content
    assert "New category “Spelling and handwriting”" in content
    assert "Teach spellings in small sets" in content
    assert "I keep a word bank on my desk, so that I can spell topic words myself." in content
    assert (
        "Give one instruction at a time" in content
        and "What adults do" not in content.split("Left out")[0].split("<tbody>")[1]
    )
    assert "Resource: The Northbrook spelling guide" in content and "Linked to: I keep a word bank" in content
    assert "An image" in content and "This section was agreed" in content
    assert not Strategy.objects.exists()


def test_confirming_creates_sanitised_drafts_in_one_go_with_a_record(client, publisher, council):
    client.force_login(publisher)
    data = form_data(_upload(client).content.decode())
    items = client.session["oap_word_import"]["items"]
    pencil = next(i for i, item in enumerate(items) if "pencil grip" in item["teacher_statement"])
    data.pop(f"item-{pencil}-include")
    word_bank = next(i for i, item in enumerate(items) if item["child_statement"].startswith("I keep"))
    data[f"item-{word_bank}-level"] = "targeted"
    data[f"item-{word_bank}-category"] = f"existing:{council['cognition'].pk}"
    response = client.post("/admin/word-import/", data, follow=True)
    assert "were created as drafts from Our OAP 2024.docx" in response.content.decode()

    assert not Strategy.objects.filter(teacher_statement__contains="pencil grip").exists()
    assert set(Strategy.objects.values_list("status", flat=True)) == {Status.DRAFT}
    spellings = Strategy.objects.get(teacher_statement__startswith="Teach spellings")
    assert spellings.categories.get().name == "Spelling and handwriting"
    assert spellings.categories.get().parent == council["cognition"]
    assert "<li>Start with three words the pupil nearly knows</li>" in spellings.how
    bank = Strategy.objects.get(child_statement__startswith="I keep a word bank")
    assert bank.level == council["level"] and list(bank.categories.all()) == [council["cognition"]]
    hostile = Strategy.objects.get(teacher_statement__startswith="Never run")
    assert "<script>" in hostile.teacher_statement  # kept as plain text, escaped wherever it is shown
    assert (
        "<script>"
        not in client.get(f"/admin/categories/strategy/{hostile.pk}/change/")
        .content.decode()
        .split("Never run")[1][:40]
    )
    guide = Resource.objects.get(url="https://www.northbrook.example/spelling-guide")
    assert guide.status == Status.DRAFT
    record = ImportRecord.objects.get()
    assert record.created_by == publisher and record.counts["strategies"] == Strategy.objects.count()
    assert bank.history.first().history_change_reason.startswith("Imported from Our OAP 2024.docx")


def test_undo_archives_what_the_import_created_while_still_drafts(client, publisher, council):
    client.force_login(publisher)
    client.post("/admin/word-import/", form_data(_upload(client).content.decode()))
    record = ImportRecord.objects.get()
    response = client.post(f"/admin/word-import/undo/{record.pk}/", follow=True)
    assert "archived" in response.content.decode()
    assert not Strategy.objects.filter(status=Status.DRAFT).exists()
    assert Category.objects.filter(name="Spelling and handwriting", status=Status.ARCHIVED).exists()
    assert council["cognition"].status == Status.PUBLISHED


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", b"hello", "saved as .docx"),
        ("renamed.docx", b"MZ\x90\x00binary", "not a Word document"),
        ("empty.docx", None, "No strategies were found"),
    ],
)
def test_bad_documents_get_a_clear_message_and_nothing_is_written(client, publisher, council, name, content, message):
    if content is None:
        buffer = io.BytesIO()
        import docx

        docx.Document().save(buffer)
        content = buffer.getvalue()
    client.force_login(publisher)
    response = _upload(client, content, name)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Strategy.objects.exists() and not ImportRecord.objects.exists()


def test_a_zip_bomb_named_docx_is_refused(client, publisher, council):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<x/>")
        archive.writestr("word/media/huge.bin", b"\0" * (101 * 1024 * 1024))
    client.force_login(publisher)
    assert "too big once opened" in _upload(client, buffer.getvalue(), "bomb.docx").content.decode()


def test_editors_cannot_import(client, editor):
    client.force_login(editor)
    assert client.get("/admin/word-import/").status_code == 403


def test_the_sample_document_in_docs_gives_a_sensible_proposal(db):
    from django.conf import settings

    from oap_directory.word_import import propose, read_docx

    path = settings.BASE_DIR / "docs" / "examples" / "westford-oap-sample.docx"
    with open(path, "rb") as handle:
        upload = SimpleUploadedFile(path.name, handle.read())
    proposal = propose(read_docx(upload)[0], path.name)
    strategies = [item for item in proposal.items if item.kind == "strategy"]
    assert len(strategies) >= 10
    assert {section.name for section in proposal.sections} >= {"Communication and interaction", "Maths"}
    assert sum(1 for item in strategies if item.child_statement) >= 4
    assert any(item.kind == "resource" for item in proposal.items)
