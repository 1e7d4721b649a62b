"""Nothing personal in what visitors write: email addresses, phone numbers and people's names are redacted before
feedback is stored, as search logs are.

A name is a run of two or more capitalised words of which at least two are not words the site's own content
uses ("Reading Recovery" stays; "Tom Smith" goes). The site's vocabulary comes from the site-wide search, which
registers it at `ready()` with `use_vocabulary` (this app sits below it and never imports it).
"""

import re

EMAIL = re.compile(r"\S+@\S+")
PHONE = re.compile(r"\+?\d[\d ()-]{7,}\d")
CAPITALISED_RUN = re.compile(r"\b[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?(?:\s+[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?)+\b")


def _no_vocabulary(words):
    return set()


_known_words = _no_vocabulary


def use_vocabulary(known_words):
    """`known_words(words) -> set of those (lower case) that the site's content uses`."""
    global _known_words
    _known_words = known_words


def _name_or_words(match):
    words = match.group(0).split()
    known = _known_words([word.lower() for word in words])
    unknown = [word for word in words if word.lower() not in known]
    return "[name]" if len(unknown) >= 2 else match.group(0)


def redact(text):
    """`text` with email addresses, phone numbers and people's names replaced by [email], [number], [name]."""
    text = EMAIL.sub("[email]", text)
    text = PHONE.sub("[number]", text)
    return CAPITALISED_RUN.sub(_name_or_words, text)
