import re

from django import template
from django.utils.safestring import mark_safe

from categories import presentation
from categories.versioned import fragment
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


@register.tag
def per_content_version(parser, token):
    """`{% per_content_version "footer" value … %}…{% end_per_content_version %}`: the enclosed HTML is rendered
    once per content version (and set of values) in each process, then reused.

    For the parts of a page that read only the site's settings and content, and the values given: every change to
    either bumps the content version, so the copy is never stale. Give every other value the part reads."""
    key = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("end_per_content_version",))
    parser.delete_first_token()
    return PerContentVersionNode(nodelist, key)


class PerContentVersionNode(template.Node):
    def __init__(self, nodelist, key):
        self.nodelist = nodelist
        self.key = key

    def render(self, context):
        request = getattr(context, "request", None)
        if getattr(request, "site", None) is None:  # rendered outside a request (e.g. an email)
            return self.nodelist.render(context)
        key = tuple(str(value.resolve(context)) for value in self.key)
        return fragment(request, key, lambda: self.nodelist.render(context))
