"""Small helpers that turn objects into what the shared components take."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join


def breadcrumbs(*trail):
    """Home, then each (text, url) pair; the last one is the current page."""
    return [("Home", reverse("home")), *trail]


def category_trail(tree_ancestors, category=None):
    items = [(ancestor.name, ancestor.get_absolute_url()) for ancestor in tree_ancestors]
    if category is not None:
        items.append((category.name, category.get_absolute_url()))
    return items


def linked_list(objects, text=str, url=lambda obj: obj.get_absolute_url()):
    """A comma-separated list of links to objects' pages."""
    return format_html_join(", ", '<a class="govuk-link" href="{}">{}</a>', ((url(obj), text(obj)) for obj in objects))


def last_reviewed(item):
    when = item.last_reviewed_at or (item.published_at or item.updated_at).date()
    who = f" by {item.last_reviewed_by}" if item.last_reviewed_at and item.last_reviewed_by else ""
    return format_html("{}{}", date_format(when, "j F Y"), who)


def row(key, value):
    return {"key": key, "value": value}
