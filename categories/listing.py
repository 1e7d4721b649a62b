"""What lists show of each strategy, read without model instances or related managers.

A category page may list hundreds of strategies; building a model instance, its level and two prefetched
managers for each was most of the page's time. A summary is the columns a list shows, plus its phases and (for
grouping) its category ids: two queries however many strategies there are.

The statements a category page runs on every request are written out as SQL (`strategy_rows_in`, the phases in
`summarise`, and `resources.listing`'s): building and compiling them as querysets took longer than the database took
to answer them (docs/decisions/015). They say everything the querysets said: only published items, the filters
chosen, the same order.

A summary answers the template engine's first try, a dictionary lookup (`summary["title"]`): an object without
`__getitem__` makes every `{{ strategy.title }}` raise and catch an exception before it is read as an attribute.
"""

import uuid
from dataclasses import dataclass, field

from django.db import connection

from categories.addresses import page_url, slug_urls
from categories.content import Status
from categories.models import Strategy

STRATEGY_PAGE = "categories:strategy_detail"
COLUMNS = ("pk", "slug", "title", "child_statement", "teacher_statement", "level__name", "uuid")


def placeholders(values):
    """Placeholders for a statement's `IN (…)` of `values` (never empty: callers return early instead)."""
    return ", ".join(["%s"] * len(values))


def rows(sql, params):
    """Every row of one statement, as tuples."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def uuid_text(value):
    """A uuid column's value as text with hyphens: PostgreSQL gives a UUID, SQLite the 32 hex digits Django stores."""
    return str(value if isinstance(value, uuid.UUID) else uuid.UUID(value))


def chosen_levels_and_phases(model, alias, filters):
    """The levels and phases chosen in `filters` (a LevelPhaseFilterForm) as SQL conditions on the `model` table
    named `alias`, each starting " AND ", with their parameters: OR within a filter, AND across them, as
    `filters.filter()` does to a queryset."""
    sql, params = "", []
    if level_ids := filters.chosen_ids("level"):
        sql += f" AND {alias}.level_id IN ({placeholders(level_ids)})"
        params += level_ids
    if phase_ids := filters.chosen_ids("phase"):
        phases = model._meta.get_field("phases")
        sql += (
            f" AND EXISTS (SELECT 1 FROM {phases.m2m_db_table()} chosen WHERE chosen.{phases.m2m_column_name()} ="
            f" {alias}.id AND chosen.{phases.m2m_reverse_name()} IN ({placeholders(phase_ids)}))"
        )
        params += phase_ids
    return sql, params


def strategy_rows_in(category_ids, filters):
    """Summary rows of the published strategies filed under any of `category_ids` that match the chosen filters,
    by level (none last), then title: one row per strategy and category of those it is filed under, the category's id last
    (for grouping a category page by sub-category)."""
    if not category_ids:
        return []
    chosen, chosen_params = chosen_levels_and_phases(Strategy, "strategy", filters)
    return rows(
        "SELECT strategy.id, strategy.slug, strategy.title, strategy.child_statement, strategy.teacher_statement,"
        " level.name, strategy.uuid, filed.category_id"
        " FROM categories_strategy strategy"
        " INNER JOIN categories_strategy_categories filed ON filed.strategy_id = strategy.id"
        " LEFT OUTER JOIN categories_level level ON level.id = strategy.level_id"
        f" WHERE strategy.status = %s AND filed.category_id IN ({placeholders(category_ids)}){chosen}"
        ' ORDER BY level."order" IS NULL, level."order", strategy.title, strategy.id',  # no level: last, as by_level()
        [Status.PUBLISHED, *category_ids, *chosen_params],
    )


class Summary:
    """What every list item's summary has in common: its fields can be read as keys, as templates look first."""

    __slots__ = ()

    def __getitem__(self, name):
        try:
            return getattr(self, name)
        except AttributeError:
            raise KeyError(name) from None


def adding_to_my_list():
    """The start of the link "Add to my list" that works without JavaScript (my list's page, given the item): the
    item's uuid goes at the end."""
    return f"{page_url('my_list')}?items="


@dataclass(slots=True)
class StrategySummary(Summary):
    pk: int
    slug: str
    title: str
    child_statement: str
    teacher_statement: str
    level_name: str | None
    uuid: str  # for "Add to my list"
    url: str = ""
    add_url: str = ""
    phase_names: list = field(default_factory=list)
    category_ids: set = field(default_factory=set)

    @property
    def meta(self):
        """“SEN Support · Primary, Secondary”: the line under the statements."""
        return " · ".join(part for part in (self.level_name, ", ".join(self.phase_names)) if part)


def summarise(rows_read):
    """Summaries of `rows_read` (from `StrategyQuerySet.summary_rows()` or `strategy_rows_in()`), in their order.
    Rows from `strategy_rows_in` come once per category of a strategy, its id last."""
    by_pk = {}
    url, adding = slug_urls(STRATEGY_PAGE), adding_to_my_list()
    for row in rows_read:
        summary = by_pk.get(row[0])
        if summary is None:
            uuid = uuid_text(row[6])
            summary = by_pk[row[0]] = StrategySummary(*row[:6], uuid, url(row[1]), f"{adding}{uuid}")
        if len(row) > len(COLUMNS):
            summary.category_ids.add(row[-1])
    if by_pk:
        for strategy_id, name in rows(
            "SELECT listed.strategy_id, phase.name FROM categories_strategy_phases listed"
            " INNER JOIN categories_phase phase ON phase.id = listed.phase_id"
            f' WHERE listed.strategy_id IN ({placeholders(by_pk)}) ORDER BY phase."order", phase.name',
            list(by_pk),
        ):
            by_pk[strategy_id].phase_names.append(name)
    return list(by_pk.values())
