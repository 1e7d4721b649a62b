"""Council logos: PNG or JPEG checked by content, or SVG cleaned of anything that could run."""

import codecs
import re
import xml.etree.ElementTree as ElementTree
from pathlib import PurePath

from django.core.exceptions import ValidationError

MAX_LOGO_BYTES = 512 * 1024
SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
DANGEROUS_ELEMENTS = {
    *["script", "style", "foreignObject", "iframe", "embed", "object"],
    *["animate", "set", "handler", "listener"],
}
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
SIGNATURES = {".png": b"\x89PNG\r\n\x1a\n", ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff"}


def _local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _as_text(data):
    """The file as text, UTF-8 or UTF-16 (as XML allows), so that the checks below see every character."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16")
    elif data.startswith((b"<\x00", b"\x00<")):
        text = data.decode("utf-16-le" if data.startswith(b"<") else "utf-16-be")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValueError("save it as UTF-8.") from None
    if "\x00" in text:
        raise ValueError("save it as UTF-8.")
    return XML_DECLARATION.sub("", text, count=1)  # its encoding no longer applies: this is text now


def clean_svg(data):
    """The SVG without scripts, styles, event handlers, external links or embedded documents.

    Raises ValueError if unusable. The result is UTF-8 whatever the upload's encoding.
    """
    text = _as_text(data)
    if "<!DOCTYPE" in text.upper() or "<!ENTITY" in text.upper():
        raise ValueError("SVG files with a DOCTYPE or entities are not accepted.")
    ElementTree.register_namespace("", SVG[1:-1])
    ElementTree.register_namespace("xlink", XLINK_HREF[1:].split("}")[0])
    root = ElementTree.fromstring(text)
    if _local(root.tag) != "svg":
        raise ValueError("This is not an SVG image.")
    for parent in list(root.iter()):
        for child in list(parent):
            if _local(child.tag) in DANGEROUS_ELEMENTS:
                parent.remove(child)
    for element in root.iter():
        for name in list(element.attrib):
            value = element.attrib[name].strip().lower()
            local = _local(name)
            if local == "style" or local.startswith("on") or "javascript:" in value or "\\" in value:
                del element.attrib[name]
            elif "url(" in value and "url(#" not in value:
                del element.attrib[name]
            elif local == "href" and not value.startswith("#"):
                del element.attrib[name]
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def validate_logo(upload):
    extension = PurePath(upload.name).suffix.lower()
    if upload.size > MAX_LOGO_BYTES:
        raise ValidationError("The logo is too big: keep it under 512 KB.")
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if extension == ".svg":
        try:
            clean_svg(data)
        except (ValueError, ElementTree.ParseError) as error:
            raise ValidationError(f"This SVG can’t be used: {error}") from None
    elif extension in SIGNATURES:
        if not data.startswith(SIGNATURES[extension]):
            raise ValidationError(f"The file’s contents don’t match its “{extension}” name.")
    else:
        raise ValidationError("Upload the logo as PNG, JPEG or SVG.")
