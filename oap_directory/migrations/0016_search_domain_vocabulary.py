"""The words teachers and SENCOs use, as editable synonyms: acronyms, conditions, roles,
key stages and year groups (which name a phase, so searching "KS2" or "year 4" means Primary).

Only adds terms that are not there yet: a council's own edits are never overwritten.
"""

from django.db import migrations

VOCABULARY = {
    "ELSA": "emotional literacy support, emotional literacy support assistant, emotional literacy",
    "EHC plan": "EHCP, education health and care plan",
    "EHC needs assessment": "statutory assessment, EHCP",
    "SEN": "special educational needs",
    "SEND": "special educational needs and disabilities, special educational needs",
    "SEN support": "graduated approach, assess plan do review",
    "DCD": "developmental coordination disorder, dyspraxia, coordination difficulties",
    "dyspraxia": "DCD, developmental coordination disorder, coordination difficulties",
    "dyscalculia": "SpLD, specific learning difficulty, maths difficulty",
    "PDA": "pathological demand avoidance, demand avoidance, extreme demand avoidance",
    "selective mutism": "situational mutism, anxiety about speaking",
    "mutism": "selective mutism, situational mutism",
    "toileting": "continence, intimate care, personal care, toilet",
    "continence": "toileting, intimate care, incontinence",
    "intimate care": "toileting, continence, personal care",
    "CYP": "children and young people",
    "school avoidance": "EBSA, emotionally based school avoidance, attendance, anxious about coming to school",
    "LSA": "learning support assistant, teaching assistant",
    "HLTA": "higher level teaching assistant, teaching assistant",
    "EP": "educational psychologist, educational psychology",
    "LAC": "looked after children, children looked after, care experienced",
    "CLA": "children looked after, looked after children, care experienced",
    "ACEs": "adverse childhood experiences, trauma",
    "PECS": "picture exchange communication system, picture exchange",
    "AAC": "augmentative and alternative communication, communication aid",
    "IEP": "individual education plan, SEN support plan, one page profile, pupil passport",
    "GDD": "global developmental delay",
    "MLD": "moderate learning difficulties",
    "SLD": "severe learning difficulties",
    "PMLD": "profound and multiple learning difficulties",
    "SPD": "sensory processing difficulties, sensory processing",
    "BSL": "British Sign Language, sign language",
    "QTVI": "qualified teacher of the visually impaired, visual impairment",
    "QToD": "qualified teacher of the deaf, hearing impairment",
    "ADD": "attention deficit disorder, ADHD, attention",
    # What teachers notice, in their words, and what the content calls it.
    "squint": "vision, visual impairment, see the board",
    "tearful": "upset, anxious, worries, distress",
    "clingy": "separation, anxious, key adult",
    "lash out": "aggression, hurting others, anger, dysregulation",
    "hit": "aggression, hurting others, physical harm",
    "kick": "aggression, hurting others",
    "bite": "aggression, hurting others, sensory",
    "blurt": "calling out, impulsive, impulsivity",
    "call out": "calling out, impulsive, impulsivity",
    "zone out": "attention, distracted, focus, concentration",
    "daydream": "attention, distracted, focus, concentration",
    "switch off": "attention, distracted, focus",
    "bolt": "running out of school, running out of class, absconding",
    "run off": "running out of school, running out of class, absconding",
    "abscond": "running out of school, running out of class",
    "cry": "crying, upset, tearful, distress, anxious",
    "scream": "distress, meltdown, dysregulation, sensory overload",
    "shout": "shouting, anger, dysregulation, calling out",
    "swear": "behaviour, anger, dysregulation",
    "throw": "throwing things, meltdown, dysregulation",
    "hide": "hiding, anxious, overwhelm, withdrawn",
    "drop off": "arrival, separation, start of the day, coming to school",
    "scribble": "handwriting, fine motor, pencil grip",
    "clumsy": "coordination, motor skills, dyspraxia, bumps into",
    "reversal": "dyslexia, letter formation, phonics",
    "sums": "maths, number, calculation",
    "lonely": "friendships, isolated, belonging, social skills",
    "no friends": "friendships, isolated, belonging, social skills",
    "silent": "selective mutism, speaking, talk, anxiety about speaking",
    "mute": "selective mutism, speaking",
    "wet": "toileting, continence, accidents",
    "soil": "toileting, continence, accidents",
    "tantrum": "meltdown, dysregulation, distress, crisis",
    "kick off": "meltdown, dysregulation, distress, crisis",
    "shut down": "shutdown, overwhelm, withdrawn",
    "overwhelmed": "overload, overwhelm, sensory overload, calm space",
    "refuse": "avoidance, refusal, demand avoidance",
    "defiant": "demand avoidance, behaviour, co-regulation",
    "restless": "movement, fidget, attention, hyperactivity",
    "forgetful": "working memory, memory, forgets",
    "slow": "processing time, processing speed",
    "school refuser": "EBSA, attendance, school avoidance, anxious about coming to school",
    "stim": "sensory, self-regulation, autism, movement",
    "rock": "movement, sensory, self-regulation",
    "chew": "sensory, oral, chewy",
    "noisy": "noise, sensory, sound",
    "lost": "navigation, moving between lessons, finding the way",
    "messy": "handwriting, presentation, organisation",
    "disorganised": "organisation, executive function, equipment, checklist",
    "shy": "confidence, anxiety about speaking, speaking",
    "bullied": "friendships, belonging, wellbeing",
    "deaf": "hearing impairment, hearing loss, HI",
    "blind": "visual impairment, vision, VI",
    # Key stages and year groups name a phase: a search for them shows that phase's items first.
    "EYFS": "early years foundation stage, early years",
    "reception": "early years, EYFS",
    "KS1": "key stage 1, primary",
    "KS2": "key stage 2, primary",
    "KS3": "key stage 3, secondary",
    "KS4": "key stage 4, GCSE, secondary",
    "KS5": "key stage 5, sixth form, post-16",
    "key stage 1": "KS1, primary",
    "key stage 2": "KS2, primary",
    "key stage 3": "KS3, secondary",
    "key stage 4": "KS4, secondary",
    "key stage 5": "KS5, post-16",
    "sixth form": "post-16, KS5",
    **{f"year {n}": "primary, " + ("KS1" if n < 3 else "KS2") for n in range(1, 7)},
    **{f"Y{n}": "primary, " + ("KS1" if n < 3 else "KS2") for n in range(1, 7)},
    **{f"year {n}": "secondary, " + ("KS3" if n < 10 else "KS4") for n in range(7, 12)},
    **{f"Y{n}": "secondary, " + ("KS3" if n < 10 else "KS4") for n in range(7, 12)},
    **{f"year {n}": "post-16, sixth form, KS5" for n in (12, 13)},
    **{f"Y{n}": "post-16, sixth form, KS5" for n in (12, 13)},
}


def add_missing_synonyms(apps, vocabulary):
    """Add each {term: "alternative, alternative"} whose term is not there yet (later vocabularies use it too)."""
    Synonym = apps.get_model("oap_directory", "Synonym")
    existing = {term.lower() for term in Synonym.objects.values_list("term", flat=True)}
    Synonym.objects.bulk_create(
        [Synonym(term=term, synonyms=synonyms) for term, synonyms in vocabulary.items() if term.lower() not in existing]
    )


def add_vocabulary(apps, schema_editor):
    add_missing_synonyms(apps, VOCABULARY)


class Migration(migrations.Migration):
    dependencies = [("oap_directory", "0015_searchlog_searched_for")]

    operations = [migrations.RunPython(add_vocabulary, migrations.RunPython.noop)]
