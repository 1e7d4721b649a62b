"""Small helpers that turn objects into what the shared components take."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join


def breadcrumbs(*trail):
    """Home, then each (text, url) pair; the last one is the current page."""
    return [("Home", reverse("home")), *trail]


def category_trail(tree_ancestors, category=None):
    items = [(ancestor.name, ancestor.url) for ancestor in tree_ancestors]
    if category is not None:
        items.append((category.name, getattr(category, "url", None) or category.get_absolute_url()))
    return items


def linked_list(objects, text=str, url=lambda obj: obj.get_absolute_url()):
    """A comma-separated list of links to objects' pages."""
    return format_html_join(", ", '<a class="govuk-link" href="{}">{}</a>', ((url(obj), text(obj)) for obj in objects))


def level_link(level):
    """A level of support's name, linking to its explanation on the About page ("Not set" without one)."""
    if level is None:
        return "Not set"
    return format_html('<a class="govuk-link" href="{}#level-{}">{}</a>', reverse("about"), level.slug, level.name)


def last_reviewed(item):
    """When a specialist last checked the item, or None: a publish or edit date is not a review."""
    if not item.last_reviewed_at:
        return None
    who = f" by {item.last_reviewed_by}" if item.last_reviewed_by else ""
    return format_html("{}{}", date_format(item.last_reviewed_at, "j F Y"), who)


def row(key, value):
    """A summary-list row; None (a value not known) leaves the row out."""
    return None if value is None else {"key": key, "value": value}


def shows_child_words(strategy, show_child_voice):
    """Whether a strategy's child statement is shown: where the council shows the voice of the child, and always
    where the child's words are all the strategy has (a strategy needs one statement or the other)."""
    return bool(strategy.child_statement) and (bool(show_child_voice) or not strategy.teacher_statement)
