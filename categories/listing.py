"""What lists show of each strategy, read without model instances or related managers.

A category page may list hundreds of strategies; building a model instance, its level and two prefetched
managers for each was most of the page's time. A summary is the columns a list shows, plus its phases and (for
grouping) its category ids: three queries however many strategies there are.

A summary answers the template engine's first try, a dictionary lookup (`summary["title"]`): an object without
`__getitem__` makes every `{{ strategy.title }}` raise and catch an exception before it is read as an attribute.
"""

from dataclasses import dataclass, field

from categories.addresses import slug_url
from categories.models import Strategy

STRATEGY_PAGE = "categories:strategy_detail"
COLUMNS = ("pk", "slug", "title", "child_statement", "teacher_statement", "level__name", "uuid")


class Summary:
    """What every list item's summary has in common: its fields can be read as keys, as templates look first."""

    __slots__ = ()

    def __getitem__(self, name):
        try:
            return getattr(self, name)
        except AttributeError:
            raise KeyError(name) from None


@dataclass(slots=True)
class StrategySummary(Summary):
    pk: int
    slug: str
    title: str
    child_statement: str
    teacher_statement: str
    level_name: str | None
    uuid: object  # for "Add to my list"
    url: str = ""
    phase_names: list = field(default_factory=list)
    category_ids: set = field(default_factory=set)

    @property
    def meta(self):
        """“SEN Support · Primary, Secondary”: the line under the statements."""
        return " · ".join(part for part in (self.level_name, ", ".join(self.phase_names)) if part)


def summarise(rows):
    """Summaries of `rows` (from `StrategyQuerySet.summary_rows()`), in their order. Rows from
    `summary_rows_in(category_ids)` come once per category of a strategy, its id last."""
    by_pk = {}
    for row in rows:
        summary = by_pk.get(row[0])
        if summary is None:
            summary = by_pk[row[0]] = StrategySummary(*row[: len(COLUMNS)], url=slug_url(STRATEGY_PAGE, row[1]))
        if len(row) > len(COLUMNS):
            summary.category_ids.add(row[-1])
    if by_pk:
        links = Strategy.phases.through.objects.filter(strategy_id__in=by_pk).order_by("phase__order", "phase__name")
        for strategy_id, name in links.values_list("strategy_id", "phase__name"):
            by_pk[strategy_id].phase_names.append(name)
    return list(by_pk.values())
