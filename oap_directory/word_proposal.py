"""What the Word import proposes from a document's HTML: sections (headings) and items (strategies, resources).

Headings become sections, matched to existing categories by normalised name within the matched parent;
list items, table rows and first-person paragraphs become strategies; links become resources attached
to the strategy they sit in or follow. Nothing is written here: a person checks the proposal first.
"""

import re
from dataclasses import asdict, dataclass, field
from html import escape
from html.parser import HTMLParser

from categories.models import Category, Level, Phase
from oap_directory import word_reading as reading
from oap_directory.models import Synonym

MAX_ITEMS = 1500


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

    def elements(self, *tags):
        return [child for child in self.children if isinstance(child, _Node) and child.tag in tags]

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


@dataclass
class Section:
    name: str
    depth: int
    parent: int | None  # index of the parent section
    existing_id: int | None = None  # the existing category it matched, if any
    default_target: str = "new"  # "new", "up" (use the heading above's category) or "existing:ID"


@dataclass
class Item:
    kind: str  # "strategy" or "resource"
    section: int | None
    title: str
    teacher_statement: str = ""
    child_statement: str = ""
    how: str = ""
    why: str = ""
    url: str = ""
    level: str = ""  # a level's slug, when the document names one
    phases: list = field(default_factory=list)
    links: list = field(default_factory=list)  # indexes of resource items attached to this strategy


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

    def strategies(self):
        return [item for item in self.items if item.kind == "strategy"]

    def path(self, index):
        """A section's place in the document, e.g. “Cognition and learning › Reading”."""
        names = []
        while index is not None:
            names.append(self.sections[index].name)
            index = self.sections[index].parent
        return " › ".join(reversed(names))


def _details(node):
    return [li.text() for nested in node.elements("ul", "ol") for li in nested.find_all("li") if li.text()]


def _how(details, headed=()):
    html = "<ul>" + "".join(f"<li>{escape(d)}</li>" for d in details) + "</ul>" if details else ""
    for heading, text in headed:
        html += f"<p><strong>{escape(heading)}:</strong> {escape(text)}</p>" if heading else f"<p>{escape(text)}</p>"
    return html


class _Proposer:
    def __init__(self, file_name):
        self.proposal = Proposal(file_name=file_name)
        self.stack = []  # (depth, section index) of the headings above
        self.current = None  # the section now being read
        self.last_strategy = None  # index of the last strategy in the current section
        self.resources_by_url = {}
        self.levels = list(Level.objects.active().values_list("slug", "name"))
        self.phases = list(Phase.objects.values_list("slug", "name"))

    # ---- items
    def add_resource(self, link, owner):
        url = link.attrs.get("href", "")
        if not url.startswith(("http://", "https://")):
            return
        index = self.resources_by_url.get(url)
        if index is None:
            self.proposal.items.append(Item("resource", self.current, reading.short_title(link.text() or url), url=url))
            index = self.resources_by_url[url] = len(self.proposal.items) - 1
        if owner is not None and index not in self.proposal.items[owner].links:
            self.proposal.items[owner].links.append(index)

    def add_strategy(self, statement, title="", child="", how="", why="", level="", phases=()):
        if not child and reading.is_child_voice(statement):
            statement, child = "", statement
        title = reading.short_title(title or statement or child)
        item = Item("strategy", self.current, title, statement, child, how, why, level=level, phases=list(phases))
        self.proposal.items.append(item)
        self.last_strategy = len(self.proposal.items) - 1
        return self.last_strategy

    def links_only(self, node, text):
        """A bullet or paragraph that is just a link (“See: the spelling guide”) belongs to the strategy above."""
        links = list(node.find_all("a"))
        rest = text
        for link in links:
            rest = rest.replace(link.text(), " ")
        return links and len(rest.split()) <= 3

    # ---- blocks
    def heading(self, node):
        depth, name = int(node.tag[1]), node.text()[:150]
        if not name:
            return
        while self.stack and self.stack[-1][0] >= depth:
            self.stack.pop()
        parent = self.stack[-1][1] if self.stack else None
        self.proposal.sections.append(Section(name, depth, parent))
        self.current = len(self.proposal.sections) - 1
        self.stack.append((depth, self.current))
        self.last_strategy = None

    def bullet_list(self, node):
        for item in node.elements("li"):
            text = item.text(skip={"ul", "ol"})
            if self.links_only(item, text):
                for link in item.find_all("a"):
                    self.add_resource(link, self.last_strategy)
            elif len(text.split()) < 3:
                if text:
                    self.proposal.ignored.append(f"Too short to be a strategy: “{text[:80]}”")
            else:
                owner = self.add_strategy(text, how=_how(_details(item)))
                for link in item.find_all("a"):
                    self.add_resource(link, owner)

    def table(self, node):
        rows = [row.elements("td", "th") for row in node.find_all("tr")]
        rows = [row for row in rows if any(cell.text() for cell in row)]
        if not rows:
            return
        headings = [cell.text() for cell in rows[0]]
        if reading.looks_like_header(headings):
            kinds, rows = reading.column_kinds(headings), rows[1:]
        else:
            kinds = ["strategy"] + [""] * (len(headings) - 1)
        for row in rows:
            self.table_row(row, kinds, headings)

    def table_row(self, cells, kinds, headings):
        values = {"strategy": "", "child": "", "why": "", "level": "", "phase": ""}
        how, extra = [], []
        owner_links = []
        for cell, kind, heading in zip(cells, kinds, headings, strict=False):
            text = cell.text()
            owner_links.extend(cell.find_all("a"))
            if kind == "resources" or not text:
                continue
            if kind in values and not values[kind]:
                values[kind] = text
            elif kind == "how":
                how.append(("", text))
            elif kind == "" and reading.is_child_voice(text) and not values["child"]:
                values["child"] = text
            else:
                extra.append((heading if kind else "", text))
        if not values["strategy"] and not values["child"]:
            self.proposal.ignored.append(f"Table row with no strategy: “{' | '.join(c.text() for c in cells)[:80]}”")
            return
        owner = self.add_strategy(
            values["strategy"], child=values["child"], how=_how((), how + extra), why=values["why"],
            level=reading.matching_choice(values["level"], self.levels),
            phases=[p for p in (reading.matching_choice(t, self.phases) for t in re.split(r"[;,/]", values["phase"])) if p],
        )  # fmt: skip
        for link in owner_links:
            self.add_resource(link, owner)

    def paragraph(self, node):
        text = node.text()
        if any(True for _ in node.find_all("img")) and not text.replace("image", "").strip():
            self.proposal.ignored.append("An image (images are not imported: add them in the editor with alt text)")
        elif reading.is_child_voice(text):
            self.add_strategy(text)
        elif any(True for _ in node.find_all("a")):
            for link in node.find_all("a"):
                self.add_resource(link, self.last_strategy)
        elif text:
            self.proposal.ignored.append(f"Paragraph kept out (not a list item or “I …” statement): “{text[:80]}”")

    def read(self, root):
        for node in root.elements(*[f"h{n}" for n in range(1, 7)], "ul", "ol", "table", "p"):
            if len(self.proposal.items) > MAX_ITEMS:
                self.proposal.ignored.append(f"The rest of the document: only the first {MAX_ITEMS} items are read.")
                break
            if node.tag.startswith("h"):
                self.heading(node)
            elif node.tag in {"ul", "ol"}:
                self.bullet_list(node)
            elif node.tag == "table":
                self.table(node)
            else:
                self.paragraph(node)
        return self.proposal


def propose(html, file_name):
    """Turn mammoth's HTML into a proposal, with headings matched to existing categories."""
    builder = _TreeBuilder()
    builder.feed(html)
    proposal = _Proposer(file_name).read(builder.root)
    match_sections(proposal)
    return proposal


# ---------------------------------------------------------------------------------------------- matching


def match_sections(proposal):
    """Match each heading to an existing category: by normalised name (or acronym), among the children of
    the category its parent heading matched; a heading with nothing of its own above matched ones is skipped."""
    categories = list(Category.objects.only("pk", "name", "slug", "parent_id"))
    synonyms = {s.term.lower(): s.alternatives() for s in Synonym.objects.all()}
    keys = {category.pk: reading.category_keys(category) for category in categories}
    for section in proposal.sections:
        wanted = reading.heading_keys(section.name, synonyms)
        candidates = [c for c in categories if keys[c.pk] & wanted]
        parent = proposal.sections[section.parent] if section.parent is not None else None
        if parent is not None and parent.existing_id:
            candidates = [c for c in candidates if c.parent_id == parent.existing_id]
        elif len(candidates) > 1:
            candidates = [c for c in candidates if c.parent_id is None or c.parent_id not in {x.pk for x in candidates}]
        if candidates:
            section.existing_id = candidates[0].pk
            section.default_target = f"existing:{candidates[0].pk}"
    has_items = {item.section for item in proposal.items}
    for index, section in enumerate(proposal.sections):
        children = [s for s in proposal.sections if s.parent == index]
        if not section.existing_id and index not in has_items and children and all(c.existing_id for c in children):
            section.default_target = "up"
