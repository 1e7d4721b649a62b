from django import template

from categories.versioned import per_content_version
from oap_directory.models import GlossaryTerm

register = template.Library()

MAX_DEFINITIONS = 3


@register.simple_tag(takes_context=True)
def glossary_for(context, text):
    """The glossary terms whose name or other names appear in `text` (a search), at most three."""
    if not text:
        return []
    request = context["request"]
    terms = per_content_version(request, "glossary-terms", lambda: list(GlossaryTerm.objects.a_to_z()))
    return [term for term in terms if term.is_mentioned_in(text)][:MAX_DEFINITIONS]
