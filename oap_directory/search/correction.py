"""“Did you mean”: only for words nobody uses, never for a real term.

A word is left alone when it was typed in capitals (an acronym: ELSA, KS2), is in the
synonym list as a term or in an alternative (selective mutism, EHCP), is short or a
number, is in the indexed vocabulary, or shares its stem with something indexed (fidgets → fidget).
An everyday English word that nothing uses is never replaced, only offered a look-alike as "Did you mean" when
little is found: "seasons" is not "sessions", and a teacher's "away with the fairies" is not "families".
"""

from functools import cache

from spellchecker import SpellChecker

from oap_directory.models import SearchDocument, SearchTerm
from oap_directory.search.query import ParsedQuery, Term

CONFIDENT = 0.5  # below this similarity a correction is only offered, never applied
OFFERED_ONLY = 0.0  # the confidence given to a correction of an English word: offered, never applied


@cache
def english_words():
    """About 160,000 English words (pyspellchecker's list, mostly American spellings; British ones the content
    uses are in the indexed vocabulary). Read once per process, when a search first needs a correction."""
    return SpellChecker(language="en", distance=1).word_frequency


def is_real_word(term, engine):
    word = term.word
    if term.is_acronym or term.is_vocabulary or " " in word or len(word) < 4 or word.isdigit():
        return True
    if SearchTerm.objects.filter(word=word).exists():
        return True
    single = ParsedQuery(text=word, terms=[Term(word)])
    return bool(engine.matching_ids(single, SearchDocument.objects.all(), limit=1))


def did_you_mean(parsed, engine):
    """(the query with unknown words replaced by the closest indexed word, confidence) or (None, 0.0)."""
    corrected, confidence, changed = [], 1.0, False
    for term in parsed.terms:
        replacement, similarity = (None, 0.0) if is_real_word(term, engine) else engine.similar_word(term.word)
        if replacement and replacement != term.word:
            corrected.append(replacement)
            confidence = min(confidence, OFFERED_ONLY if term.word in english_words() else similarity)
            changed = True
        else:
            corrected.append(term.word)
    return (" ".join(corrected), confidence) if changed else (None, 0.0)
