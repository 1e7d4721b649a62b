"""What a browser would post from a form on a page: its fields with the values shown."""

from html import unescape
from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.select, self.first_option = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({})
        elif not self.forms:
            return
        fields = self.forms[-1]
        if tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    fields[attrs["name"]] = attrs.get("value", "on")
            elif kind != "submit":
                fields[attrs["name"]] = unescape(attrs.get("value", ""))
        elif tag == "select":
            self.select, self.first_option = attrs.get("name"), True
        elif tag == "option" and self.select:
            if self.first_option or "selected" in attrs:
                fields[self.select] = attrs.get("value", "")
            self.first_option = False

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None


def form_data(html, index=-1, containing="confirm"):
    """The fields of the form holding a field named `containing` (else the `index`th form), as posted."""
    reader = _FormReader()
    reader.feed(html)
    forms = [form for form in reader.forms if containing in form] or [reader.forms[index]]
    data = forms[0]
    data.pop("csrfmiddlewaretoken", None)
    return data
