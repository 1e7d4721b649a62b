"""Small Word documents built by the tests themselves (python-docx)."""

import copy
import io

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from PIL import Image


def add_link(paragraph, url, text):
    relationship = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), relationship)
    run, words = OxmlElement("w:r"), OxmlElement("w:t")
    words.text = text
    run.append(words)
    hyperlink.append(run)
    paragraph._p.append(hyperlink)


def _ensure_second_level(document, num_id):
    """python-docx's template defines only the first level of each list; add the second."""
    numbering = document.part.numbering_part.element
    abstract_id = next(num.abstractNumId.val for num in numbering.num_lst if num.numId == num_id)
    abstract = next(
        a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == str(abstract_id)
    )
    levels = abstract.findall(qn("w:lvl"))
    if len(levels) == 1:
        second = copy.deepcopy(levels[0])
        second.set(qn("w:ilvl"), "1")
        abstract.append(second)


def add_bullet(document, text, level=0):
    """A bullet point at `level` (0 = top, 1 = nested), with its list numbering set explicitly."""
    paragraph = document.add_paragraph(text, style="List Bullet")
    num_id = document.styles["List Bullet"].element.pPr.numPr.numId.val
    _ensure_second_level(document, num_id)
    numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numbering.get_or_add_ilvl().val = level
    numbering.get_or_add_numId().val = num_id
    return paragraph


def saved(document):
    """The document's bytes, without the ~160 unused styles of python-docx's template (they only slow reading)."""
    styles = document.styles.element
    used = {
        node.get(qn("w:val")) for node in document.element.body.iter(qn("w:pStyle"), qn("w:tblStyle"), qn("w:rStyle"))
    }
    by_id = {style.get(qn("w:styleId")): style for style in styles.findall(qn("w:style"))}
    keep, pending = set(), [*used, *(i for i, s in by_id.items() if s.get(qn("w:default")) == "1")]
    while pending:
        style_id = pending.pop()
        if style_id in keep or style_id not in by_id:
            continue
        keep.add(style_id)
        pending.extend(node.get(qn("w:val")) for node in by_id[style_id].iter(qn("w:basedOn"), qn("w:link")))
    for style_id, style in by_id.items():
        if style_id not in keep:
            styles.remove(style)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def tiny_png():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(buffer, format="PNG")
    buffer.seek(0)
    return buffer


def oap_document():
    """A realistic little OAP document: headings, nested lists, a table, a link, an image, hostile text."""
    document = docx.Document()
    document.add_heading("Cognition and learning", level=1)
    document.add_heading("Spelling and handwriting", level=2)
    add_bullet(document, "Teach spellings in small sets with a short daily review.")
    add_bullet(document, "Start with three words the pupil nearly knows", level=1)
    add_bullet(document, "Mix in one word already learnt", level=1)
    add_bullet(document, "Offer a pencil grip to pupils who press very hard.")
    add_bullet(document, 'Never run <script>alert("x")</script> in lessons, obviously.')
    document.add_paragraph("I keep a word bank on my desk, so that I can spell topic words myself.")
    document.add_paragraph("This section was agreed with local SENCOs in spring.")
    see = document.add_paragraph("See ")
    add_link(see, "https://www.northbrook.example/spelling-guide", "the Northbrook spelling guide")
    document.add_picture(tiny_png())
    document.add_heading("Memory", level=2)
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text = "What adults do"
    table.rows[0].cells[1].text = "In my words"
    table.rows[1].cells[0].text = "Give one instruction at a time and check it was heard."
    table.rows[1].cells[1].text = "I get one step at a time, so that I remember what to do."
    return saved(document)


def add_table(document, rows):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            if isinstance(value, tuple):  # (text, url): a cell holding a link
                add_link(cell.paragraphs[0], value[1], value[0])
            else:
                cell.text = value
    return table


def add_link_bullet(document, text, url, before=""):
    paragraph = add_bullet(document, before)
    add_link(paragraph, url, text)
    return paragraph


# The realistic council document: 4 areas, 40 strategies, in bullets and in tables of two to four columns,
# five ways of writing the voice of the child, links and sub-bullets. Original wording for this project.
COUNCIL_STRATEGIES = {
    "bullets": [
        "Use the pupil’s name before giving an instruction to the whole class.",
        "Give processing time of at least ten seconds after asking a question.",
        "Show new vocabulary with a picture and act it out before using it in the lesson.",
        "Model the sentence you want to hear, then invite the pupil to use it.",
        "Read new texts with the pupil before the lesson so that the words are familiar.",
        "Use a reading ruler or coloured overlay where the pupil finds it helps.",
        "Break longer texts into short chunks with a question after each one.",
        "Greet every pupil at the door with a calm, friendly word.",
        "Agree a quiet signal the pupil can use when they need a break.",
        "Teach the class a simple breathing routine and practise it when everyone is calm.",
        "Name the feeling you notice, without judging it, before helping the pupil solve the problem.",
        "Offer a choice of two jobs when a pupil is becoming unsettled.",
        "Keep a predictable routine and warn the pupil before any change to it.",
        "Seat the pupil where they can see the teacher’s face and the board clearly.",
        "Reduce background noise by closing doors and using soft furnishings where possible.",
        "Allow movement breaks between tasks for pupils who find sitting still hard.",
        "Check hearing aids and radio aids are working at the start of each day.",
        "Face the class when speaking and avoid talking while writing on the board.",
    ],
    "child": [
        "I find busy rooms hard, so I need a quiet place to go when it gets too loud.",
        "I need you to tell me what is going to happen next.",
        "I would like a job to do when I come into the classroom.",
        "It helps me when you write the steps on a card on my desk.",
        "I like to move around, so that I can concentrate when I sit back down.",
    ],
}
TABLES = {
    "speaking": [
        ["Strategy", "What it looks like", "Why it helps"],
        [
            "Talk partners",
            "Pairs are changed every half term and given a sentence starter.",
            "Pupils rehearse ideas before sharing them.",
        ],
        [
            "Thinking time",
            "The teacher pauses and counts silently before taking answers.",
            "Slower processors have time to form a reply.",
        ],
        [
            "Small-group talk tasks",
            "Groups of three each have a named role card.",
            "Roles give quieter pupils a reason to speak.",
        ],
        [
            "Sentence stems on the table",
            "Laminated stems such as “I think … because …” sit on each table.",
            "Pupils can start an answer without a blank page.",
        ],
    ],
    "whole_class_cl": [
        ["Provision", "How"],
        ["Visual timetables", "Display the day in pictures and move an arrow as each part ends."],
        ["Worked examples", "Show a completed example beside each new task."],
        ["Pre-teaching", "Introduce key words to a small group the day before."],
        ["Task boards", "Break each task into numbered steps on a board the pupil can tick."],
        ["Memory aids", "Keep word mats, number squares and spelling cards within reach."],
        ["Chunked instructions", "Give one or two steps at a time and check before adding more."],
    ],
    "maths": [
        ["Strategy", "How to do it", "Level", "Resources"],
        [
            "Use concrete apparatus before pictures and symbols",
            "Start with counters, then drawings, then digits.",
            "Universal",
            ("Counting with objects", "https://maths.example.org/concrete"),
        ],
        ["Number lines on every desk", "Tape a number line to the desk for the whole year.", "Universal", ""],
        [
            "Daily five-minute fluency practice",
            "Short, frequent recall of number bonds with instant feedback.",
            "SEN Support",
            "",
        ],
        [
            "Precision teaching for number facts",
            "One-minute timed probes, charted daily.",
            "SEN Support",
            ("Precision teaching guide", "https://maths.example.org/precision"),
        ],
    ],
    "hearing": [
        ["Strategy", "Pupil voice"],
        [
            "Use subtitles on all videos shown in class",
            "I can follow the video when the words are on the screen, so that I learn the same as everyone.",
        ],
        ["Repeat questions from other pupils before answering them", "I miss what people behind me say."],
        ["Check understanding privately", "It helps me if you ask me quietly whether I heard the homework."],
    ],
}


def council_document():
    """A council's OAP as a SEND team writes it: headings that differ from ours, repeated sub-headings, tables."""
    b, c = COUNCIL_STRATEGIES["bullets"], COUNCIL_STRATEGIES["child"]
    document = docx.Document()
    document.add_heading("Riverside ordinarily available provision", level=0)
    document.add_paragraph("This guide sets out what every setting in Riverside provides for pupils with SEND.")
    document.add_heading("Communication and interaction", level=1)
    document.add_heading("What every classroom should do", level=2)
    for text in b[0:3]:
        add_bullet(document, text)
    add_bullet(document, "Plan for talk in every lesson", level=1)
    add_bullet(document, "Display key words with pictures", level=1)
    add_bullet(document, b[3])
    add_link_bullet(document, "Talk-rich classrooms guide", "https://talk.example.org/guide")
    document.add_heading("Speaking and listening", level=2)
    add_table(document, TABLES["speaking"])
    document.add_heading("Cognition and learning", level=1)
    document.add_heading("What every classroom should do", level=2)
    add_table(document, TABLES["whole_class_cl"])
    document.add_heading("Reading", level=2)
    for text in b[4:7]:
        add_bullet(document, text)
    add_bullet(document, c[3])
    document.add_heading("Maths", level=2)
    add_table(document, TABLES["maths"])
    document.add_heading("Social, emotional and mental health (SEMH)", level=1)
    document.add_heading("What every classroom should do", level=2)
    for text in b[7:10]:
        add_bullet(document, text)
    add_bullet(document, c[0])
    add_bullet(document, c[1])
    document.add_heading("Emotional regulation", level=2)
    for text in b[10:13]:
        add_bullet(document, text)
    document.add_paragraph(c[2])
    see = document.add_paragraph("Further reading: ")
    add_link(see, "https://calm.example.org/zones", "Feelings check-in cards")
    document.add_heading("Sensory and/or physical needs", level=1)
    document.add_heading("What every classroom should do", level=2)
    for text in b[13:16]:
        add_bullet(document, text)
    add_bullet(document, c[4])
    document.add_heading("Hearing", level=2)
    for text in b[16:18]:
        add_bullet(document, text)
    add_table(document, TABLES["hearing"])
    return saved(document)


def council_titles():
    """Every strategy the council document holds, by the sentence or name it starts from (40)."""
    tables = [row[0] for table in TABLES.values() for row in table[1:]]
    return COUNCIL_STRATEGIES["bullets"] + COUNCIL_STRATEGIES["child"] + tables
