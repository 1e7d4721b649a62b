"""Anonymous monthly counts of how often each observation was ticked: the only thing the finder stores.

Nothing about the visitor, their pupil, their address or their session: one number per observation per month.
One statement whatever the number of observations, and safe when two teachers count at once.
"""

from django.db import connection
from django.utils import timezone

from finder.models import ObservationTally


def this_month():
    return timezone.localdate().replace(day=1)


def add_one_each(tally_model, counted, objects):
    """Add one to this month's `tally_model` row for each of `objects` (its foreign key is `counted`), starting the
    row where there is none: one statement and one commit, safe when two visitors count at once. The plan builder's
    counts use it too. PostgreSQL and SQLite both read this `ON CONFLICT … DO UPDATE`."""
    ids = sorted({obj.pk for obj in objects})
    if not ids:
        return
    meta, quote = tally_model._meta, connection.ops.quote_name
    table = quote(meta.db_table)
    key, month, count = (quote(meta.get_field(name).column) for name in (counted, "month", "count"))
    this = meta.get_field("month").get_db_prep_value(this_month(), connection)
    rows = ", ".join(["(%s, %s, 1)"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key}, {month}, {count}) VALUES {rows} "  # noqa: S608 - names from the model
            f"ON CONFLICT ({key}, {month}) DO UPDATE SET {count} = {table}.{count} + 1",
            [value for pk in ids for value in (pk, this)],
        )


def count(observations):
    """Add one to this month's count of each observation."""
    add_one_each(ObservationTally, "observation", observations)


def most_ticked(month=None, limit=10):
    """This month's most ticked observations, for the editors' dashboard."""
    return list(
        ObservationTally.objects.filter(month=month or this_month())
        .select_related("observation")
        .order_by("-count", "observation__text")[:limit]
    )
