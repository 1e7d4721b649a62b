"""How the Word import reads the words of a real council document.

One place for the rules a SEND team would want to adjust: which sentences are the voice of the
child, how a short title is taken from a long sentence, which table headings mean which field,
and how a heading is compared with the names of existing categories.
"""

import re

from django.utils.text import slugify

# The voice of the child: first-person sentences, in any case, with curly or straight quotes.
CHILD_VOICE_PATTERNS = [
    r"i\b.*\bso that i\b",  # I sit near the front, so that I can see the board
    r"i\b.*\bso i need\b",  # I find noise hard, so I need a quiet place
    r"i need\b",  # I need you to show me
    r"i would like\b|i'd like\b|i like it when\b",  # I would like a job to do
    r"it helps me\b",  # It helps me when / if you …
    r"i (?:can|find|feel|get|like|learn|work) .*\b(?:when|if|because)\b",  # I learn best when …
]
CHILD_VOICE = re.compile("|".join(f"(?:{pattern})" for pattern in CHILD_VOICE_PATTERNS), re.IGNORECASE | re.DOTALL)
TITLE_CHARACTERS = 90
CLAUSE_BREAKS = [", so that ", " so that ", "; ", ": ", " – ", " - ", ", ", " because ", " before ", " when ", " and "]
LOOSE_ENDS = {
    "a",
    "an",
    "and",
    "as",
    "at",
    "before",
    "by",
    "for",
    "in",
    "of",
    "on",
    "or",
    "so",
    "the",
    "to",
    "when",
    "with",
}

# Table headings, matched by the words they contain (first match wins; a column matches once).
COLUMNS = [
    ("child", ("pupil voice", "child voice", "voice of the child", "words", "what i say", "i say", "pupil view")),
    ("how", ("what it looks like", "looks like", "how", "in practice", "example", "examples")),
    ("why", ("why", "rationale", "purpose", "impact", "reason")),
    ("level", ("level", "tier", "wave")),
    ("phase", ("phase", "key stage", "age")),
    ("resources", ("resource", "link", "further", "reading", "tools", "materials")),
    ("strategy", ("strategy", "strategies", "provision", "approach", "what", "action", "intervention", "support")),
]
FILLER_WORDS = {"and", "or", "the", "of", "a", "an", "needs", "need", "s"}


def _plain(text):
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def is_child_voice(text):
    """Whether a sentence is written as the pupil speaking ("I need …", "It helps me when …")."""
    return bool(CHILD_VOICE.match(_plain(text).lstrip(" \"'-•*")))


def short_title(text):
    """A short title from a sentence, cut at a clause or word boundary, never with “…”."""
    text = re.sub(r"\s+", " ", text).strip(" \"'“”")
    sentence = re.split(r"(?<=[.!?])\s+", text, maxsplit=1)[0]
    title = sentence.rstrip(".;:!? ")
    if len(title) > TITLE_CHARACTERS:
        title = _cut_at_clause(title) or _cut_at_word(title)
    return (title[:1].upper() + title[1:])[:200]


def _cut_at_clause(text):
    for separator in CLAUSE_BREAKS:
        head = text.split(separator, 1)[0].strip()
        if head != text and len(head.split()) >= 3 and len(head) <= TITLE_CHARACTERS:
            return head
    return ""


def _cut_at_word(text):
    words = []
    for word in text.split():
        if len(" ".join([*words, word])) > TITLE_CHARACTERS:
            break
        words.append(word)
    while len(words) > 3 and words[-1].lower().strip(",") in LOOSE_ENDS:
        words.pop()
    return " ".join(words).rstrip(",;:")


def column_kinds(headings):
    """What each table column holds, from its heading: strategy, child, how, why, level, phase, resources, or
    the heading itself for a column we don't know (its text is added to “How to do it” under that heading)."""
    kinds, taken = [], set()
    for heading in headings:
        words = " " + re.sub(r"[^a-z ]+", " ", _plain(heading).lower()) + " "
        kind = next(
            (
                kind
                for kind, names in COLUMNS
                if kind not in taken and any(f" {name} " in words or words.strip().startswith(name) for name in names)
            ),
            None,
        )
        taken.add(kind)
        kinds.append(kind or heading.strip())
    if "strategy" not in kinds and kinds and kinds[0] != "child":
        kinds[0] = "strategy"
    return kinds


def looks_like_header(cells):
    """Whether a table's first row names its columns rather than holding a strategy."""
    known = [kind for kind in column_kinds(cells) if kind in {k for k, _ in COLUMNS}]
    labels = all(len(cell.split()) <= 6 and not cell.rstrip().endswith(".") for cell in cells)
    return labels and len(known) >= 1


def normalised(name):
    """A category name reduced for comparison: case, punctuation, “(SEMH)”, “and/or”, “needs” don't matter."""
    text = _plain(name).lower().replace("&", " and ").replace("/", " ")
    text = re.sub(r"\([^)]*\)", " ", text)
    return " ".join(word for word in re.findall(r"[a-z0-9]+", text) if word not in FILLER_WORDS)


def acronyms(name):
    """Acronyms a heading gives, such as SEMH in “Social, emotional and mental health (SEMH)”."""
    inside = re.findall(r"\(([^)]{2,12})\)", name)
    whole = [name.strip()] if re.fullmatch(r"[A-Z&/]{2,8}", name.strip()) else []
    return [item.strip() for item in inside + whole]


def heading_keys(name, synonyms):
    """Every normalised name a heading could mean, expanding acronyms through the synonym list."""
    keys = {normalised(name)}
    for acronym in acronyms(name):
        keys.add(normalised(acronym))
        keys.update(normalised(alternative) for alternative in synonyms.get(acronym.lower(), []))
    return keys - {""}


def category_keys(category):
    return {normalised(category.name), normalised(category.slug.replace("-", " "))} - {""}


def matching_choice(text, options):
    """The slug among (slug, name) options that a cell names, by slug or name, in any case."""
    wanted = slugify(text)
    for slug, name in options:
        if wanted and wanted in {slug, slugify(name)}:
            return slug
    return ""
