"""Import an existing Word document of OAP strategies.

mammoth turns the .docx into simple HTML; this module proposes a structure from it — headings
become categories (matched to existing ones by name, or new), list items, table rows and
"I …" paragraphs become strategies, links become resources — which a person reviews and
adjusts before anything is created. Everything arrives as drafts, in one transaction, with an
ImportRecord that can undo the import while its items are still drafts.
"""

import re
import zipfile
from dataclasses import asdict, dataclass, field
from html import escape
from html.parser import HTMLParser

import mammoth
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from categories.content import Status
from categories.history import record_version
from categories.models import Category, Level, Strategy
from oap_directory.models import ImportRecord
from oap_directory.richtext import clean_html
from resources.models import Intervention, Resource, StrategyResource

MAX_DOCX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
CHILD_VOICE = re.compile(r"^I\b.*\bso that I\b", re.IGNORECASE | re.DOTALL)
TITLE_WORDS = 9


class WordImportError(Exception):
    """The document can't be imported; the message says why."""


# ------------------------------------------------------------------------------------------- reading


class _Node:
    def __init__(self, tag, attrs=None, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs or {}), parent, []

    def text(self, skip=()):
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag not in skip:
                parts.append(child.text(skip))
        return re.sub(r"\s+", " ", " ".join(parts)).strip()

    def find_all(self, tag):
        for child in self.children:
            if isinstance(child, _Node):
                if child.tag == tag:
                    yield child
                yield from child.find_all(tag)


class _TreeBuilder(HTMLParser):
    VOID = {"img", "br", "hr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in self.VOID:
            self.current = node

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def _check_docx(upload):
    if upload.size > MAX_DOCX_BYTES:
        raise WordImportError("The document is too big: the limit is 10 MB.")
    if not upload.name.lower().endswith(".docx"):
        raise WordImportError("Choose a Word document saved as .docx (in Word: File › Save as › Word Document).")
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            if "word/document.xml" not in archive.namelist():
                raise WordImportError("This file is not a Word document, though its name ends in .docx.")
            if sum(member.file_size for member in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise WordImportError("This document would be too big once opened (over 100 MB): is it damaged?")
    except (zipfile.BadZipFile, OSError, ValueError):
        raise WordImportError("This file is not a Word document, though its name ends in .docx.") from None
    finally:
        upload.seek(0)


def read_docx(upload):
    """The document as simple HTML, and mammoth's warnings."""
    _check_docx(upload)
    ignore_images = mammoth.images.img_element(lambda image: {"src": "", "alt": "image"})
    try:
        result = mammoth.convert_to_html(upload, convert_image=ignore_images)
    except Exception as error:  # noqa: BLE001 - mammoth raises many kinds of error on damaged files
        raise WordImportError(f"The document could not be read ({type(error).__name__}): is it damaged?") from None
    return result.value, [message.message for message in result.messages]


# ------------------------------------------------------------------------------------------ proposing


@dataclass
class Section:
    name: str
    depth: int
    parent: int | None  # index of the parent section
    existing_id: int | None = None


@dataclass
class Item:
    kind: str  # "strategy" or "resource"
    section: int | None
    title: str
    teacher_statement: str = ""
    child_statement: str = ""
    how: str = ""
    url: str = ""
    links: list = field(default_factory=list)  # indexes of resource items found inside this strategy


@dataclass
class Proposal:
    file_name: str
    sections: list = field(default_factory=list)
    items: list = field(default_factory=list)
    ignored: list = field(default_factory=list)

    def as_dict(self):
        return asdict(self)

    @classmethod
    def from_dict(cls, data):
        return cls(
            file_name=data["file_name"],
            sections=[Section(**s) for s in data["sections"]],
            items=[Item(**i) for i in data["items"]],
            ignored=data["ignored"],
        )


def _title(text):
    words = re.sub(r"[.;:!?]+$", "", text).split()
    title = " ".join(words[:TITLE_WORDS])
    if len(words) > TITLE_WORDS:
        title += "…"
    return (title[:1].upper() + title[1:])[:200]


def _is_header_row(row):
    """A first row of <th> cells, or of short labels such as “What adults do”."""
    cells = [cell for cell in row.children if isinstance(cell, _Node) and cell.tag in {"td", "th"}]
    return any(cell.tag == "th" for cell in cells) or all(len(cell.text().split()) <= 5 for cell in cells)


def propose(html, file_name):
    """Turn mammoth's HTML into a proposal: sections (categories) and items (strategies, resources)."""
    builder = _TreeBuilder()
    builder.feed(html)
    proposal = Proposal(file_name=file_name)
    stack = []  # (depth, section index)
    current = None
    existing = {c.name.strip().lower(): c.pk for c in Category.objects.all()}

    def add_links(node, strategy_index=None):
        indexes = []
        for link in node.find_all("a"):
            url = link.attrs.get("href", "")
            if url.startswith(("http://", "https://")):
                proposal.items.append(Item("resource", current, _title(link.text() or url), url=url))
                indexes.append(len(proposal.items) - 1)
        if strategy_index is not None:
            proposal.items[strategy_index].links.extend(indexes)

    def add_strategy(text, details=(), node=None):
        if len(text.split()) < 3:
            if text:
                proposal.ignored.append(f"Too short to be a strategy: “{text[:80]}”")
            return
        child = text if CHILD_VOICE.match(text) else ""
        how = "<ul>" + "".join(f"<li>{escape(d)}</li>" for d in details) + "</ul>" if details else ""
        proposal.items.append(Item("strategy", current, _title(text), "" if child else text, child, how))
        if node is not None:
            add_links(node, len(proposal.items) - 1)

    for node in builder.root.children:
        if isinstance(node, str):
            continue
        if re.fullmatch(r"h[1-6]", node.tag):
            depth = int(node.tag[1])
            name = node.text()[:150]
            if not name:
                continue
            while stack and stack[-1][0] >= depth:
                stack.pop()
            parent = stack[-1][1] if stack else None
            proposal.sections.append(Section(name, depth, parent, existing.get(name.lower())))
            current = len(proposal.sections) - 1
            stack.append((depth, current))
        elif node.tag in {"ul", "ol"}:
            for item in (c for c in node.children if isinstance(c, _Node) and c.tag == "li"):
                details = [li.text() for nested in item.children if isinstance(nested, _Node) and nested.tag in {"ul", "ol"} for li in nested.find_all("li")]  # fmt: skip
                add_strategy(item.text(skip={"ul", "ol"}), details, item)
        elif node.tag == "table":
            rows = list(node.find_all("tr"))
            if rows and _is_header_row(rows[0]):
                rows = rows[1:]
            for row in rows:
                cells = [cell.text() for cell in row.children if isinstance(cell, _Node) and cell.tag in {"td", "th"}]
                cells = [cell for cell in cells if cell]
                if not cells:
                    continue
                teacher = next((c for c in cells if not CHILD_VOICE.match(c)), "")
                child = next((c for c in cells if CHILD_VOICE.match(c)), "")
                if len((teacher or child).split()) < 3:
                    proposal.ignored.append(f"Table row too short to be a strategy: “{' | '.join(cells)[:80]}”")
                    continue
                proposal.items.append(Item("strategy", current, _title(teacher or child), teacher, child))
                add_links(row, len(proposal.items) - 1)
        elif node.tag == "p":
            text = node.text()
            if any(True for _ in node.find_all("img")) and not text.replace("image", "").strip():
                proposal.ignored.append("An image (images are not imported: add them in the editor with alt text)")
                continue
            if CHILD_VOICE.match(text):
                add_strategy(text, node=node)
            elif any(True for _ in node.find_all("a")):
                add_links(node)
            elif text:
                proposal.ignored.append(f"Paragraph kept out (not a list item or “I …” statement): “{text[:80]}”")
    return proposal


# ------------------------------------------------------------------------------------------ creating


def _unique_slug(model, text):
    base = slugify(text)[:100] or "imported"
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def create(proposal, choices, user):
    """Create the chosen items as drafts. `choices[i]` = {"include": bool, "category": "existing:ID"|"new:N"|"", "level": slug|""}."""
    new_sections = {}

    def section_category(index):
        if index is None:
            return None
        section = proposal.sections[index]
        if section.existing_id and Category.objects.filter(pk=section.existing_id).exists():
            return Category.objects.get(pk=section.existing_id)
        if index not in new_sections:
            parent = section_category(section.parent)
            category = Category(
                name=section.name, slug=_unique_slug(Category, section.name), parent=parent, status=Status.DRAFT,
                summary="", order=index,
            )  # fmt: skip
            category.skip_history_when_saving = True
            category.save()
            new_sections[index] = category
        return new_sections[index]

    created, strategies = [], {}
    levels = {level.slug: level for level in Level.objects.all()}
    for index, item in enumerate(proposal.items):
        choice = choices.get(index, {})
        if not choice.get("include") or item.kind != "strategy":
            continue
        target = choice.get("category", "")
        if target.startswith("existing:"):
            category = Category.objects.filter(pk=target.split(":", 1)[1]).first()
        elif target.startswith("new:"):
            category = section_category(int(target.split(":", 1)[1]))
        else:
            category = section_category(item.section)
        strategy = Strategy(
            title=item.title, slug=_unique_slug(Strategy, item.title), teacher_statement=item.teacher_statement,
            child_statement=item.child_statement, how=clean_html(item.how), why="", status=Status.DRAFT,
            level=levels.get(choice.get("level", "")),
        )  # fmt: skip
        strategy.skip_history_when_saving = True
        strategy.save()
        if category is not None:
            strategy.categories.set([category])
        strategies[index] = strategy
        created.append(strategy)
    for index, item in enumerate(proposal.items):
        if item.kind != "resource" or not choices.get(index, {}).get("include"):
            continue
        resource = Resource(
            title=item.title, slug=_unique_slug(Resource, item.title), url=item.url[:500], kind=Resource.Kind.WEB_PAGE,
            summary=f"Linked from the document “{proposal.file_name}”. Describe what it is and when to use it.",
            status=Status.DRAFT,
        )  # fmt: skip
        resource.skip_history_when_saving = True
        resource.save()
        created.append(resource)
        for owner_index, strategy in strategies.items():
            if index in proposal.items[owner_index].links:
                StrategyResource.objects.create(strategy=strategy, resource=resource, order=0)
    created = list(new_sections.values()) + created
    for obj in created:
        del obj.skip_history_when_saving
        record_version(obj, user, f"Imported from {proposal.file_name}"[:100], "+")
    counts = {
        "categories": len(new_sections),
        "strategies": sum(isinstance(o, Strategy) for o in created),
        "resources": sum(isinstance(o, Resource) for o in created),
        "ignored": len(proposal.ignored),
    }
    return ImportRecord.objects.create(
        kind=ImportRecord.Kind.WORD, file_name=proposal.file_name[:255], created_by=user, counts=counts,
        created_items=[[o._meta.model_name, str(o.uuid)] for o in created], messages=proposal.ignored[:200],
    )  # fmt: skip


MODELS = {"strategy": Strategy, "resource": Resource, "category": Category, "intervention": Intervention}


@transaction.atomic
def undo(record, user):
    """Archive what the import created, as long as it is still a draft. Returns how many were archived."""
    archived = 0
    for model_name, uuid in record.created_items:
        obj = MODELS[model_name].objects.filter(uuid=uuid, status=Status.DRAFT).first()
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
