from oap_directory.search.query import normalise, parse, spells, synonym_map, whole_phrase


def test_terms_phrases_and_exclusions_are_separated():
    parsed = parse('visual "now and next" timetable -autism')
    assert parsed.words == ["visual", "timetable"]
    assert parsed.phrases == ["now and next"]
    assert parsed.exclusions == ["autism"]


def test_stop_words_are_dropped_but_a_stop_word_only_query_still_searches():
    assert parse("how to help with reading").words == ["help", "reading"]
    assert parse("how to").words == ["how", "to"]


def test_an_all_negative_query_is_no_query():
    assert parse("-phonics -reading").is_empty


def test_operators_and_control_characters_are_plain_text():
    parsed = parse('NEAR(read* : & | ! ^) "unbalanced \x00 OR NOT')
    assert not any(ch in " ".join(parsed.words) for ch in '*:&|!^()"\x00')
    assert parsed.words[:2] == ["read", "unbalanced"]


def test_long_queries_are_truncated():
    assert len(normalise("word " * 2000)) == 200


def test_synonyms_expand_per_term_in_lower_case():
    synonyms = synonym_map([("SEMH", ["social emotional mental health"]), ("two words", ["ignored"])])
    parsed = parse("SEMH support", synonyms)
    assert parsed.terms[0].word == "semh"
    assert parsed.terms[0].alternatives == ["social emotional mental health"]
    assert parsed.terms[1].alternatives == []


def test_contractions_are_filler_and_the_whole_phrase_keeps_them():
    parsed = parse("can’t sit still")
    assert parsed.words == ["sit", "still"]
    assert whole_phrase(parsed).phrases == ["can't sit still"]


def test_multi_word_synonyms_are_one_term_and_phases_are_hints():
    synonyms = synonym_map([("year 4", ["primary", "key stage 2"]), ("selective mutism", ["situational mutism"])])
    parsed = parse("Year 4 selective mutism", synonyms, phases={"primary": "primary"})
    assert parsed.words == ["selective mutism"]
    assert parsed.terms[0].is_vocabulary and parsed.terms[0].is_acronym
    assert parsed.phase_hints == ["primary"] and parsed.hinted_by == ["Year 4"]


def test_words_typed_in_capitals_are_acronyms():
    parsed = parse("ELSA else")
    assert [(term.word, term.is_acronym) for term in parsed.terms] == [("elsa", True), ("else", False)]


def test_an_acronym_is_spelt_by_the_initials_of_what_it_stands_for():
    assert spells("semh", "social emotional mental health")
    assert spells("eal", "English as an additional language")
    assert spells("msi", "multi-sensory impairment")
    assert not spells("adhd", "attention")
    assert [term.in_capitals for term in parse("ADHD girls").terms] == [True, False]


def test_an_acronym_for_a_framework_that_names_a_phase_is_a_hint_and_a_term():
    synonyms = synonym_map(
        [("EYFS", ["early years foundation stage", "early years"]), ("KS2", ["key stage 2", "primary"])]
        + [("key stage 2", ["KS2", "primary"])]
    )
    phases = {"early years": "early-years", "primary": "primary"}
    eyfs = parse("EYFS", synonyms, phases)
    assert eyfs.phase_hints == ["early-years"]
    assert [(term.word, term.alternatives) for term in eyfs.terms] == [("eyfs", ["early years foundation stage"])]
    ks2 = parse("KS2", synonyms, phases)
    assert ks2.phase_hints == ["primary"] and ks2.terms == []


def test_an_acronyms_plural_is_the_acronym():
    parsed = parse("TAs and IEPs")
    assert [(term.word, term.in_capitals) for term in parsed.terms] == [("ta", True), ("iep", True)]


def test_words_that_say_how_much_or_how_often_are_not_what_the_query_is_about():
    assert [term.word for term in parse("poor balance at times").meaningful_terms] == ["balance"]
    assert [term.word for term in parse("still").meaningful_terms] == ["still"]
    assert parse("no energy").says_not and parse("can't settle").says_not and not parse("energy").says_not


def test_a_vocabulary_word_is_found_whatever_its_ending():
    synonyms = synonym_map([("hit", ["aggression"]), ("bite", ["aggression"]), ("run off", ["absconding"])])
    assert parse("hitting biting", synonyms).words == ["hit", "bite"]
    assert parse("keeps running off", synonyms).words == ["run off"]
