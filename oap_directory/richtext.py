"""Sanitising editors' rich text.

`clean_html()` is the one place that decides what HTML may be stored or shown.
The allow-list matches the CKEditor toolbar (settings.CKEDITOR_5_CONFIGS), so
nothing an editor can make is silently lost, and nothing else survives.
"""

import re
from html import unescape
from html.parser import HTMLParser

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django_ckeditor_5.fields import CKEditor5Field

ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "strong", "em", "a", "ul", "ol", "li", "blockquote", "br",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "figure", "figcaption", "img",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "img": {"src", "alt", "width", "height"},
}
# CKEditor 5 marks captioned images and tables with these; without them it can't read its own output back.
ALLOWED_CLASSES = {"figure": {"image", "table"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript"}
HEADING_REWRITES = [
    (re.compile(r"<(/?)h1(\s|>)", re.IGNORECASE), r"<\1h2\2"),
    (re.compile(r"<(/?)h[56](\s|>)", re.IGNORECASE), r"<\1h4\2"),
]


def _keep_attribute(tag, attribute, value):
    if tag == "img" and attribute == "src" and not value.startswith(settings.MEDIA_URL):
        return None
    if attribute in {"width", "height", "colspan", "rowspan"} and not (value.isascii() and value.isdigit()):
        return None
    return value


def clean_html(html):
    """Return `html` reduced to the allow-list. Idempotent: clean_html(clean_html(x)) == clean_html(x)."""
    if not html:
        return ""
    html = html.replace("\x00", "")
    for pattern, replacement in HEADING_REWRITES:
        html = pattern.sub(replacement, html)
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return cleaned.strip()


class _AccessibilityChecker(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems = []
        self.table_has_header = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "img" and not (attributes.get("alt") or "").strip():
            self.problems.append("Every image needs alternative text describing it.")
        elif tag == "table":
            self.table_has_header.append(False)
        elif tag == "th" and self.table_has_header:
            self.table_has_header[-1] = True

    def handle_endtag(self, tag):
        if tag == "table" and self.table_has_header:
            if not self.table_has_header.pop():
                self.problems.append("Every table needs a header row: make its first row a header row.")


def accessibility_problems(html):
    """Plain-English reasons this rich text would be hard to use with a screen reader."""
    checker = _AccessibilityChecker()
    checker.feed(html or "")
    return list(dict.fromkeys(checker.problems))


INLINE_TAG = re.compile(r"</?(?:strong|em|a|b|i|u|span|mark|abbr|code|sub|sup|small)\b[^>]*>", re.IGNORECASE)


def plain_text(html):
    """The words of some rich text, for summaries and search.

    Inline tags vanish without a space (so "<strong>still</strong>:" reads "still:"), block
    tags become a space, and entities are decoded once: "&amp;lt;b&amp;gt;" stays the text "&lt;b&gt;".
    """
    text = INLINE_TAG.sub("", html or "")
    text = unescape(re.sub(r"<[^>]+>", " ", text))
    return re.sub(r"\s+", " ", text).strip()


class RichTextField(CKEditor5Field):
    """A CKEditor 5 field whose value is always sanitised before it is saved."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return clean_html(super().to_python(value) or "")

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        problems = accessibility_problems(value)
        if problems:
            raise ValidationError(problems)

    def pre_save(self, model_instance, add):
        value = clean_html(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value
