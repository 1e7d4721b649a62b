"""What a school's ratings add up to, per section and overall. Suggest, never impose:

- "Not applicable" is left out of every score;
- a section's level is the average of its rated statements' scores, rounded down; a statutory statement rated
  below Developing caps its section at Emerging, and the summary says which statement and why;
- where the council set a target, a statement rated below it is highlighted;
- a statement rated below its target (or, without one, below Developing) offers "Add action", pre-filled with the
  strategies linked to it.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from categories.models import Strategy
from categories.tree import CategoryTree
from selfreview.document import ACTION_STATUSES
from selfreview.models import NOT_APPLICABLE, Section, Statement

DEVELOPING_SCORE = 2  # below this, a statement "needs action"; a statutory one caps its section
CAP_SCORE = 1  # Emerging


def load_framework(framework, tree=None):
    """The framework's sections and statements with everything the pages show, in a fixed number of queries.
    `tree`: the category tree, when the caller has it (CategoryTree.for_request); read here otherwise."""
    statements = Statement.objects.select_related("target__level").prefetch_related(
        Prefetch("strategies", queryset=Strategy.objects.published().only("pk", "title", "slug").order_by("title"))
    )
    sections = list(
        Section.objects.filter(framework=framework)
        .select_related("category")
        .prefetch_related(Prefetch("statements", queryset=statements))
    )
    # A published framework is locked, but the council may take its category, or one above it, off the site.
    if tree is None and any(section.category_id for section in sections):
        tree = CategoryTree.load()
    for section in sections:
        if section.category is not None and not tree.is_public(section.category):
            section.category = None
    levels = {level.slug: level for level in framework.scale.levels.all()}
    return sections, levels


@dataclass
class RatedStatement:
    statement: Statement
    number: str
    level: object  # RatingLevel, or None when not rated or not applicable
    is_not_applicable: bool
    rationale: str
    evidence: str
    last_year: object  # RatingLevel or None
    last_year_not_applicable: bool
    choices: list = field(default_factory=list)  # (level, what it looks like for this statement)

    @property
    def target(self):
        target = getattr(self.statement, "target", None)
        return target.level if target else None

    @property
    def is_below_target(self):
        return self.level is not None and self.target is not None and self.level.score < self.target.score

    @property
    def needs_action(self):
        if self.level is None:
            return False
        threshold = self.target.score if self.target is not None else DEVELOPING_SCORE
        return self.level.score < threshold

    @property
    def is_unmet_statutory(self):
        return self.statement.is_statutory and self.level is not None and self.level.score < DEVELOPING_SCORE

    @property
    def has_changed(self):
        return (self.last_year is not None or self.last_year_not_applicable) and (
            self.level != self.last_year or self.is_not_applicable != self.last_year_not_applicable
        )


@dataclass
class SectionSummary:
    section: Section
    number: int
    statements: list
    levels: list  # the scale's levels, lowest first
    counts: list = field(default_factory=list)  # (level, count) for each level
    not_applicable: int = 0
    unrated: int = 0
    level: object = None
    capped_by: list = field(default_factory=list)

    def __post_init__(self):
        rated = [item for item in self.statements if item.level is not None]
        self.counts = [(level, sum(1 for item in rated if item.level == level)) for level in self.levels]
        self.not_applicable = sum(1 for item in self.statements if item.is_not_applicable)
        self.unrated = len(self.statements) - len(rated) - self.not_applicable
        self.level = _average_level(rated, self.levels)
        self.capped_by = [item for item in rated if item.is_unmet_statutory]
        cap = next((level for level in self.levels if level.score == CAP_SCORE), None)
        if self.capped_by and self.level is not None and cap is not None and self.level.score > cap.score:
            self.level = cap
        else:
            self.capped_by = []

    @property
    def is_complete(self):
        return self.unrated == 0


def _average_level(rated, levels):
    if not rated:
        return None
    average = sum(item.level.score for item in rated) // len(rated)
    return next((level for level in levels if level.score == average), None)


@dataclass
class Evaluation:
    """A document read against its framework."""

    framework: object
    document: dict
    sections: list
    levels: list

    @classmethod
    def build(cls, framework, document, sections, levels_by_slug):
        levels = sorted(levels_by_slug.values(), key=lambda level: level.score)
        summaries = []
        for index, section in enumerate(sections, start=1):
            items = [
                _rated(statement, f"{index}.{position}", document, levels_by_slug, levels)
                for position, statement in enumerate(section.statements.all(), start=1)
            ]
            summaries.append(SectionSummary(section, index, items, levels))
        return cls(framework, document, summaries, levels)

    @property
    def statements(self):
        return [item for section in self.sections for item in section.statements]

    @property
    def overall(self):
        return SectionSummary(None, 0, self.statements, self.levels)

    @property
    def suggested_actions(self):
        planned = {action["statement"] for action in self.document["actions"]}
        return [item for item in self.statements if item.needs_action and str(item.statement.uuid) not in planned]

    @property
    def changes(self):
        return [item for item in self.statements if item.has_changed]

    def actions(self):
        """The document's actions, each with the statement it answers and that statement's linked strategies."""
        by_uuid = {str(item.statement.uuid): item for item in self.statements}
        rows = []
        for index, action in enumerate(self.document["actions"]):
            item = by_uuid[action["statement"]]
            strategies = [s for s in item.statement.strategies.all() if s.slug in action["strategies"]]
            status = ACTION_STATUSES[action["status"]]
            rows.append({"index": index, "action": action, "item": item, "strategies": strategies, "status": status})
        return rows


def _rated(statement, number, document, levels, ordered):
    rating = document["ratings"].get(str(statement.uuid), {})
    last = document["last_year"].get(str(statement.uuid))
    descriptors = statement.descriptors if isinstance(statement.descriptors, dict) else {}
    return RatedStatement(
        statement=statement,
        number=number,
        level=levels.get(rating.get("level")),
        is_not_applicable=rating.get("level") == NOT_APPLICABLE,
        rationale=rating.get("rationale", ""),
        evidence=rating.get("evidence", ""),
        last_year=levels.get(last),
        last_year_not_applicable=last == NOT_APPLICABLE,
        choices=[(level, descriptors.get(level.slug) or level.description) for level in ordered],
    )
