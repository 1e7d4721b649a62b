"""Search relevance on the starter content, judged against queries teachers really type.

Written before tuning. Each query lists items of which at least one must be in the top 3,
and items that must not be. Symptom queries use everyday words that share no word stem
with the title of the item they should find.
"""

import pytest
from django.test import RequestFactory

from oap_directory import search

ACRONYMS = [
    ("SEMH", ["category:semh"], []),
    ("SALT", ["strategy:build-speech-and-language-therapy-targets-into-lessons"], []),
    ("EAL", ["strategy:use-visuals-and-home-language-with-eal-learners"], []),
    ("ASD", ["category:social-communication", "strategy:use-a-visual-timetable-every-day", "strategy:use-clear-literal-language", "strategy:act-on-autism-outreach-advice-with-a-one-page-profile"], ["strategy:use-phonics-throughout-the-school-day"]),
    ("ADHD", ["strategy:adhd-friendly-task-chunking"], []),
    ("VI", ["strategy:enlarged-high-contrast-materials-for-pupils-with-vi", "category:vision"], []),
    ("OT", ["strategy:adapted-tools-for-fine-motor-difficulties"], []),
    ("TA", ["strategy:plan-teaching-assistant-deployment-with-the-class-teacher", "strategy:train-teaching-assistants-to-scaffold-rather-than-rescue"], []),
]  # fmt: skip
TYPOS = [
    ("phonix", ["strategy:use-phonics-throughout-the-school-day"], []),
    ("dyslexa", ["strategy:present-text-in-a-dyslexia-friendly-way"], []),
    ("handwritting", ["strategy:reduce-the-amount-of-handwriting-pupils-must-do"], []),
    ("timetabel", ["strategy:use-a-visual-timetable-every-day"], []),
    ("vocabulery", ["strategy:pre-teach-key-vocabulary-before-a-new-topic"], []),
]
SYMPTOMS = [
    ("can't sit still", ["strategy:movement-breaks-and-a-job-to-do"], []),
    ("can't concentrate", ["strategy:reduce-distractions-and-use-visual-timers"], []),
    ("fidgets", ["strategy:movement-breaks-and-a-job-to-do"], []),
    ("stares at a blank page", ["strategy:use-talk-and-sentence-starters-before-writing"], []),
    ("forgets what to do", ["strategy:chunk-instructions-and-back-them-with-a-checklist", "strategy:reduce-working-memory-load-during-lessons"], []),
]  # fmt: skip
TOPICS = [
    ("phonics", ["strategy:use-phonics-throughout-the-school-day"], []),
    ("visual timetable", ["strategy:use-a-visual-timetable-every-day"], []),
    ("reading -phonics", ["strategy:teach-reading-comprehension-strategies-explicitly", "strategy:train-all-staff-in-how-reading-develops"], ["strategy:use-phonics-throughout-the-school-day"]),
    ("anxiety", ["category:anxiety-and-wellbeing", "strategy:worry-time-for-anxious-pupils"], []),
    ("hearing impairment", ["strategy:seating-and-facing-the-class-for-pupils-with-hi", "category:hearing"], []),
    ("working memory", ["strategy:reduce-working-memory-load-during-lessons"], []),
]  # fmt: skip
RELEVANCE_SET = ACRONYMS + TYPOS + SYMPTOMS + TOPICS


def _top(query, count=3):
    request = RequestFactory().get("/search/", {"q": query})
    page = search.search(request)
    return [f"{result.type}:{result.url.rstrip('/').rsplit('/', 1)[1]}" for result in page.results[:count]]


def test_relevance_set_is_big_and_varied_enough():
    assert len(RELEVANCE_SET) >= 20
    assert len(ACRONYMS) >= 5 and len(TYPOS) >= 5 and len(SYMPTOMS) >= 5


@pytest.mark.django_db
def test_teachers_queries_find_the_right_items_in_the_top_three(starter_content):
    failures = []
    for query, any_of, never in RELEVANCE_SET:
        top = _top(query)
        if not set(any_of) & set(top):
            failures.append(f"{query!r}: expected one of {any_of} in top 3, got {top}")
        if set(never) & set(top):
            failures.append(f"{query!r}: {sorted(set(never) & set(top))} must not be in the top 3")
    assert failures == [], "\n".join(failures)
