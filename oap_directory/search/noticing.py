"""What teachers notice, used by search: the needs finder's observations bring in what they link to.

Teachers search in everyday words ("can't sit still") that the strategies themselves rarely use. The finder's
published observations hold those words (their text and their other wordings), each linked to strategies,
interventions and resources with a weight (1-3). The rule, in three steps:

1. Match. An observation's match strength is the share of the query's content words found in its best wording
   (its text or one of its other wordings), each word weighted by how rare it is among the observations (its
   inverse document frequency, so "finds" and "hard", in many observations, count for little). An observation
   matches when its strength is at least MIN_MATCH: at least half, as for items matching only some words. Words
   that only say how often or how much ("still", "constantly") do not count: "can't sit still" is not "Still
   counts on fingers". A query that says something is missing ("no energy") never matches a strength.
2. Score. Each published item linked from a matching observation scores the sum, over those observations, of
   match strength x link weight.
3. Blend. The text-match list (best first) and the noticing list (highest score first) take turns: the best text
   match, then the best noticed item, then the second text match, and so on; an item in both lists takes the
   better of its two places. Among equal noticing scores, items the words also found come first. Direct text
   matches keep first place and every other place; noticed items that the words alone would never find still
   reach the top three.

Only published observations with at least one published link, and only published items inside the search's
filters, count. At most three queries whatever the number of observations or links: none to match (search reads
the published observations once per content version), two to find and score what the matches link to.
"""

import math
import re

from django.db.models import Q

from finder.models import PUBLISHED_TARGET, Observation, ObservationLink
from finder.ranking import sentence_case_off
from oap_directory.search.documents import rows_for
from oap_directory.search.query import ParsedQuery

MIN_MATCH = 0.5  # the share of the query's (weighted) words an observation's wording must hold
TARGETS = ("strategy", "intervention", "resource")  # link fields, named as search document types
REASONS_SHOWN = 2


def _piece(word):
    """The part of a word that must start a word of the wording: its stem-like prefix, as for titles."""
    return word[: max(4, len(word) - 3)]


def _word_pattern(word):
    """A word starting with the word's piece; a short word (OT, TA) only as a whole word: "ot" is not "other"."""
    if len(word) < 4:
        return rf"(?<![^\s\-]){re.escape(word)}(?![^\s\-])"
    return rf"(?<![^\s\-]){re.escape(_piece(word))}"


def _phrase_pattern(phrase):
    """A synonym from where a word starts ("hearing" in "hearing loss", not "hi" in "things")."""
    end = r"(?![^\s\-])" if len(phrase) < 4 else ""
    return rf"(?<![^\s\-]){re.escape(phrase)}{end}"


def _matcher(term):
    """Whether a wording holds the term: each of its words ("call out" is found in "calls out"), or one of the
    term's synonyms, starting a word."""
    words = [re.compile(_word_pattern(word)) for word in term.word.split()]
    alternatives = [re.compile(_phrase_pattern(alt)) for alt in term.alternatives]

    def holds(text):
        return all(word.search(text) for word in words) or any(alt.search(text) for alt in alternatives)

    return holds


def published():
    """The published observations with at least one published link, as matching() reads them (one query).

    Search reads them once per content version (every change to an observation, its links or what they link to
    bumps it); treat the list as read-only."""
    fields = ("pk", "uuid", "text", "synonyms", "order", "kind")
    return list(Observation.objects.published().with_published_links().only(*fields))


def _candidates(parsed, observations):
    """The observations whose text or other wordings hold a piece of one of the query's words, ignoring case."""
    pieces = set()
    for term in parsed.meaningful_terms:
        pieces.update([*(_piece(word) for word in term.word.split()), *term.alternatives])
    if parsed.says_not:  # "no energy" is not the strength "Is full of energy"
        observations = [observation for observation in observations if observation.kind != Observation.Kind.STRENGTH]
    return [
        observation
        for observation in observations
        if any(piece in observation.text.lower() or piece in observation.synonyms.lower() for piece in pieces)
    ]


def _wordings(observation):
    return [observation.text.lower().replace("’", "'"), *(w.lower() for w in observation.other_wordings())]


def matching(parsed: ParsedQuery, observations=None):
    """[(observation, strength)] for the published observations (with a published link) this query matches,
    strongest first. `observations`: published(), when the caller keeps it (read from the database otherwise)."""
    if not parsed.terms:
        return []
    every = published() if observations is None else observations
    observations = _candidates(parsed, every)
    if not observations:
        return []
    total = len(every)
    patterns = {term.word: _matcher(term) for term in parsed.meaningful_terms}
    # For each observation, the query's words found in each of its wordings.
    hits = {
        observation.pk: [
            {word for word, pattern in patterns.items() if pattern(text)} for text in _wordings(observation)
        ]
        for observation in observations
    }
    rarity = {}
    for word in patterns:
        holding = sum(1 for found in hits.values() if any(word in words for words in found))
        rarity[word] = math.log(1 + total / max(holding, 1))
    possible = sum(rarity.values())
    found = []
    for observation in observations:
        strength = max(sum(rarity[word] for word in words) / possible for words in hits[observation.pk])
        if strength >= MIN_MATCH:
            found.append((observation, strength))
    found.sort(key=lambda pair: (-pair[1], pair[0].order, pair[0].text))
    return found


def noticed(observations, documents, facts):
    """Rows (as search reads matches: `facts` is documents.match_facts()) for the items these observations link to,
    among `documents`, each with its noticing score and the observations it was suggested because of, highest score
    first."""
    if not observations:
        return []
    strength = {observation.pk: value for observation, value in observations}
    texts = {observation.pk: observation.text for observation, _ in observations}
    links = ObservationLink.objects.filter(PUBLISHED_TARGET, observation_id__in=strength).values_list(
        "observation_id", "weight", *(f"{kind}_id" for kind in TARGETS)
    )
    scores, reasons = {}, {}
    for observation_id, weight, *targets in links:
        kind, object_id = next((kind, pk) for kind, pk in zip(TARGETS, targets, strict=True) if pk)
        key = (kind, object_id)
        scores[key] = scores.get(key, 0.0) + strength[observation_id] * weight
        reasons.setdefault(key, []).append((-strength[observation_id] * weight, texts[observation_id]))
    if not scores:
        return []
    wanted = Q()
    for kind in TARGETS:
        ids = [object_id for (name, object_id) in scores if name == kind]
        if ids:
            wanted |= Q(type=kind, object_id__in=ids)
    object_ids = dict(documents.filter(wanted).values_list("id", "object_id"))
    rows = [dict(fact) for fact in rows_for(list(object_ids), facts)]
    for row in rows:
        key = (row["type"], object_ids[row["id"]])
        row["noticing"] = scores[key]
        row["because"] = [sentence_case_off(text) for _, text in sorted(reasons[key])[:REASONS_SHOWN]]
    rows.sort(key=lambda row: (-row["noticing"], row["title"].lower(), row["id"]))
    return rows


def blend(text_rows, noticed_rows):
    """The two lists taking turns, the text list first: each item at the better of its two places, ties to the text
    list. Each row keeps what it was suggested because of, if anything."""
    if not noticed_rows:
        return text_rows
    place, rows = {}, {}
    for position, row in enumerate(text_rows):
        place[row["id"]], rows[row["id"]] = (position, 0), row
    # Among equal noticing scores, an item the words also found comes first (then, as before, by title).
    noticed_rows = sorted(noticed_rows, key=lambda row: (-row["noticing"], place.get(row["id"], (len(place), 0))))
    for position, row in enumerate(noticed_rows):
        place[row["id"]] = min(place.get(row["id"], (position, 1)), (position, 1))
        found = rows.get(row["id"])  # the text match's row, shared by every search: not changed but copied
        rows[row["id"]] = row if found is None else {**found, "because": row["because"]}
    return sorted(rows.values(), key=lambda row: place[row["id"]])
