"""More of the words teachers type, written by going through each area of need and sub-area of the starter
content and listing the everyday words people use for what it describes, each pointing at the words the
guidance uses; and the acronyms a SENCO names that were missing (organisations, plans, frameworks).

Only adds terms that are not there yet: a council's own edits are never overwritten.
"""

from importlib import import_module

from django.db import migrations

VOCABULARY = {
    # Communication and interaction: speaking and listening
    "speech delay": "speech and language, language delay, early language",
    "language delay": "early language, speech and language, language difficulties",
    "mumbles": "unclear speech, speech sounds, speech and language",
    "pronounce": "speech sounds, mispronounces, speech and language",
    "poor listening": "listening, attention and listening, good listening",
    "doesn't listen": "listening, good listening, attention and listening",
    "limited vocabulary": "vocabulary, key words, word finding",
    # Communication and interaction: understanding language
    "ignores instructions": "instructions, understanding language, listening",
    "confused": "understanding, check understanding, processing",
    "literal": "literal language, idioms, jokes",
    # Communication and interaction: social communication
    "eye contact": "social communication, autism, social interaction",
    "obsessed": "special interest, interests, autism",
    "rigid": "routines, flexibility, changes, autism",
    "inflexible": "flexibility, routines, changes",
    "plays alone": "friendships, lunchtime club, social skills, playground",
    "repeats": "echolalia, repeating words, repeated",
    # Cognition and learning: reading
    "poor reader": "reading, phonics, catch-up, reading fluency",
    "weak reader": "reading, phonics, catch-up, reading fluency",
    "non reader": "phonics, decoding, reading, catch-up",
    "guesses words": "phonics, decoding, reading",
    "letters backwards": "reversal, letter formation, dyslexia",
    # Cognition and learning: writing
    "reluctant writer": "writing, sentence starters, talk before writing",
    "neat": "handwriting, presentation, letter formation",
    "copying": "copying from the board, handwriting, printed notes",
    # Cognition and learning: maths
    "adding up": "calculation, number, maths, number facts",
    "takeaway": "subtraction, calculation, number facts",
    "fingers": "counting, number facts, concrete",
    "place value": "maths, number, manipulatives",
    # Cognition and learning: memory, processing and general progress
    "remember": "working memory, memory, recall",
    "slow learner": "learning difficulties, MLD, catch-up, progress",
    "low ability": "progress, high expectations, catch-up, adaptive teaching",
    "low attainer": "progress, catch-up, gaps, high expectations",
    "behind": "progress, catch-up, gaps",
    "loses things": "equipment, organisation, checklist",
    "homework": "organisation, home and school, routines",
    # Social, emotional and mental health: emotional regulation
    "aggressive": "aggression, hurting others, risk reduction, dysregulation",
    "violent": "aggression, hurting others, risk, physical harm",
    "punch": "aggression, hurting others, physical harm",
    "spit": "behaviour, aggression, dysregulation",
    "rude": "behaviour, defiant, co-regulation",
    "overreacts": "dysregulation, emotion coaching, calm",
    "sulks": "emotions, emotion coaching, upset",
    "moody": "low mood, emotions, wellbeing",
    "controlling": "demand avoidance, anxiety, control",
    "oppositional": "demand avoidance, defiant, behaviour",
    "run away": "running out of class, running out of school, absconding",
    # Social, emotional and mental health: anxiety and wellbeing
    "school phobia": "EBSA, school avoidance, anxious about coming to school, attendance",
    "absent": "attendance, school avoidance, anxious about coming to school",
    "self esteem": "confidence, wellbeing, belonging",
    "low confidence": "confidence, self-esteem, wellbeing",
    "exams": "tests and exams, exam anxiety, access arrangements",
    # Social, emotional and mental health: attention and activity
    "attention seeking": "adult attention, key adult, connection",
    "needy": "key adult, connection, adult attention",
    "lazy": "motivation, attention, on task, fatigue",
    "unmotivated": "motivation, engagement, interests",
    "bored": "attention, engagement, motivation",
    "dreamy": "attention, distracted, focus",
    "chatty": "calling out, talk, attention",
    # Social, emotional and mental health: relationships and belonging
    "friendship problems": "friendships, belonging, social skills",
    "falls out": "friendships, arguments, social skills",
    "excluded": "suspensions, belonging, behaviour policy",
    # Sensory and physical: vision and hearing
    "short sighted": "vision, visual impairment, glasses",
    "blurry": "vision, visual impairment",
    "hard of hearing": "hearing impairment, hearing loss, deaf",
    "ear infections": "glue ear, hearing loss",
    # Sensory and physical: physical and motor
    "posture": "seating, OT, sloped writing board",
    "weak hands": "fine motor, hand strength, grip",
    "tired": "fatigue, tires quickly, rest breaks",
    "accidents": "toileting, continence, intimate care",
    "medical needs": "health, care plan, physical disability",
    # Sensory and physical: sensory processing
    "smells": "sensory, sensory overload, sensitive",
    "bright lights": "lighting, sensory overload, sensory",
    "sensory seeking": "sensory, movement, sensory circuit",
    "sensory avoiding": "sensory, sensitive, noise",
    "crashes": "sensory, movement, sensory circuit",
    # Whole school: plans, moves and people
    "pupil passport": "one page profile, profile",
    "referral": "specialist advice, educational psychologist, outreach",
    "annual review": "review, EHC plan",
    "new starter": "transitions, induction, extra visits, settled",
    "moving up": "transition, new class, transitions",
    "Tourette": "tics, Tourette syndrome",
    # Acronyms a SENCO names
    "PfA": "preparing for adulthood, adulthood, independent living",
    "AET": "autism education trust, autism training",
    "DLD": "developmental language disorder, language difficulties, speech and language, language disorder",
    "SLI": "specific language impairment, language difficulties, speech and language",
    "SENDIASS": "SEND information advice and support service, information advice and support, impartial advice",
    "IASS": "information advice and support service, information advice and support, impartial advice",
    "IPSEA": "independent provider of special education advice, legal advice",
    "NAS": "national autistic society, autism charity",
    "BDA": "british dyslexia association, dyslexia charity",
    "NDCS": "national deaf children's society, charity for deaf children",
    "RNIB": "royal national institute of blind people, sight loss",
    "EEF": "education endowment foundation, evidence",
    "NCETM": "national centre for excellence in the teaching of mathematics, maths teaching",
    "ToD": "teacher of the deaf, qualified teacher of the deaf, hearing impairment",
    "CPD": "continuing professional development, professional development, training",
    "INSET": "in service training, staff training, training",
    "DSL": "designated safeguarding lead, safeguarding",
    "PEP": "personal education plan, looked after children, virtual school",
    "TAC": "team around the child, professionals involved, multi-agency",
    "EHA": "early help assessment, early help",
    "EHCNA": "EHC needs assessment, statutory assessment, EHCP",
    "EPS": "educational psychology service, educational psychologist",
    "OCD": "obsessive compulsive disorder, anxiety, worries",
    "ODD": "oppositional defiant disorder, defiant, demand avoidance",
    "NELI": "nuffield early language intervention, early language programme, early language",
    "IBP": "individual behaviour plan, behaviour plan, risk reduction plan",
    "PSP": "pastoral support plan, behaviour plan",
    "OAP": "ordinarily available provision, quality first teaching, universal",
}


def add_vocabulary(apps, schema_editor):
    import_module("oap_directory.migrations.0016_search_domain_vocabulary").add_missing_synonyms(apps, VOCABULARY)


class Migration(migrations.Migration):
    dependencies = [("oap_directory", "0019_search_everyday_vocabulary")]

    operations = [migrations.RunPython(add_vocabulary, migrations.RunPython.noop)]
