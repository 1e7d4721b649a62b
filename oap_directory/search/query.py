"""Parse what a teacher typed, once, into terms, phrases and exclusions.

Each backend builds its own query from a ParsedQuery: PostgreSQL's websearch
syntax has no parentheses and FTS5 needs every token quoted, so neither gets
the raw text.
"""

import re
from dataclasses import dataclass, field

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
STOP_WORDS = frozenset(
    """a an and are as at be but by do does for from had has have he her his how i if in into is it its me my
    not of on or our she so than that the their them then there they this to too up was we what when where which
    who why will with you your near""".split()
)


@dataclass
class Term:
    word: str
    alternatives: list[str] = field(default_factory=list)


@dataclass
class ParsedQuery:
    text: str = ""
    terms: list[Term] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    exclusions: list[str] = field(default_factory=list)

    @property
    def is_empty(self):
        """An all-negative query is no query."""
        return not (self.terms or self.phrases)

    @property
    def words(self):
        return [term.word for term in self.terms]


def normalise(text):
    """Printable, single-spaced, trimmed to a sensible length. Safe to show and to log."""
    text = "".join(ch if ch.isprintable() and not 0xD800 <= ord(ch) <= 0xDFFF else " " for ch in (text or ""))
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip()[:MAX_QUERY_LENGTH]


def _words(text):
    words = []
    for match in WORD.finditer(text.lower()):
        for part in re.split(r"['’]", match.group()):
            if len(part) > 1 or part.isdigit():
                words.append(part)
    return words


def parse(text, synonyms=None):
    """Split `text` into terms (stop words dropped), "quoted phrases" and -exclusions; expand synonyms per term."""
    text = normalise(text)
    synonyms = synonyms or {}
    parsed = ParsedQuery(text=text)
    remainder = text
    for quoted in re.findall(r'"([^"]*)"', text):
        phrase = " ".join(_words(quoted))
        if phrase and phrase not in parsed.phrases:
            parsed.phrases.append(phrase)
    remainder = re.sub(r'"[^"]*"', " ", remainder).replace('"', " ")
    seen = set()
    for token in remainder.split():
        excluded = token.startswith("-") and len(token) > 1
        for word in _words(token):
            if excluded:
                if word not in parsed.exclusions:
                    parsed.exclusions.append(word)
            elif word not in seen and word not in STOP_WORDS and len(parsed.terms) < MAX_TERMS:
                seen.add(word)
                alternatives = [alt for alt in synonyms.get(word, []) if alt != word]
                parsed.terms.append(Term(word, alternatives))
    if not parsed.terms and not parsed.phrases:
        # A query made only of stop words ("how to") still means something: search for those words.
        for word in _words(remainder)[:MAX_TERMS]:
            if word not in seen:
                seen.add(word)
                parsed.terms.append(Term(word))
    parsed.terms = [term for term in parsed.terms if term.word not in parsed.exclusions]
    return parsed


def synonym_map(rows):
    """{word: [alternatives]} from Synonym rows, both directions, lower case."""
    mapping = {}
    for term, alternatives in rows:
        group = [term.lower().strip(), *(alt.lower().strip() for alt in alternatives)]
        key = " ".join(_words(group[0]))
        if not key or " " in key:
            continue
        mapping.setdefault(key, [])
        for alternative in group[1:]:
            alternative = " ".join(_words(alternative))
            if alternative and alternative not in mapping[key]:
                mapping[key].append(alternative)
    return mapping


def whole_phrase(parsed):
    """The query's words as one phrase, to rank items that contain them together first; None if < 2 words."""
    text = re.sub(r'"[^"]*"|(^|\s)-\S+', " ", parsed.text.lower().replace("’", "'"))
    words = WORD.findall(text)
    if len(parsed.terms) < 2 or parsed.phrases or len(words) < 2:
        return None
    return ParsedQuery(text=parsed.text, phrases=[" ".join(words)])
