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
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
