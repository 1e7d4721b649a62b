"""Import an existing Word document of OAP strategies.

mammoth turns the .docx into simple HTML (in a separate process, within a time limit, after the
document's size and number of paragraphs, tables and rows have been checked); word_proposal.py
proposes a structure from it, which a person reviews and adjusts before anything is created.
Everything arrives as drafts, in one transaction, with an ImportRecord that can undo the import
while its items are still drafts.
"""

import multiprocessing
import re
import zipfile

import mammoth
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from categories.content import Status
from categories.history import record_version
from categories.identities import identity_for_new_category
from categories.models import Category, Level, Phase, Strategy
from oap_directory import content_types
from oap_directory.models import ImportRecord
from oap_directory.page_cache import one_content_version_bump
from oap_directory.richtext import clean_html
from oap_directory.word_proposal import Item, Proposal, Section, propose  # noqa: F401 - the import's public names
from resources.models import Resource, StrategyResource

MAX_DOCX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # pictures included (they are not read)
MAX_TEXT_BYTES = 8 * 1024 * 1024  # the document's text and layout (word/document.xml)
MAX_PARAGRAPHS, MAX_TABLES, MAX_ROWS = 8000, 400, 4000
CONVERSION_SECONDS = 30


class WordImportError(Exception):
    """The document can't be imported; the message says why."""


# ------------------------------------------------------------------------------------------- reading

NOT_WORD = "This file is not a Word document, though its name ends in .docx."
SPLIT_IT = "Split it into smaller documents (for example one per area of need) and import each."


def _count_parts(archive):
    """Paragraphs, tables and table rows in the document, counted without parsing it."""
    counts, tail = {b"p": 0, b"tbl": 0, b"tr": 0}, b""
    pattern = re.compile(rb"<w:(p|tbl|tr)[ >/]")
    with archive.open("word/document.xml") as source:
        while chunk := source.read(1024 * 1024):
            data = tail + chunk
            cut = max(len(data) - 7, 0)  # a tag cut in two is counted with the next chunk
            for found in pattern.finditer(data):
                counts[found.group(1)] += found.start() < cut
            tail = data[cut:]
    for found in pattern.finditer(tail):
        counts[found.group(1)] += 1
    return counts[b"p"], counts[b"tbl"], counts[b"tr"]


def _check_docx(upload):
    if upload.size > MAX_DOCX_BYTES:
        raise WordImportError("The document is too big: the limit is 10 MB.")
    if not upload.name.lower().endswith(".docx"):
        raise WordImportError("Choose a Word document saved as .docx (in Word: File › Save as › Word Document).")
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            _check_archive(archive)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        raise WordImportError(NOT_WORD) from None
    finally:
        upload.seek(0)


def _check_archive(archive):
    members = {member.filename: member for member in archive.infolist()}
    if "word/document.xml" not in members:
        raise WordImportError(NOT_WORD)
    if sum(member.file_size for member in members.values()) > MAX_UNPACKED_BYTES:
        raise WordImportError("This document would be too big once opened (over 100 MB): is it damaged?")
    if members["word/document.xml"].file_size > MAX_TEXT_BYTES:
        raise WordImportError(f"This document holds too much text to import in one go (over 8 MB). {SPLIT_IT}")
    paragraphs, tables, rows = _count_parts(archive)
    for count, limit, what in ((paragraphs, MAX_PARAGRAPHS, "paragraphs"), (tables, MAX_TABLES, "tables"),
                               (rows, MAX_ROWS, "table rows")):  # fmt: skip
        if count > limit:
            raise WordImportError(f"This document has {count:,} {what}; at most {limit:,} can be imported. {SPLIT_IT}")


def _convert(data, connection):
    """Run in a child process: mammoth's HTML and messages, or the kind of error it raised."""
    import io

    ignore_images = mammoth.images.img_element(lambda image: {"src": "", "alt": "image"})
    try:
        result = mammoth.convert_to_html(io.BytesIO(data), convert_image=ignore_images)
        connection.send(("ok", result.value, [message.message for message in result.messages]))
    except Exception as error:  # noqa: BLE001 - mammoth raises many kinds of error on damaged files
        connection.send(("error", type(error).__name__, []))
    finally:
        connection.close()


def read_docx(upload):
    """The document as simple HTML, and mammoth's warnings; converted within CONVERSION_SECONDS."""
    _check_docx(upload)
    data = upload.read()
    upload.seek(0)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_convert, args=(data, sender), daemon=True)
    worker.start()
    sender.close()
    try:
        if not receiver.poll(CONVERSION_SECONDS):
            raise WordImportError(
                f"Reading this document took longer than {CONVERSION_SECONDS} seconds, so it was stopped. {SPLIT_IT}"
            )
        outcome, value, warnings = receiver.recv()
    except EOFError:
        raise WordImportError("The document could not be read: is it damaged?") from None
    finally:
        receiver.close()
        if worker.is_alive():
            worker.kill()
        worker.join(1)
    if outcome != "ok":
        raise WordImportError(f"The document could not be read ({value}): is it damaged?")
    return value, warnings


# ------------------------------------------------------------------------------------------ creating


def _unique_slug(model, text):
    base = slugify(text)[:100] or "imported"
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


class _Creator:
    """Creates the chosen items: sections become categories only when something is placed in them."""

    def __init__(self, proposal, choices, user):
        self.proposal, self.user = proposal, user
        self.sections, self.items = choices["sections"], choices["items"]
        self.categories, self.new_categories, self.strategies, self.created = {}, [], {}, []
        self.levels = {level.slug: level for level in Level.objects.all()}
        self.phases = {phase.slug: phase for phase in Phase.objects.all()}

    def category(self, index):
        """The category for a section: an existing one, a new one (made once), or the one above it."""
        if index is None:
            return None
        if index not in self.categories:
            target = self.sections.get(index, {}).get("target", "new")
            above = self.category(self.proposal.sections[index].parent)
            if target.startswith("existing:"):
                self.categories[index] = Category.objects.filter(pk=int(target.split(":", 1)[1])).first() or above
            elif target == "up":
                self.categories[index] = above
            else:
                self.categories[index] = self.new_category(self.proposal.sections[index], above, index)
        return self.categories[index]

    def new_category(self, section, parent, order):
        slug = _unique_slug(Category, section.name)
        category = Category(
            name=section.name, slug=slug, parent=parent, status=Status.DRAFT, summary="", order=order,
            uuid=identity_for_new_category(slug, parent),
        )  # fmt: skip
        category.skip_history_when_saving = True
        category.save()
        self.new_categories.append(category)
        return category

    def section_level(self, index):
        while index is not None:
            if level := self.sections.get(index, {}).get("level"):
                return level
            index = self.proposal.sections[index].parent
        return ""

    def strategy(self, index, item, choice):
        target = choice.get("category", "")
        if target.startswith("existing:"):
            category = Category.objects.filter(pk=int(target.split(":", 1)[1])).first()
        else:
            category = self.category(int(target.split(":", 1)[1]) if target.startswith("section:") else item.section)
        level = choice.get("level") or self.section_level(item.section)
        title = (choice.get("title") or item.title).strip()[:200] or item.title
        strategy = Strategy(
            title=title, slug=_unique_slug(Strategy, title), teacher_statement=item.teacher_statement,
            child_statement=item.child_statement, how=clean_html(item.how), why=item.why, status=Status.DRAFT,
            level=self.levels.get(level),
        )  # fmt: skip
        strategy.skip_history_when_saving = True
        strategy.save()
        if category is not None:
            strategy.categories.set([category])
        strategy.phases.set([self.phases[slug] for slug in item.phases if slug in self.phases])
        self.strategies[index] = strategy
        self.created.append(strategy)

    def resource(self, index, item):
        resource = Resource(
            title=item.title, slug=_unique_slug(Resource, item.title), url=item.url[:500], kind=Resource.Kind.WEB_PAGE,
            summary=f"Linked from the document “{self.proposal.file_name}”. Describe what it is and when to use it.",
            status=Status.DRAFT,
        )  # fmt: skip
        resource.skip_history_when_saving = True
        resource.save()
        self.created.append(resource)
        for owner_index, strategy in self.strategies.items():
            if index in self.proposal.items[owner_index].links:
                StrategyResource.objects.create(strategy=strategy, resource=resource, order=0)

    def run(self):
        for kind in ("strategy", "resource"):
            for index, item in enumerate(self.proposal.items):
                choice = self.items.get(index, {})
                if item.kind == kind and choice.get("include"):
                    (self.strategy(index, item, choice) if kind == "strategy" else self.resource(index, item))
        created = self.new_categories + self.created
        for obj in created:
            del obj.skip_history_when_saving
            record_version(obj, self.user, f"Imported from {self.proposal.file_name}"[:100], "+")
        return created


@transaction.atomic
@one_content_version_bump()
def create(proposal, choices, user):
    """Create the chosen items as drafts, and the record of the import.

    `choices` = {"sections": {i: {"target": "new"|"up"|"existing:ID", "level": slug}},
                 "items": {i: {"include": bool, "title": str, "category": ""|"section:N"|"existing:ID", "level": slug}}}
    """
    created = _Creator(proposal, choices, user).run()
    counts = {
        "categories": sum(isinstance(o, Category) for o in created),
        "strategies": sum(isinstance(o, Strategy) for o in created),
        "resources": sum(isinstance(o, Resource) for o in created),
        "ignored": len(proposal.ignored),
    }
    return ImportRecord.objects.create(
        kind=ImportRecord.Kind.WORD, file_name=proposal.file_name[:255], created_by=user, counts=counts,
        created_items=[[content_types.for_model(o).name, str(o.uuid)] for o in created], messages=proposal.ignored[:200],
    )  # fmt: skip


@transaction.atomic
def undo(record, user):
    """Archive what the import created, as long as it is still a draft. Returns how many were archived."""
    archived = 0
    for model_name, uuid in record.created_items:
        obj = content_types.get(model_name).model.objects.filter(uuid=uuid, status=Status.DRAFT).first()
        if obj is None:
            continue
        obj.status = Status.ARCHIVED
        obj.skip_history_when_saving = True
        obj.save()
        del obj.skip_history_when_saving
        record_version(obj, user, "Import undone")
        archived += 1
    record.undone_at = timezone.now()
    record.save(update_fields=["undone_at"])
    return archived
