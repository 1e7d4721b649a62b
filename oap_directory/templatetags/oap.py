import re

from django import template
from django.utils.safestring import mark_safe

from categories import presentation
from oap_directory.richtext import clean_html

register = template.Library()

HEADING = re.compile(r"<(/?)h([2-4])>")


@register.filter
def rich_text(value, section_level=None):
    """Render stored rich text, sanitised again on the way out.

    Given the heading level of the section it sits in (e.g. 2 under an <h2>),
    the editor's headings move down so the page outline stays correct.
    """
    html = clean_html(value)
    if section_level:
        shift = int(section_level) - 1
        html = HEADING.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + shift, 6)}>", html)
    return mark_safe(html)  # noqa: S308 - clean_html is the sanitiser


@register.filter
def ticked_after(field, count):
    """Whether any checkbox of a bound multiple-choice `field` after the first `count` is ticked."""
    return any(choice.data["selected"] for choice in list(field)[int(count) :])


@register.filter
def shows_child_words(strategy, show_child_voice):
    """{% if strategy|shows_child_words:site.show_child_voice %}: see categories.presentation.shows_child_words."""
    return presentation.shows_child_words(strategy, show_child_voice)
