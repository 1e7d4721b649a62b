"""Parse what a teacher typed, once, into a ParsedQuery that both backends and the ranking read.

parse(text, synonyms, phases):
- normalises the text (printable, single-spaced, curly quotes made straight, at most 200 characters);
- takes "quoted phrases" and -exclusions aside; splits the rest into words (contractions at the
  apostrophe: "can't" gives "can");
- joins runs of up to three words that are a synonym's term ("selective mutism", "year 4"), also when
  only their endings differ ("lashes out" finds "lash out");
- drops stop words (PostgreSQL's English list, so both backends ignore the same words) and filler
  words ("can", "won", "really"), unless the query has nothing else;
- gives each remaining term the alternatives of the Synonym row (edited in the admin) whose term it
  is (a row's term finds its alternatives, not the other way round); marks it as an acronym (typed
  in capitals, or a synonym's term) or vocabulary (every word in the synonym list) so that "Did you
  mean" never corrects it; keeps at most ten terms;
- turns a term whose alternatives name a phase ("KS2", "year 4" → Primary) into a phase hint, not a
  word to match; unless it is also the acronym of something else (EYFS, the early years foundation
  stage framework): then it is a phase hint and a term whose alternative is what it stands for.

whole_phrase() gives the query's words as one phrase, for ranking items that hold them together.
Each backend builds its own query from the ParsedQuery: PostgreSQL's websearch syntax has no
parentheses and FTS5 needs every token quoted, so neither gets the raw text.
"""

import itertools
import re
from dataclasses import dataclass, field

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# The stop words of PostgreSQL's and Snowball's English configuration, and a few more: PostgreSQL
# drops these from its queries, so both backends must ignore them alike.
STOP_WORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below
    between both but by could did do does doing down during each few for from further had has have having
    he her here hers herself him himself his how i if in into is it its itself me more most my myself no
    nor not now of off on once only or other our ours ourselves out over own same she should so some
    such than that the their theirs them themselves then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you your yours
    yourself yourselves near""".split()
)
# Words that carry no meaning in a teacher's question ("can't concentrate", "won't start writing"):
# never matched, never highlighted. Contractions are split at the apostrophe, so "can't" gives "can".
FILLER_WORDS = frozenset(
    """can cannot could would should won wont doesn isn don didn aren wasn weren haven hasn hadn couldn
    shouldn wouldn mustn ll ve re im ive cant dont doesnt isnt very really just quite always often
    sometimes keeps keep gets get got lot lots much many any some all also am been being out off away""".split()
)
# Words that say how often, how much, when, or who ("can't sit still", "fiddles with everything", "silent since
# September", "my pupils"), not what is seen: they are searched for, but a match on them alone neither makes an
# observation match nor lets an item join the results that match only some of the words ("still" is not "Still
# counts on fingers"; "since September" is not a move to a new school).
MODIFIER_WORDS = frozenset(
    """still constantly continually continuously repeatedly never ever again yet already even usually rarely hardly
    barely nearly almost suddenly totally completely literally seriously absolutely basically actually forever
    anymore lately recently every everything anything something nothing everyone anyone someone nobody
    poor bad badly weak terrible awful big small little tiny huge massive thing things stuff bit time times day
    days way ways properly well kid kids child children boy boys girl girls pupil pupils student students son
    daughter learner learners
    since ago today yesterday tonight morning mornings afternoon afternoons evening evenings week weeks weekend
    weekends month months minute minutes hour hours moment moments
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)
# Words that say something is missing or not done ("no energy", "can't settle"): such a query is about a
# difficulty, so it never matches an observation that names a strength ("Is full of energy").
NEGATIONS = frozenset(
    """no not never nothing none can't cannot won't doesn't don't didn't isn't aren't wasn't hasn't haven't
    couldn't wouldn't unable lack lacks lacking without""".split()
)
MAX_PHRASE_WORDS = 3


@dataclass
class Term:
    word: str
    alternatives: list[str] = field(default_factory=list)
    is_acronym: bool = False  # typed in capitals (ELSA, KS2) or a known synonym: never "corrected"
    is_vocabulary: bool = False  # in the synonym list, as a term or as one of its alternatives
    in_capitals: bool = False  # typed in capitals (ELSA, ADHD): the person named something
    names_phase: bool = False  # also a phase hint: EYFS is Early years, and the framework it stands for


@dataclass
class ParsedQuery:
    text: str = ""
    terms: list[Term] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    exclusions: list[str] = field(default_factory=list)
    phase_hints: list[str] = field(default_factory=list)  # phases named by a key stage or year group
    hinted_by: list[str] = field(default_factory=list)  # what was typed for them, e.g. "KS2"

    @property
    def is_empty(self):
        """An all-negative query is no query."""
        return not (self.terms or self.phrases)

    @property
    def words(self):
        return [term.word for term in self.terms]

    @property
    def says_not(self):
        """Whether the query says something is missing or not done: "no energy", "won't write"."""
        return any(word in NEGATIONS for word in WORD.findall(self.text.lower().replace("’", "'")))

    @property
    def meaningful_terms(self):
        """The terms that name something (not "still", "everything"), or every term if none does."""
        return [term for term in self.terms if term.word not in MODIFIER_WORDS] or self.terms


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


def _tokens(remainder):
    """(word, typed in capitals, excluded) for each word outside quotes, in order."""
    tokens = []
    for token in remainder.split():
        excluded = token.startswith("-") and len(token) > 1
        if re.fullmatch(r"-?[A-Z]{2,}s", token):  # an acronym's plural: "TAs", "IEPs"
            token = token[:-1]
        capitals = sum(ch.isupper() for ch in token) >= 2 and not any(ch.islower() for ch in token)
        tokens.extend((word, capitals, excluded) for word in _words(token))
    return tokens


def _light_stem(phrase):
    """Plural and verb endings off each word, so "lashes out" finds the synonym "lash out"."""
    stems = []
    for word in phrase.split():
        if len(word) > 4 and word.endswith(("shes", "ches", "xes", "sses")):
            word = word[:-2]
        elif len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 5 and word.endswith(("ing", "ed")):
            word = word[: -3 if word.endswith("ing") else -2]
        elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        stems.append(word)
    return " ".join(stems)


def _spellings(stem):
    """The stem as cut, and as each word is written without its ending: "hitt" (hitting) is "hit", "bit" (biting)
    "bite", "runn off" (running off) "run off"."""
    options = []
    for word in stem.split(" "):
        variants = [word]
        if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
            variants.append(word[:-1])
        if len(word) > 2 and word[-1] not in "aeiouy":
            variants.append(word + "e")
        options.append(variants)
    return [" ".join(words) for words in itertools.product(*options)]


def _longest_key(words, start, synonyms, stemmed):
    """The longest run of words from `start` that is a synonym's term ("year 4", "selective mutism")."""
    for length in range(min(MAX_PHRASE_WORDS, len(words) - start), 0, -1):
        key = " ".join(words[start : start + length])
        if key in synonyms:
            return key, length
        for variant in _spellings(_light_stem(key)):
            if variant in stemmed:
                return stemmed[variant], length
    return words[start], 1


@dataclass(frozen=True)
class Synonyms:
    """The synonym list prepared for parsing, made once from the Synonym rows (and reused while they are unchanged).

    `terms` is synonym_map()'s {term: [alternatives]}; `vocabulary` every word of them (never "corrected");
    `stemmed` each term by its light stem ("lash out" for "lashes out"); `written` every word of every row as
    written, lower case (the search log's redaction treats them as ordinary words, not names).
    """

    terms: dict = field(default_factory=dict)
    vocabulary: frozenset = frozenset()
    stemmed: dict = field(default_factory=dict)
    written: frozenset = frozenset()

    @classmethod
    def from_rows(cls, rows):
        """From (term, [alternatives]) pairs, as the Synonym rows give them."""
        rows = list(rows)
        terms = synonym_map(rows)
        written = {word for term, alternatives in rows for word in " ".join([term, *alternatives]).lower().split()}
        return cls.from_map(terms, written)

    @classmethod
    def from_map(cls, terms, written=frozenset()):
        stemmed = {_light_stem(key): key for key in terms}
        return cls(terms, frozenset(vocabulary_words(terms)), stemmed, frozenset(written))


def parse(text, synonyms=None, phases=None):
    """Split `text` into terms ("quoted phrases", -exclusions and stop or filler words aside) and expand synonyms.

    `synonyms` is a Synonyms, or a synonym_map() dict. A synonym whose alternatives name a phase (`phases`:
    {"primary": "primary", ...}) is a phase hint, not a word to match: "KS2" and "year 4" mean Primary.
    """
    text = normalise(text)
    prepared = synonyms if isinstance(synonyms, Synonyms) else Synonyms.from_map(synonyms or {})
    synonyms, vocabulary, stemmed, phases = prepared.terms, prepared.vocabulary, prepared.stemmed, phases or {}
    parsed = ParsedQuery(text=text)
    for quoted in re.findall(r'"([^"]*)"', text):
        phrase = " ".join(_words(quoted))
        if phrase and phrase not in parsed.phrases:
            parsed.phrases.append(phrase)
    remainder = re.sub(r'"[^"]*"', " ", text).replace('"', " ")
    tokens = _tokens(remainder)
    words = [word for word, _, _ in tokens]
    seen, position = set(), 0
    while position < len(tokens):
        word, capitals, excluded = tokens[position]
        key, length = (word, 1) if excluded else _longest_key(words, position, synonyms, stemmed)
        position += length
        if excluded:
            if word not in parsed.exclusions:
                parsed.exclusions.append(word)
            continue
        if key in seen or (length == 1 and (key in STOP_WORDS or key in FILLER_WORDS)):
            continue
        seen.add(key)
        alternatives = [alt for alt in synonyms.get(key, []) if alt != key]
        hinted = [phases[alt] for alt in alternatives if alt in phases]
        if hinted:
            parsed.phase_hints.extend(slug for slug in hinted if slug not in parsed.phase_hints)
            parsed.hinted_by.append(" ".join(tokens_typed(remainder, key)))
            alternatives = [alt for alt in alternatives if spells(key, alt) and not _names_phase(alt, synonyms, phases)]
            if not alternatives:
                continue
        if len(parsed.terms) < MAX_TERMS:
            parsed.terms.append(
                Term(
                    key,
                    alternatives,
                    is_acronym=capitals or key in synonyms,
                    is_vocabulary=set(key.split()) <= vocabulary,
                    in_capitals=capitals,
                    names_phase=bool(hinted),
                )
            )
    if not parsed.terms and not parsed.phrases and not parsed.phase_hints:
        # A query made only of stop words ("how to") still means something: search for those words.
        for word in words[:MAX_TERMS]:
            if word not in seen and not any(word == excluded for excluded in parsed.exclusions):
                seen.add(word)
                parsed.terms.append(Term(word))
    parsed.terms = [term for term in parsed.terms if term.word not in parsed.exclusions]
    return parsed


def _names_phase(phrase, synonyms, phases):
    """Whether `phrase` is a phase's name or another name for one: "key stage 2" is a synonym of Primary."""
    return phrase in phases or any(alt in phases for alt in synonyms.get(phrase, []))


def tokens_typed(text, key):
    """The words of `key` as they were typed (keeping the person's capitals), for messages."""
    typed = [token for token in re.findall(r"[^\W_]+", text) if token.lower() in key.split()]
    return typed[: len(key.split())] or [key]


def vocabulary_words(synonyms):
    """Every word of every synonym term and alternative: real terms, never to be "corrected"."""
    words = set()
    for key, alternatives in synonyms.items():
        for phrase in [key, *alternatives]:
            words.update(phrase.split())
    return words


def synonym_map(rows):
    """{term: [alternatives]} from Synonym rows, lower case: a term finds its alternatives (one direction)."""
    mapping = {}
    for term, alternatives in rows:
        group = [term.lower().strip(), *(alt.lower().strip() for alt in alternatives)]
        key = " ".join(_words(group[0]))
        if not key or len(key.split()) > MAX_PHRASE_WORDS:
            continue
        mapping.setdefault(key, [])
        for alternative in group[1:]:
            alternative = " ".join(_words(alternative))
            if alternative and alternative not in mapping[key]:
                mapping[key].append(alternative)
    return mapping


def spells(acronym, phrase):
    """Whether `phrase` is what `acronym` stands for: its words' initials, with or without the small words
    ("social emotional mental health" is SEMH, "English as an additional language" is EAL)."""
    words = [word for word in re.split(r"[\s\-]+", phrase.lower()) if word]
    initials = "".join(word[0] for word in words)
    content = "".join(word[0] for word in words if word not in STOP_WORDS)
    return len(acronym) > 1 and acronym.lower() in (initials, content)


def whole_phrase(parsed):
    """The query's words as one phrase, to rank items that contain them together first; None if < 2 words."""
    text = re.sub(r'"[^"]*"|(^|\s)-\S+', " ", parsed.text.lower().replace("’", "'"))
    words = WORD.findall(text)
    if len(parsed.terms) < 2 or parsed.phrases or len(words) < 2:
        return None
    return ParsedQuery(text=parsed.text, phrases=[" ".join(words)])
