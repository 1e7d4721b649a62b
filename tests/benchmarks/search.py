"""Search benchmark: our PostgreSQL and SQLite backends against naive `icontains`, modelsearch and django-watson.

Not a pytest test. Run it from the project root (`make bench` installs requirements-bench.txt first):

    .venv/bin/python tests/benchmarks/search.py            # 10,000 strategies, 200 queries, relevance scored
    .venv/bin/python tests/benchmarks/search.py --quick    # 500 strategies, 30 queries (CI)

The script starts one child process per database and contender group, because Django's default
connection and installed apps are fixed per process: on PostgreSQL, then on SQLite, ours with naive
icontains (the project's settings), then modelsearch and django-watson (each with its own settings
module in this folder, see contenders.py), one database's contenders one after another. Each child migrates a fresh scratch database,
scores the relevance set on the starter content in a transaction it rolls back (unless
--no-relevance), generates the same seeded data, builds its search index, warms up and times
every query, then prints its results as JSON. The parent compares the figures and writes them,
with the commit, date, CPU count and database and library versions, to docs/performance/search.txt
(search-quick.txt with --quick); a full run refuses to write there from an uncommitted tree.

The PostgreSQL scratch database (`oap_bench` by default) is dropped and created for each child and
dropped at the end; the SQLite ones are temporary files.
"""

import argparse
import contextlib
import cProfile
import io
import json
import os
import pstats
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from search_report import format_report

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/oap_bench"
SEED = 20261123
PAGE_SIZE = 20

# ---------------------------------------------------------------------------------------------
# Vocabulary: real SEND phrasing, combined at random so that texts differ but stay plausible.
# ---------------------------------------------------------------------------------------------

LEVELS = [
    ("Universal", "universal", False, 60),
    ("SEN Support", "sen-support", True, 30),
    ("Specialist", "specialist", True, 10),
]
PHASES = [("Early years", "early-years"), ("Primary", "primary"), ("Secondary", "secondary"), ("Post-16", "post-16")]

# Each theme is one sub-area of need (the third level of the category tree) and the words
# teachers use about it.
THEMES = [
    {
        "area": "Cognition and learning",
        "name": "Literacy",
        "needs": ["dyslexia", "specific learning difficulties (SpLD)", "a reading difficulty", "weak phonic knowledge", "spelling difficulties"],
        "symptoms": ["mixes up b and d", "guesses at unfamiliar words", "avoids reading aloud", "loses their place when reading", "spells the same word three different ways", "stares at a blank page", "won't start writing", "writes far less than they can say"],
        "actions": ["Pre-teach key vocabulary", "Use structured synthetic phonics", "Provide a writing frame", "Offer coloured overlays and a reading ruler", "Give a word bank", "Use paired reading", "Use a dyslexia-friendly layout", "Teach spelling patterns explicitly", "Use sentence starters", "Read questions aloud", "Use precision teaching for tricky words"],
        "child": ["have the key words on a card before the lesson", "get a writing frame to help me start", "use a reading ruler to keep my place", "have the questions read to me", "practise my sounds every day"],
        "steps": ["Choose five to eight words pupils will meet next lesson and teach each with a picture and a gesture.", "Print handouts in a clear sans serif font, at least 12 point, on cream paper.", "Give the first sentence of the paragraph so the pupil is not facing a blank page.", "Keep a phonics mat on the desk and point to it instead of spelling words out.", "Let the pupil record ideas with a voice recorder before writing them down."],
        "tags": ["dyslexia", "reading", "writing", "phonics", "spelling", "vocabulary"],
        "topics": ["phonics catch-up for older pupils", "dyslexia-friendly classrooms", "pre-teaching vocabulary", "writing frames", "paired reading", "spelling strategies"],
    },
    {
        "area": "Cognition and learning",
        "name": "Numeracy",
        "needs": ["dyscalculia", "gaps in number sense", "maths anxiety"],
        "symptoms": ["counts on fingers long after classmates have stopped", "struggles with times tables", "misreads word problems", "freezes when asked a maths question", "reverses digits", "can't remember number bonds", "finds fractions confusing"],
        "actions": ["Use concrete manipulatives", "Use a number line", "Break word problems into steps", "Provide a times-table square", "Use the concrete, pictorial, abstract approach", "Pre-teach mathematical vocabulary", "Use bar models for fractions"],
        "child": ["use cubes and counters when I work things out", "have a number line on my table", "see a worked example first", "use a times-table square"],
        "steps": ["Keep Dienes, counters and fraction walls within reach of every table.", "Model one example with objects, then draw it, then write the numbers.", "Underline the question and circle the numbers before solving a word problem.", "Let pupils check answers with a calculator once the method is secure."],
        "tags": ["maths", "dyscalculia", "number", "fractions", "times tables"],
        "topics": ["number sense", "teaching fractions with bar models", "maths anxiety", "times tables without tears"],
    },
    {
        "area": "Cognition and learning",
        "name": "Memory and processing",
        "needs": ["working memory difficulties", "slow processing speed", "general learning difficulties"],
        "symptoms": ["forgets instructions", "needs instructions repeated", "forgets what to do", "loses track halfway through a task", "takes longer to answer questions", "can't copy from the board"],
        "actions": ["Chunk instructions", "Give instructions one step at a time", "Provide a task checklist", "Give extra processing time", "Use retrieval practice", "Use dual coding", "Teach mnemonic strategies", "Check understanding with mini whiteboards", "Reduce copying from the board"],
        "child": ["get instructions one at a time", "have a checklist to tick off", "get a bit longer to think", "have the notes printed for me"],
        "steps": ["Give no more than two instructions at once and write them on the board as a numbered list.", "Wait at least ten seconds after asking a question before taking answers.", "Print the board notes so the pupil can listen instead of copying.", "Start each lesson with three quick retrieval questions on last week's work."],
        "tags": ["working memory", "processing", "instructions", "memory"],
        "topics": ["working memory in the classroom", "processing speed", "retrieval practice", "dual coding"],
    },
    {
        "area": "Communication and interaction",
        "name": "Speech, language and communication",
        "needs": ["speech, language and communication needs (SLCN)", "developmental language disorder (DLD)", "English as an additional language (EAL)", "selective mutism"],
        "symptoms": ["can't find the right word", "gives one-word answers", "is slow to process spoken language", "never puts a hand up", "nods along without understanding", "says I don't know before thinking"],
        "actions": ["Use talk partners", "Use Colourful Semantics", "Build SALT targets into lessons", "Model and expand what pupils say", "Use visual supports alongside speech", "Pre-teach topic vocabulary", "Use home language and visuals with EAL learners"],
        "child": ["practise my answer with a partner first", "see pictures of the new words", "can use my home language to plan", "practise my speech and language targets in class"],
        "steps": ["Pair a less confident speaker with a patient, articulate peer for a half term.", "Display a sentence stem such as I think ... because ... for everyone to use.", "Repeat the pupil's answer back in a full, correct sentence without saying it was wrong.", "Ask the speech and language therapist (SALT) for two targets to practise in lessons."],
        "tags": ["speech and language", "SALT", "EAL", "oracy", "SLCN"],
        "topics": ["speech and language targets in lessons", "Colourful Semantics", "supporting EAL learners", "selective mutism", "oracy for all"],
    },
    {
        "area": "Communication and interaction",
        "name": "Social communication",
        "needs": ["autism", "social communication difficulties", "an autism spectrum condition (ASC)"],
        "symptoms": ["becomes upset when routines change", "finds transitions hard", "avoids eye contact", "takes language literally", "finds it hard to make friends", "plays alone at break time"],
        "actions": ["Use a visual timetable", "Use a now-and-next board", "Give advance warning of changes", "Use clear, literal language", "Use social stories", "Set up a structured lunchtime club"],
        "child": ["know what is happening next", "see my day in pictures", "am told about changes early", "have a quiet club to go to at lunch"],
        "steps": ["Put the day's timetable at the pupil's eye level and go through it first thing.", "Move the card for each finished activity into the finished pocket.", "Warn the pupil about a supply teacher or trip the day before and show a photo.", "Say exactly what you mean: put your pencil down, not let's wrap up."],
        "tags": ["autism", "ASD", "transitions", "routines", "visual support", "friendship"],
        "topics": ["visual timetables", "autism-friendly classrooms", "social stories", "managing change and transitions"],
    },
    {
        "area": "Social, emotional and mental health",
        "name": "Anxiety and wellbeing",
        "needs": ["anxiety", "low mood", "emotionally based school avoidance (EBSA)", "low self-esteem"],
        "symptoms": ["worries about getting things wrong", "refuses to come into class", "complains of stomach aches before tests", "shuts down when asked a question", "cries at the start of the day"],
        "actions": ["Use worry time", "Offer a meet-and-greet at the door", "Provide a safe space", "Give the pupil a key adult", "Use a calm box", "Plan a gradual return to class"],
        "child": ["have a set time to talk about my worries", "am met at the door by someone I trust", "have a safe place to go", "can come back to class one step at a time"],
        "steps": ["Agree a ten-minute worry time each afternoon and write worries down to save for it.", "Have the same adult meet the pupil at the gate with a calm, predictable greeting.", "Agree a signal the pupil can use to go to the safe space without asking aloud.", "Plan the return with the family and the pupil, starting with the lesson they like best."],
        "tags": ["anxiety", "wellbeing", "SEMH", "attendance", "self-esteem"],
        "topics": ["anxiety in the classroom", "emotionally based school avoidance", "worry time", "building self-esteem"],
    },
    {
        "area": "Social, emotional and mental health",
        "name": "Attention and regulation",
        "needs": ["ADHD", "attention difficulties", "difficulties with self-regulation"],
        "symptoms": ["can't sit still", "fidgets constantly", "calls out in class", "can't concentrate", "rushes work without checking", "is easily distracted by noise", "gets out of their seat"],
        "actions": ["Give movement breaks", "Offer a job to do", "Use a visual timer", "Reduce distractions at the workstation", "Chunk tasks into short steps", "Provide fidget tools", "Teach self-regulation strategies"],
        "child": ["get to move about between tasks", "have a job that lets me move", "can see how long is left", "have a fidget to keep my hands busy"],
        "steps": ["Plan a movement break every 15 to 20 minutes, such as taking the register to the office.", "Show the time left on a sand timer or visual timer on the desk.", "Seat the pupil away from doors and windows, near a good role model.", "Praise the first minute of focus quietly and specifically."],
        "tags": ["ADHD", "attention", "concentration", "behaviour", "regulation"],
        "topics": ["ADHD in the classroom", "movement breaks", "self-regulation", "reducing distractions"],
    },
    {
        "area": "Social, emotional and mental health",
        "name": "Relationships and attachment",
        "needs": ["attachment difficulties", "experience of trauma", "social, emotional and mental health (SEMH) needs"],
        "symptoms": ["reacts strongly to small changes", "struggles with unstructured times", "pushes adults away", "finds it hard to accept praise", "falls out with friends at lunchtime"],
        "actions": ["Use restorative conversations", "Use emotion coaching", "Plan for unstructured times", "Give praise privately", "Keep a consistent key adult"],
        "child": ["have the same adult looking out for me", "can put things right after an argument", "have something to do at lunchtime", "am praised quietly"],
        "steps": ["Name the feeling first, then set the limit, then solve the problem together.", "Hold a short restorative conversation once everyone is calm, not in the moment.", "Offer a lunchtime club or job so break times have structure.", "Give praise privately or in writing if public praise causes a reaction."],
        "tags": ["attachment", "relationships", "SEMH", "behaviour", "trauma"],
        "topics": ["attachment-aware schools", "emotion coaching", "restorative practice", "trauma-informed practice"],
    },
    {
        "area": "Sensory and physical",
        "name": "Vision",
        "needs": ["a visual impairment (VI)", "low vision"],
        "symptoms": ["holds books very close", "squints at the board", "misses things on one side of the page", "tires quickly when reading"],
        "actions": ["Enlarge print", "Provide high-contrast materials", "Seat the pupil near the board", "Describe what is on the board aloud", "Use a visualiser"],
        "child": ["have my worksheets in large print", "sit where I can see", "hear what is on the board"],
        "steps": ["Ask the qualified teacher of the visually impaired for the pupil's preferred print size.", "Use black text on a plain background and avoid text over pictures.", "Say aloud everything you write or point to on the board."],
        "tags": ["VI", "vision", "visual impairment"],
        "topics": ["visual impairment", "making materials accessible", "modified large print"],
    },
    {
        "area": "Sensory and physical",
        "name": "Hearing",
        "needs": ["a hearing impairment (HI)", "glue ear", "deafness"],
        "symptoms": ["misses instructions in noisy rooms", "watches other pupils before starting", "asks what all the time", "talks loudly"],
        "actions": ["Face the class when speaking", "Use the radio aid consistently", "Reduce background noise", "Repeat other pupils' answers", "Turn on subtitles for videos"],
        "child": ["can see your face when you talk", "hear the other children's answers", "have subtitles on videos"],
        "steps": ["Stand still and face the class when giving instructions, not while writing on the board.", "Check the radio aid is charged and switched on at the start of each lesson.", "Close doors and windows and use soft furnishings to cut background noise."],
        "tags": ["HI", "hearing", "deaf"],
        "topics": ["hearing impairment", "glue ear", "using a radio aid"],
    },
    {
        "area": "Sensory and physical",
        "name": "Fine and gross motor skills",
        "needs": ["dyspraxia", "developmental coordination disorder (DCD)", "fine motor difficulties", "a physical disability"],
        "symptoms": ["has messy handwriting", "tires quickly when writing", "struggles with scissors", "bumps into things", "takes a long time to get changed for PE"],
        "actions": ["Use a pencil grip", "Teach touch typing", "Reduce the amount of handwriting", "Provide a sloping board", "Use adapted tools", "Break PE skills into small steps"],
        "child": ["use a pencil grip", "type my work", "write less and show more", "have scissors that work for me"],
        "steps": ["Ask the occupational therapist (OT) which grip or sloping board suits the pupil.", "Offer a laptop for longer pieces of writing and teach touch typing.", "Accept bullet points, diagrams or a scribe instead of copying out.", "Allow extra time to get changed and keep the kit simple."],
        "tags": ["handwriting", "dyspraxia", "fine motor", "OT", "PE"],
        "topics": ["handwriting and dyspraxia", "touch typing", "fine motor skills", "adapting PE"],
    },
    {
        "area": "Sensory and physical",
        "name": "Sensory processing",
        "needs": ["sensory processing differences", "sensory sensitivities"],
        "symptoms": ["becomes overwhelmed by noise", "finds the dinner hall too loud", "covers their ears", "refuses to wear parts of the uniform", "seeks movement all the time"],
        "actions": ["Provide ear defenders", "Offer a quiet workspace", "Plan sensory breaks", "Follow a sensory diet from the OT", "Let the pupil leave early for lunch"],
        "child": ["wear ear defenders when it is noisy", "have a quiet place to work", "get sensory breaks", "go to lunch before it gets busy"],
        "steps": ["Keep ear defenders where the pupil can take them without asking.", "Plan two short sensory breaks a day, before the busiest times.", "Let the pupil go to lunch five minutes early to avoid the queue."],
        "tags": ["sensory", "noise", "OT", "autism"],
        "topics": ["sensory processing", "sensory breaks", "quiet spaces", "noise in schools"],
    },
]  # fmt: skip

FRAMEWORKS = [
    ("The four broad areas of need", None),
    ("Teachers' Standards", {
        "TS4: Plan and teach well-structured lessons": ["Scaffolding and modelling", "Questioning and talk"],
        "TS5: Adapt teaching": ["Adaptive teaching", "Assessment for learning"],
        "TS7: Manage behaviour effectively": ["Routines and expectations", "Relationships for learning"],
    }),
]  # fmt: skip
AREA_SUMMARIES = {
    "Cognition and learning": "Pupils who learn at a slower pace or have specific difficulties with reading, writing or maths.",
    "Communication and interaction": "Pupils who find it hard to say what they mean, understand others or communicate socially.",
    "Social, emotional and mental health": "Pupils whose feelings, attention or relationships get in the way of learning (SEMH).",
    "Sensory and physical": "Pupils with a visual or hearing impairment, physical or motor needs or sensory differences.",
}
CONTEXTS = [
    "in maths",
    "in English",
    "in science",
    "in history and geography",
    "in PE",
    "in art and design",
    "in music",
    "in computing",
    "during phonics",
    "during guided reading",
    "during independent writing",
    "in group work",
    "at lunchtime",
    "at break time",
    "for transitions between lessons",
    "at the start of the day",
    "before tests and exams",
    "for homework",
    "in assemblies",
    "on school trips",
    "in practical lessons",
    "in the early years classroom",
    "in tutor time",
]
OUTCOMES = [
    "join in with the whole class",
    "get started without waiting for an adult",
    "show what they know",
    "stay calm and ready to learn",
    "remember what to do next",
    "take part in discussion",
    "finish work independently",
    "feel confident to try",
]
CHILD_OUTCOMES = [
    "can join in with everyone else",
    "don't feel worried",
    "can get started on my own",
    "remember what to do",
    "can show what I know",
    "feel part of the class",
    "can stay calm",
    "know what is coming next",
]
ADULTS = [
    "the class teacher",
    "the teaching assistant (TA)",
    "the SENCO",
    "a key adult",
    "the form tutor",
    "subject teachers",
    "the speech and language therapist",
    "the occupational therapist",
]
# Generic sentences and steps avoid the words the queries look for, so that, as in real content,
# a query's matches come from the themes rather than from boilerplate every item shares.
EVIDENCE = [
    "The EEF's guidance on SEND in mainstream schools recommends this as part of high-quality teaching for all.",
    "Research on cognitive load suggests that cutting unnecessary demands leaves more room for learning.",
    "Schools that use this consistently report fewer incidents and better engagement.",
    "It benefits the whole class, not only pupils on the SEN register.",
    "Specialist teachers recommend it because it costs little and works across subjects.",
    "It takes little preparation once staff are used to it.",
    "Pupils and parents often say it is the single change that made the most difference.",
]
GENERIC_STEPS = [
    "Agree the approach with the pupil and their parents or carers.",
    "Share it with every adult who works with the class, including supply staff.",
    "Review after six weeks at the pupil's assess, plan, do, review meeting and adjust.",
    "Start small: try it in one lesson a day before using it everywhere.",
    "Ask the pupil what helps and add it to their one-page profile.",
    "Keep brief notes so that you can judge the impact.",
]
PROVIDERS = [
    "Northbrook Educational Psychology Service",
    "Northbrook Council Learning Support Team",
    "Northbrook Speech and Language Therapy Service",
    "Northbrook Sensory Support Service",
    "Northbrook Autism Outreach Team",
    "Education Endowment Foundation",
    "Northbrook Mental Health Support Team",
    "Northbrook Occupational Therapy Service",
]
AUDIENCES = [
    "Teachers and teaching assistants",
    "SENCOs",
    "Parents and carers",
    "All school staff",
    "Teaching assistants",
    "Early years practitioners",
]
RESOURCE_TITLES = {
    "document": "{org} guide to {topic}",
    "web_page": "{topic}: advice for schools",
    "video": "{topic}: a short video for staff",
    "training": "Training: {topic}",
    "service": "Advice and referral: {topic}",
}

# ---------------------------------------------------------------------------------------------
# Queries: what teachers type.
# ---------------------------------------------------------------------------------------------

QUERY_POOLS = {
    "single word": ["reading", "writing", "maths", "phonics", "anxiety", "autism", "dyslexia", "handwriting", "transitions", "vocabulary", "memory", "attention", "behaviour", "sensory", "spelling", "friendship", "hearing", "vision", "fractions", "concentration", "routines", "homework", "lunchtime", "scissors", "noise", "attendance", "praise", "instructions", "dyspraxia", "wellbeing"],
    "two words": ["visual timetable", "working memory", "sentence starters", "movement breaks", "word bank", "quiet space", "hearing impairment", "fine motor", "talk partners", "social stories", "key adult", "number line", "ear defenders", "writing frame", "times tables", "reading ruler", "visual timer", "pencil grip", "processing time", "task checklist"],
    "three words": ["pre-teach key vocabulary", "chunk instructions maths", "visual timer transitions", "reduce copying board", "worry time anxious", "touch typing dyspraxia", "colourful semantics language", "now next board", "movement breaks ADHD", "phonics older pupils", "seating hearing impairment", "social stories autism"],
    "acronym": ["SEMH", "ADHD", "EAL", "SALT", "ASD", "SLCN", "SpLD", "OT", "TA", "VI", "HI", "EHCP", "SENCO", "EBSA", "DCD", "DLD"],
    "typo": ["phonix", "dyslexa", "handwritting", "timetabel", "vocabulery", "anxeity", "concentraton", "dyscalcula", "autisim", "sensery", "behavour", "spellling", "transitons", "memmory", "fracshuns"],
    "symptom": ["can't sit still", "forgets instructions", "won't start writing", "calls out", "mixes up b and d", "finds transitions hard", "stares at a blank page", "can't concentrate", "fidgets", "covers their ears", "messy handwriting", "refuses to come into class", "worries about tests", "struggles with times tables", "gives one word answers", "plays alone at break", "squints at the board", "asks what all the time"],
    "quoted phrase": ['"visual timetable"', '"working memory"', '"sentence starters"', '"movement breaks"', '"key adult"', '"social stories"', '"reading ruler"', '"sensory breaks"', '"word bank"', '"talk partners"', '"number line"', '"ear defenders"'],
    "exclusion": ["reading -phonics", "writing -handwriting", "anxiety -tests", "autism -lunchtime", "maths -fractions", "memory -instructions", "behaviour -ADHD", "vocabulary -science", "transitions -autism", "sensory -noise"],
}  # fmt: skip
# The search libraries compared with ours, each with its own settings module (tests/benchmarks/contenders.py).
LIBRARY_SETTINGS = {
    "modelsearch": "tests.benchmarks.settings_modelsearch",
    "watson": "tests.benchmarks.settings_watson",
}
FILTERS = [{"type": "strategy"}, {"phase": "primary"}, {"type": "strategy", "phase": "primary"}]
FILTERED_SHARE = 0.2


def progress(message):
    """A progress line on stderr, so stdout stays for results."""
    sys.stderr.write(f"[{time.strftime('%H:%M:%S')}] {message}\n")
    sys.stderr.flush()


def slugify_text(text, limit=100):
    """A slug without Django (the parent process never imports it)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].strip("-")


def build_queries(count, seed):
    """`count` varied queries, deterministic: every kind in turn, about a fifth with facet filters."""
    rng = random.Random(seed + 1)
    kinds = list(QUERY_POOLS)
    queries, seen = [], set()
    for number in range(count):
        kind = kinds[number % len(kinds)]
        for _attempt in range(30):
            text = rng.choice(QUERY_POOLS[kind])
            filters = dict(rng.choice(FILTERS)) if rng.random() < FILTERED_SHARE else {}
            key = (text, tuple(sorted(filters.items())))
            if key not in seen:
                break
        seen.add(key)
        queries.append({"q": text, "filters": filters, "kind": kind + (" + filter" if filters else "")})
    return queries


# ---------------------------------------------------------------------------------------------
# Data generation (child process, Django set up).
# ---------------------------------------------------------------------------------------------


def _choose_some(rng, items, low, high):
    """Between `low` and `high` distinct items, in random order."""
    return rng.sample(items, rng.randint(low, min(high, len(items))))


def strategy_fields(rng, theme, number):
    """Title, statements, why and how for one generated strategy on `theme`."""
    action, context = rng.choice(theme["actions"]), rng.choice(CONTEXTS)
    symptoms = _choose_some(rng, theme["symptoms"], 3, 3)
    need = rng.choice(theme["needs"])
    title = f"{action} {context}"
    teacher = f"{action} {context} so that a pupil who {symptoms[0]} can {rng.choice(OUTCOMES)}."
    if rng.random() < 0.5:
        teacher += f" Agree the details with {rng.choice(ADULTS)}."
    child = f"I {rng.choice(theme['child'])}, so that I {rng.choice(CHILD_OUTCOMES)}."
    why = (
        f"<p>A pupil with {need} often {symptoms[0]}. You may notice a child who {symptoms[1]} "
        f"or {symptoms[2]}, especially {rng.choice(CONTEXTS)}. "
        f"{rng.choice(ADULTS).capitalize()} may see the same pattern {rng.choice(CONTEXTS)} and at home. "
        + " ".join(_choose_some(rng, EVIDENCE, 3, 4))
        + "</p>"
    )
    steps = [
        f"Decide with {rng.choice(ADULTS)} when to {action[0].lower() + action[1:]} and who will do it.",
        *_choose_some(rng, theme["steps"], 2, 4),
        *_choose_some(rng, GENERIC_STEPS, 2, 3),
    ]
    how = "<ul>" + "".join(f"<li>{step}</li>" for step in steps) + "</ul>"
    return {
        "title": title[:200],
        "slug": f"{slugify_text(title)}-{number}",
        "teacher_statement": teacher,
        "child_statement": child,
        "why": why,
        "how": how,
    }


def resource_fields(rng, theme, number):
    """Title, kind, summary and provenance for one generated resource on `theme`."""
    kind = rng.choice(list(RESOURCE_TITLES))
    topic = rng.choice(theme["topics"])
    provider = rng.choice(PROVIDERS)
    title = RESOURCE_TITLES[kind].format(org=provider.split(" ", 1)[0], topic=topic)
    title = title[0].upper() + title[1:]
    audience = rng.choice(AUDIENCES)
    summary = (
        f"A practical {kind.replace('_', ' ')} on {topic} for {audience.lower()}. "
        f"Use it when a pupil {rng.choice(theme['symptoms'])} {rng.choice(CONTEXTS)}."
    )
    if rng.random() < 0.5:
        summary += f" It explains how to support {rng.choice(theme['needs'])} without singling the pupil out."
    return {
        "title": title[:200],
        "slug": f"{slugify_text(title)}-r{number}",
        "kind": kind,
        "summary": summary,
        "url": f"https://www.northbrook.example/send/resources/{number}",
        "provider": provider,
        "audience": audience,
    }


def create_options():
    """Levels of support and phases; returns ({slug: Level}, [Phase])."""
    from categories.models import Level, Phase

    levels = Level.objects.bulk_create(
        [Level(name=n, slug=s, order=i, is_costed=c) for i, (n, s, c, _w) in enumerate(LEVELS, 1)]
    )
    phases = Phase.objects.bulk_create([Phase(name=n, slug=s, order=i) for i, (n, s) in enumerate(PHASES, 1)])
    return {level.slug: level for level in levels}, phases


def create_category_tree():
    """A three-level tree: frameworks → areas → sub-areas. Returns (theme leaves, standards leaves)."""
    from categories.content import Status
    from categories.models import Category

    def make(name, parent, order):
        """One published category (not saved)."""
        return Category(
            name=name,
            slug=slugify_text(name),
            parent=parent,
            order=order,
            status=Status.PUBLISHED,
            summary=AREA_SUMMARIES.get(name, f"Strategies for {name.lower()}."),
        )

    roots = Category.objects.bulk_create([make(name, None, i) for i, (name, _) in enumerate(FRAMEWORKS, 1)])
    area_names = list(dict.fromkeys(theme["area"] for theme in THEMES))
    standards = FRAMEWORKS[1][1]
    middles = Category.objects.bulk_create(
        [make(name, roots[0], i) for i, name in enumerate(area_names, 1)]
        + [make(name, roots[1], i) for i, name in enumerate(standards, 1)]
    )
    by_name = {category.name: category for category in middles}
    leaves = Category.objects.bulk_create(
        [make(theme["name"], by_name[theme["area"]], i) for i, theme in enumerate(THEMES, 1)]
        + [make(leaf, by_name[parent], i) for parent, names in standards.items() for i, leaf in enumerate(names, 1)]
    )
    return leaves[: len(THEMES)], leaves[len(THEMES) :]


def create_tags():
    """Every tag the themes use, once (tags are case-insensitive here). Returns {lower name: Tag}."""
    from taggit.models import Tag

    names = list({name.lower(): name for theme in THEMES for name in theme["tags"]}.values())
    tags = Tag.objects.bulk_create([Tag(name=name, slug=slugify_text(name)) for name in names])
    return {tag.name.lower(): tag for tag in tags}


def generate_data(strategy_count, resource_count, seed):
    """Create the categories, strategies and resources in bulk; returns counts. Signals don't fire."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from taggit.models import TaggedItem

    from categories.content import Status
    from categories.models import Category, Strategy
    from resources.models import Resource, StrategyResource

    rng = random.Random(seed)
    now = timezone.now()
    with transaction.atomic():
        levels, phases = create_options()
        theme_leaves, standard_leaves = create_category_tree()
        tags = create_tags()
        level_slugs, level_weights = [s for _, s, _, _ in LEVELS], [w for *_, w in LEVELS]

        plans, strategies = [], []
        for number in range(strategy_count):
            theme_index = rng.randrange(len(THEMES))
            theme = THEMES[theme_index]
            status = Status.PUBLISHED if rng.random() < 0.95 else Status.DRAFT
            strategies.append(
                Strategy(
                    **strategy_fields(rng, theme, number),
                    level=levels[rng.choices(level_slugs, level_weights)[0]],
                    status=status,
                    published_at=now if status == Status.PUBLISHED else None,
                )
            )
            categories = [theme_leaves[theme_index]]
            if rng.random() < 0.35:
                categories.append(rng.choice(standard_leaves))
            plans.append(
                (theme_index, categories, _choose_some(rng, phases, 1, 3), _choose_some(rng, theme["tags"], 1, 3))
            )
        Strategy.objects.bulk_create(strategies, batch_size=1000)

        strategy_type = ContentType.objects.get_for_model(Strategy)
        category_links, phase_links, tag_links, by_theme = [], [], [], {}
        for strategy, (theme_index, categories, chosen_phases, tag_names) in zip(strategies, plans, strict=True):
            by_theme.setdefault(theme_index, []).append(strategy)
            category_links += [Strategy.categories.through(strategy=strategy, category=c) for c in categories]
            phase_links += [Strategy.phases.through(strategy=strategy, phase=p) for p in chosen_phases]
            tag_links += [
                TaggedItem(tag=tags[name.lower()], content_type=strategy_type, object_id=strategy.pk)
                for name in tag_names
            ]

        resource_type = ContentType.objects.get_for_model(Resource)
        resources, resource_plans = [], []
        for number in range(resource_count):
            theme_index = rng.randrange(len(THEMES))
            theme = THEMES[theme_index]
            resources.append(Resource(**resource_fields(rng, theme, number), status=Status.PUBLISHED, published_at=now))
            linked = _choose_some(rng, by_theme.get(theme_index, []), 0, 3)
            resource_plans.append((linked, _choose_some(rng, phases, 1, 3), _choose_some(rng, theme["tags"], 1, 2)))
        Resource.objects.bulk_create(resources, batch_size=1000)
        resource_links, resource_phase_links = [], []
        for resource, (linked, chosen_phases, tag_names) in zip(resources, resource_plans, strict=True):
            resource_links += [StrategyResource(strategy=s, resource=resource, order=i) for i, s in enumerate(linked)]
            resource_phase_links += [Resource.phases.through(resource=resource, phase=p) for p in chosen_phases]
            tag_links += [
                TaggedItem(tag=tags[name.lower()], content_type=resource_type, object_id=resource.pk)
                for name in tag_names
            ]

        Strategy.categories.through.objects.bulk_create(category_links, batch_size=2000)
        Strategy.phases.through.objects.bulk_create(phase_links, batch_size=2000)
        Resource.phases.through.objects.bulk_create(resource_phase_links, batch_size=2000)
        TaggedItem.objects.bulk_create(tag_links, batch_size=2000)
        StrategyResource.objects.bulk_create(resource_links, batch_size=2000)
    published = sum(1 for s in strategies if s.status == Status.PUBLISHED)
    return {
        "strategies": strategy_count,
        "published_strategies": published,
        "resources": resource_count,
        "categories": Category.objects.count(),
    }


# ---------------------------------------------------------------------------------------------
# Contenders and timing (child process, Django set up).
# ---------------------------------------------------------------------------------------------

NAIVE_STRATEGY_FIELDS = ["title", "teacher_statement", "child_statement", "why", "how"]
NAIVE_RESOURCE_FIELDS = ["title", "summary"]
NAIVE_TOKEN = re.compile(r'-?"[^"]*"|\S+')


def naive_terms(text):
    """Split a query the simple way: words and "quoted phrases" to include, -words to exclude."""
    include, exclude = [], []
    for token in NAIVE_TOKEN.findall(text):
        negative = token.startswith("-") and len(token) > 1
        value = (token[1:] if negative else token).strip('"').strip()
        if value:
            (exclude if negative else include).append(value)
    return include, exclude


def naive_search(query):
    """What a site without full-text search does: icontains OR-ed across fields, each word AND-ed.

    Evaluated like one results page: the first 20 of each model plus its count. Returns the count.
    """
    from functools import reduce
    from operator import or_

    from django.db.models import Q

    from categories.models import Strategy
    from resources.models import Resource

    def any_field(fields, value):
        """Q: `value` appears, case-insensitively, in any of `fields`."""
        return reduce(or_, [Q(**{f"{field}__icontains": value}) for field in fields])

    include, exclude = naive_terms(query["q"])
    filters = query["filters"]
    sources = []
    if filters.get("type") in (None, "strategy"):
        sources.append((Strategy.objects.published(), NAIVE_STRATEGY_FIELDS))
    if filters.get("type") in (None, "resource"):
        sources.append((Resource.objects.published(), NAIVE_RESOURCE_FIELDS))
    total = 0
    for queryset, fields in sources:
        for value in include:
            queryset = queryset.filter(any_field(fields, value))
        for value in exclude:
            queryset = queryset.exclude(any_field(fields, value))
        if "phase" in filters:
            queryset = queryset.filter(phases__slug=filters["phase"])
        list(queryset[:PAGE_SIZE])
        total += queryset.count()
    return total


def our_search(query):
    """The real search page's work: oap_directory.search.search(request). Returns the result count."""
    from django.test import RequestFactory

    from oap_directory import search
    from oap_directory.models import SiteSettings

    request = RequestFactory().get("/search/", {"q": query["q"], **query["filters"]})
    request.site = SiteSettings.current()  # as the middleware sets it for every request
    return search.search(request).count


def measure(contenders, queries, rounds):
    """{name: (each query's time in ms, each query's result count, seconds spent)} for each (name, run) in `contenders`: one
    untimed warm-up pass of each, then `rounds` timed passes of each in turn (each contender's round, then the
    next's), so that the machine's speed, which drifts from minute to minute, falls alike on all of them. A query's
    time is the median of its rounds."""
    seconds = dict.fromkeys(dict(contenders), 0.0)
    for name, run in contenders:
        start = time.perf_counter()
        for query in queries:
            run(query)
        seconds[name] += time.perf_counter() - start
    samples = {name: [[] for _ in queries] for name, _ in contenders}
    counts = {name: [] for name, _ in contenders}
    for round_number in range(rounds):
        for name, run in contenders:
            for index, query in enumerate(queries):
                start = time.perf_counter()
                count = run(query)
                samples[name][index].append((time.perf_counter() - start) * 1000)
                if round_number == 0:
                    counts[name].append(count)
            seconds[name] += sum(times[-1] for times in samples[name]) / 1000
    return {
        name: ([statistics.median(times) for times in samples[name]], counts[name], seconds[name])
        for name, _ in contenders
    }


def after_a_change(run, queries):
    """Each query's time (ms) as the first search after a content change: the version bumped before each (no
    content changes), so that everything a process keeps per content version (every document's facts, the category
    tree, filter options, synonyms, observations; on SQLite, what each word finds) is read again."""
    from oap_directory.page_cache import bump_content_version

    times = []
    for query in queries:
        bump_content_version()
        start = time.perf_counter()
        run(query)
        times.append((time.perf_counter() - start) * 1000)
    return times


def _short_paths(text):
    """cProfile output with the project and library path prefixes removed."""
    text = text.replace(str(ROOT) + "/", "")
    return re.sub(r"\S*/(site-packages|lib/python3\.\d+)/", "", text)


def breakdown(run, query, profile_lines=20):
    """Where one query's time goes: SQL time and statement count, the slowest statements, a cProfile summary."""
    from django.db import connection

    statements = []

    def timed(execute, sql, params, many, context):
        """Execute wrapper that records each statement's time."""
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            statements.append(((time.perf_counter() - start) * 1000, sql))

    start = time.perf_counter()
    with connection.execute_wrapper(timed):
        run(query)
    total = (time.perf_counter() - start) * 1000
    profiler = cProfile.Profile()
    profiler.enable()
    run(query)
    profiler.disable()
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(profile_lines)
    profile = "\n".join(line for line in stream.getvalue().splitlines() if line.strip())
    return {
        "query": query,
        "total_ms": total,
        "sql_ms": sum(ms for ms, _ in statements),
        "sql_count": len(statements),
        "slowest_sql": [(ms, sql[:400]) for ms, sql in sorted(statements, key=lambda item: -item[0])[:3]],
        "profile": _short_paths(profile),
    }


def settle_database():
    """Statistics, a clean GIN pending list and (PostgreSQL) the bulk load's pages written out, as on a database that
    has been live a while: no contender is timed while the server is still writing the data loaded for it."""
    from django.db import DatabaseError, connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        if connection.vendor == "postgresql":
            try:
                with transaction.atomic():
                    cursor.execute("CHECKPOINT")  # superusers only (and pg_checkpoint's members from PostgreSQL 15)
            except DatabaseError:
                progress("PostgreSQL: no CHECKPOINT (the user may not): timing while pages may still be written")


def database_version():
    """The server's own version string (PostgreSQL) or the SQLite library Python uses."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return sqlite3.sqlite_version
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        return cursor.fetchone()[0]


def our_top(query, filters, count=3):
    """Our search's first `count` results as "type:slug", as tests/search/test_relevance.py reads them."""
    from django.test import RequestFactory

    from oap_directory import search
    from oap_directory.models import SiteSettings

    request = RequestFactory().get("/search/", {"q": query, **filters})
    request.site = SiteSettings.current()
    results = search.search(request).results[:count]
    return [f"{result.type}:{result.url.rstrip('/').rsplit('/', 1)[1]}" for result in results]


def ours_for_relevance():
    """Our index rebuilt on the content now in the database; returns the relevance `top` function."""
    from oap_directory import search

    search.rebuild()
    return our_top


def library_for_relevance(name):
    """Library `name`'s index built on the content now in the database; returns the relevance `top` function."""
    from tests.benchmarks.contenders import LIBRARIES

    engine = LIBRARIES[name]()
    engine.rebuild()
    return lambda query, filters: engine.page({"q": query, "filters": filters}, 3)[0]


@contextlib.contextmanager
def timed_step(setup, step, message):
    """Print progress, run the block, record its seconds as `setup[step]`."""
    progress(message)
    start = time.perf_counter()
    yield
    setup[step] = time.perf_counter() - start


def build_our_index(data):
    """Rebuild our search index on the generated data; adds its size to `data`; returns our contenders."""
    from oap_directory import search
    from oap_directory.models import SearchDocument, SearchTerm

    search.rebuild()
    settle_database()
    data |= {"documents": SearchDocument.objects.count(), "vocabulary": SearchTerm.objects.count()}
    return [("ours", our_search), ("naive", naive_search)]


def build_library_index(name):
    """Build library `name`'s index on the generated data; returns it as the one contender."""
    from tests.benchmarks.contenders import LIBRARIES

    engine = LIBRARIES[name]()
    engine.rebuild()
    settle_database()
    return [(name, lambda query: engine.page(query, PAGE_SIZE)[1])]


def time_contenders(name, contenders, queries, rounds):
    """{contender: {"ms", "counts", "seconds", "breakdown"}} for the (name, run) pairs in `contenders`, timed side
    by side; ours also {"after_change_ms"}."""
    progress(
        f"{name}: timing {', '.join(c for c, _ in contenders)} ({len(queries)} queries, warm-up + {rounds} rounds)"
    )
    measured = measure(contenders, queries, rounds)
    results = {}
    for contender, run in contenders:
        times, counts, seconds = measured[contender]
        median_query = sorted(range(len(times)), key=times.__getitem__)[len(times) // 2]
        results[contender] = {
            "ms": times,
            "counts": counts,
            "seconds": seconds,
            "breakdown": breakdown(run, queries[median_query]),
        }
    if "ours" in results:
        progress(f"{name}: timing ours as the first search after a content change")
        results["ours"]["after_change_ms"] = after_a_change(dict(contenders)["ours"], queries)
    return results


def run_child(args):
    """Set up Django on DATABASE_URL, build the data and one contender's index, time it, print JSON.

    Without --library the contenders are our backend and naive icontains; with it, that library. With
    --relevance the relevance set is scored first, on the starter content, in a transaction rolled back
    before the benchmark data is generated."""
    sys.path[0] = str(ROOT)  # the project, not tests/benchmarks, comes first
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oap_directory.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from tests.benchmarks.contenders import starter_content_relevance

    settings.DEBUG = False  # DEBUG=1 is needed to load settings locally; don't log every SQL query
    name, library = args.child, args.library
    label = f"{name}/{library or 'ours'}"
    setup, relevance = {}, {}
    with timed_step(setup, "migrate", f"{label}: migrating"):
        call_command("migrate", verbosity=0, interactive=False)
    if args.relevance:
        with timed_step(setup, "relevance", f"{label}: scoring the relevance set on the starter content"):
            top_for = (lambda: library_for_relevance(library)) if library else ours_for_relevance
            relevance[library or "ours"] = starter_content_relevance(top_for)
    with timed_step(setup, "generate", f"{label}: generating {args.strategies} strategies, {args.resources} resources"):
        data = generate_data(args.strategies, args.resources, args.seed)
    with timed_step(setup, "index", f"{label}: building the search index"):
        contenders = build_library_index(library) if library else build_our_index(data)
    queries = build_queries(args.queries, args.seed)
    report_child_results(
        {
            "database": name,
            "version": database_version(),
            "vendor": connection.vendor,
            "data": data,
            "setup_seconds": setup,
            "queries": queries,
            "contenders": time_contenders(label, contenders, queries, args.rounds),
            "relevance": relevance,
        }
    )


def report_child_results(results):
    """The child's only output on stdout: one line of JSON for the parent."""
    sys.stdout.write(json.dumps(results) + "\n")
    sys.stdout.flush()


# ---------------------------------------------------------------------------------------------
# Parent process: scratch databases, children, report.
# ---------------------------------------------------------------------------------------------


def postgres_connection_details(url):
    """(connect keyword arguments for the maintenance database, scratch database name) from a URL."""
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if "bench" not in name:
        raise SystemExit(f"Refusing to drop and create {name!r}: the scratch database's name must contain 'bench'.")
    connect = {
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or 5432,
        "user": unquote(parts.username or "postgres"),
        "password": unquote(parts.password or ""),
        "dbname": "postgres",
        "autocommit": True,
    }
    return connect, name


def recreate_postgres_database(url, create=True):
    """Drop the scratch database (closing its connections) and, unless create is False, create it again."""
    import psycopg
    from psycopg import sql

    connect, name = postgres_connection_details(url)
    with psycopg.connect(**connect) as maintenance:
        maintenance.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if create:
            maintenance.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def run_child_process(database, url, args, library=None):
    """Run this script as a child on `database` at `url` (timing `library`, or ours and naive); return its JSON."""
    settings = LIBRARY_SETTINGS[library] if library else "oap_directory.settings"
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": settings}
    env["MEDIA_ROOT"] = args.media_root  # the starter content copies its files there
    command = [sys.executable, str(Path(__file__).resolve()), "--child", database]
    for option in ("strategies", "resources", "queries", "rounds", "seed"):
        command += [f"--{option}", str(getattr(args, option))]
    command += (["--library", library] if library else []) + ["--relevance" if args.relevance else "--no-relevance"]
    completed = subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, check=True)
    lines = [line for line in completed.stdout.splitlines() if line.strip()]
    return json.loads(lines[-1])


def git_commit():
    """The short commit hash, marked when the working tree has uncommitted changes."""

    def git(*arguments):
        """Output of a git command in the project, or empty."""
        return subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + (" (working tree has uncommitted changes)" if git("status", "--porcelain") else "")


def report(text, output):
    """Print the report and write it to `output`."""
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    print(text, end="")
    print(f"Written to {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}")


def library_versions():
    """{distribution: version} of the libraries compared; stops with a hint when one is not installed."""
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for distribution in ("modelsearch", "django-watson"):
        try:
            found[distribution] = version(distribution)
        except PackageNotFoundError:
            message = f"{distribution} is not installed: make bench installs requirements-bench.txt"
            raise SystemExit(message) from None
    return found


def run_on_postgres(args, library=None):
    """One child on a fresh PostgreSQL scratch database, dropped afterwards whatever happens."""
    progress(f"PostgreSQL: recreating the scratch database from {args.postgres_url}")
    recreate_postgres_database(args.postgres_url)
    try:
        return run_child_process("postgres", args.postgres_url, args, library)
    finally:
        recreate_postgres_database(args.postgres_url, create=False)
        progress("PostgreSQL: scratch database dropped")


def run_on_sqlite(args, library=None):
    """One child on a fresh SQLite database in a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="oap-bench-") as folder:
        return run_child_process("sqlite", f"sqlite:///{Path(folder) / 'bench.sqlite3'}", args, library)


def run_parent(args):
    """Every contender on both databases, each in its own child on a fresh database, then the report."""
    started = time.perf_counter()
    if not args.quick and args.output.resolve().is_relative_to(ROOT / "docs" / "performance"):
        if git_commit().endswith("uncommitted changes)"):
            raise SystemExit("A full run's report is evidence only from a clean tree: commit first (or --output).")
    args.library_versions = library_versions()
    children = []
    with tempfile.TemporaryDirectory(prefix="oap-bench-media-") as media:
        args.media_root = media
        # Each database's contenders one after another, so that the machine's speed changes little between them.
        for run_on in (run_on_postgres, run_on_sqlite):
            for library in (None, *LIBRARY_SETTINGS):
                children.append(run_on(args, library))
    text = format_report(children, args, time.perf_counter() - started, git_commit())
    report(text, args.output)


def parse_args(argv=None):
    """Command-line options; --quick picks small defaults and its own output file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="500 strategies, 100 resources, 30 queries, 1 round")
    parser.add_argument("--strategies", type=int, help="strategies to generate (default 10,000; 500 with --quick)")
    parser.add_argument("--resources", type=int, help="resources to generate (default: a fifth of the strategies)")
    parser.add_argument("--queries", type=int, help="queries to time (default 200; 30 with --quick)")
    parser.add_argument(
        "--rounds", type=int, help="timed rounds per query after the warm-up (default 3; 1 with --quick)"
    )
    parser.add_argument("--seed", type=int, default=SEED, help="seed for the data and the queries")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL, help="scratch database, dropped and created")
    parser.add_argument("--output", type=Path, help="report file (default docs/performance/search[-quick].txt)")
    parser.add_argument(
        "--relevance",
        action=argparse.BooleanOptionalAction,
        help="score each contender on the relevance set (default: on, off with --quick)",
    )
    parser.add_argument("--child", choices=["postgres", "sqlite"], help=argparse.SUPPRESS)
    parser.add_argument("--library", choices=list(LIBRARY_SETTINGS), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.strategies is None:
        args.strategies = 500 if args.quick else 10_000
    if args.resources is None:
        args.resources = args.strategies // 5
    if args.queries is None:
        args.queries = 30 if args.quick else 200
    if args.rounds is None:
        args.rounds = 1 if args.quick else 3
    if args.relevance is None:
        args.relevance = not args.quick
    if args.output is None:
        args.output = ROOT / "docs" / "performance" / ("search-quick.txt" if args.quick else "search.txt")
    return args


def main():
    """Entry point: the parent orchestrates; a child (--child) measures one database."""
    args = parse_args()
    if args.child:
        run_child(args)
    else:
        run_parent(args)


if __name__ == "__main__":
    main()
