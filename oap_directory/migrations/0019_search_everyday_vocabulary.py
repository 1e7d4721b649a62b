"""Everyday words for what a parent or teacher notices, area of need by area of need, as editable synonyms
pointing at the words the guidance uses; and the services and acronyms a SENCO names.

Only adds terms that are not there yet: a council's own edits are never overwritten.
"""

from importlib import import_module

from django.db import migrations

VOCABULARY = {
    # Communication and interaction
    "stammer": "stammering, fluency, speech and language",
    "stutter": "stammering, fluency, speech and language",
    "lisp": "speech sounds, speech and language",
    "unclear speech": "speech sounds, speech and language",
    "late talker": "language delay, early language, speech and language",
    "non verbal": "nonverbal, alternative communication, communication aid",
    "Makaton": "signing, signs and symbols, communication",
    "echolalia": "autism, repeating words, language",
    "doesn't understand": "understanding language, instructions, processing",
    "special interest": "autism, interests, motivation",
    "routine": "routines, predictable, visual timetable, changes",
    # Cognition and learning
    "mix up": "reversal, letter formation, dyslexia, phonics",
    "back to front": "reversal, letter formation, dyslexia",
    "slow reader": "reading fluency, reading, dyslexia",
    "struggling reader": "reading, phonics, catch-up",
    "times tables": "number facts, maths, multiplication",
    "number bonds": "number facts, maths",
    "counting": "number, maths, concrete",
    "falls behind": "progress, catch-up, gaps",
    "forgets": "working memory, memory",
    # Social, emotional and mental health
    "sad": "low mood, wellbeing, emotions, worries",
    "unhappy": "low mood, wellbeing, emotions",
    "low mood": "wellbeing, mental health, anxious",
    "depressed": "low mood, mental health, wellbeing",
    "self harm": "mental health, wellbeing, safeguarding",
    "angry": "anger, dysregulation, emotion coaching, calm",
    "fights": "aggression, hurting others, conflict",
    "explodes": "meltdown, dysregulation, anger",
    "worried": "anxious, worries, anxiety",
    "worrier": "anxious, worries, anxiety",
    "nervous": "anxious, anxiety, worries",
    "panic": "anxiety, anxious, calm",
    "scared": "anxious, fear, worries",
    "stressed": "anxiety, stress, wellbeing",
    "withdrawn": "isolated, quiet, wellbeing",
    "left out": "belonging, friendships, isolated",
    "bullying": "friendships, belonging, relationships",
    "bereavement": "grief, loss, wellbeing",
    "attachment": "trauma, key adult, relationships",
    "CAMHS": "child and adolescent mental health services, mental health, mental health support",
    "MHST": "mental health support team, mental health support",
    # Attention and activity
    "fidgety": "fidget, movement, restless, attention",
    "hyper": "hyperactivity, movement, ADHD",
    "hyperactive": "hyperactivity, movement, ADHD",
    "impulsive": "impulsivity, calling out, ADHD",
    "distracted": "attention, distractions, focus",
    "off task": "on task, attention, focus",
    "unfocused": "attention, focus, concentration",
    "interrupts": "calling out, impulsivity, turn taking",
    # Sensory and physical
    "eyesight": "vision, visual impairment, VI",
    "sight": "vision, visual impairment",
    "glasses": "vision, visual impairment",
    "partially sighted": "visual impairment, vision, VI",
    "ears": "hearing, hearing loss, HI",
    "hearing aid": "hearing aids, radio aid, hearing loss",
    "glue ear": "hearing loss, hearing, HI",
    "cochlear implant": "hearing loss, deaf, radio aid",
    "wheelchair": "physical disability, access, mobility",
    "mobility": "physical disability, access, movement",
    "grip": "pencil grip, fine motor",
    "scissors": "fine motor, adapted tools",
    "balance": "gross motor, coordination, PE",
    "falls over": "coordination, gross motor, dyspraxia",
    "loud": "noise, sensory, sound",
    "covers ears": "noise, sensory, ear defenders",
    "flapping": "sensory, stimming, movement, autism",
    "spinning": "sensory, movement, self-regulation",
    "mouths": "chewing, sensory, oral",
    # Whole school: services and roles a SENCO names
    "LA": "local authority, council",
    "EWO": "education welfare, attendance",
    "SLT": "senior leadership team, leadership, speech and language therapy",
    "NQT": "early career teacher, ECT, new teacher",
    "ECT": "early career teacher, new teacher",
}


def add_vocabulary(apps, schema_editor):
    import_module("oap_directory.migrations.0016_search_domain_vocabulary").add_missing_synonyms(apps, VOCABULARY)


class Migration(migrations.Migration):
    dependencies = [("oap_directory", "0018_standard_category_identities")]

    operations = [migrations.RunPython(add_vocabulary, migrations.RunPython.noop)]
