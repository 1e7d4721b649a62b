"""Content packs: a council's whole content as a zip of documented JSON plus files, to share with others.

The format is described by docs/content-pack.schema.json. Items keep their uuids, so importing a
pack again updates what it created rather than duplicating it (see pack_import.py for how an import
decides what to write).
"""

import io
import json
import re
import zipfile
from pathlib import Path, PurePosixPath

import jsonschema
from django.conf import settings
from django.utils import timezone

from categories.models import Category, Level, Phase, Strategy
from categories.tree import CategoryTree
from oap_directory import pack_finder, pack_frameworks
from oap_directory.models import SiteSettings, Synonym
from resources.models import Intervention, Resource, StaffRole
from resources.storage import resource_file_storage

FORMAT, VERSION = "oap-content-pack", 1
SCHEMA = json.loads((Path(settings.BASE_DIR) / "docs" / "content-pack.schema.json").read_text())
MAX_MEMBERS = 5000
MAX_TOTAL_BYTES = 500 * 1024 * 1024
MAX_RATIO = 200  # a member that expands more than this is treated as a zip bomb
MEDIA_IMAGE = re.compile(r'src="/media/(editor-images/[^"]+)"')
FILE_FOLDERS = ("resources/", "editor-images/")
LOCAL_SERVICE = ["is_local_service", "provider_name", "provider_website", "contact_name", "contact_email"]
VOCABULARY = [
    "strategy_label_singular",
    "strategy_label_plural",
    "category_label_singular",
    "category_label_plural",
    "show_child_voice",
]


class PackError(Exception):
    """The pack can't be used; the message says why in plain words."""


def _date(value):
    return value.isoformat() if value else None


def _uuids(queryset):
    return [str(item.uuid) for item in queryset]


def _category(category):
    return {
        "uuid": str(category.uuid), "slug": category.slug, "name": category.name,
        "parent": str(category.parent.uuid) if category.parent_id else None, "order": category.order,
        "summary": category.summary, "introduction": category.introduction, "colour": category.colour,
        "icon": category.icon, "status": category.status, "review_by": _date(category.review_by),
    }  # fmt: skip


def _resource(resource):
    return {
        "uuid": str(resource.uuid), "slug": resource.slug, "title": resource.title, "kind": resource.kind,
        "summary": resource.summary, "url": resource.url, "file": f"files/{resource.file.name}" if resource.file else None,
        "provider": resource.provider, "audience": resource.audience,
        "phases": [p.name for p in resource.phases.all()], "tags": sorted(resource.tags.names()),
        "status": resource.status, "review_by": _date(resource.review_by),
    }  # fmt: skip


def _staff_role(role):
    return {
        "name": role.name, "slug": role.slug, "hourly_rate": f"{role.hourly_rate:.2f}",
        "on_cost_percent": f"{role.on_cost_percent:.2f}", "valid_from": _date(role.valid_from),
        "valid_to": _date(role.valid_to),
    }  # fmt: skip


def _costing(intervention):
    """Its costing inputs, the staff role by slug (only when it has some: packs without costing are unchanged)."""
    if intervention.staff_role_id is None:
        return {}
    weeks = intervention.weeks
    return {"costing": {
        "staff_role": intervention.staff_role.slug, "pupils_per_group": intervention.pupils_per_group,
        "minutes_per_session": intervention.minutes_per_session,
        "sessions_per_week": _decimal(intervention.sessions_per_week), "weeks": _decimal(weeks) if weeks is not None else None,
        "resource_cost_per_pupil": f"{intervention.resource_cost_per_pupil:.2f}",
    }}  # fmt: skip


def _decimal(value):
    return format(value.normalize(), "f") if value is not None else None


def _intervention(intervention):
    cost = intervention.cost_per_pupil_per_year
    return _costing(intervention) | {
        "uuid": str(intervention.uuid), "slug": intervention.slug, "name": intervention.name,
        "summary": intervention.summary, "description": intervention.description,
        "who_delivers": intervention.who_delivers, "group_size": intervention.group_size,
        "frequency": intervention.frequency, "duration": intervention.duration,
        "cost_per_pupil_per_year": f"{cost:.2f}" if cost is not None else None, "cost_notes": intervention.cost_notes,
        "evidence_strength": intervention.evidence_strength, "evidence_source_url": intervention.evidence_source_url,
        "level": intervention.level.name, "phases": [p.name for p in intervention.phases.all()],
        "categories": sorted(_uuids(intervention.categories.all())), "resources": sorted(_uuids(intervention.resources.all())),
        "tags": sorted(intervention.tags.names()), "status": intervention.status, "review_by": _date(intervention.review_by),
        **{name: getattr(intervention, name) for name in LOCAL_SERVICE},
    }  # fmt: skip


def _strategy(strategy):
    return {
        "uuid": str(strategy.uuid), "slug": strategy.slug, "title": strategy.title,
        "teacher_statement": strategy.teacher_statement, "child_statement": strategy.child_statement,
        "why": strategy.why, "how": strategy.how, "level": strategy.level.name if strategy.level_id else None,
        "phases": [p.name for p in strategy.phases.all()], "categories": sorted(_uuids(strategy.categories.all())),
        "tags": sorted(strategy.tags.names()),
        "resources": [str(link.resource.uuid) for link in strategy.resource_links.select_related("resource")],
        "interventions": [str(link.intervention.uuid) for link in strategy.intervention_links.select_related("intervention")],
        "status": strategy.status, "review_by": _date(strategy.review_by),
    }  # fmt: skip


def _tree_order(categories):
    tree = CategoryTree(categories)
    ordered, stack = [], list(reversed(tree.children(None)))
    while stack:
        node = stack.pop()
        ordered.append(node)
        stack.extend(reversed(tree.children(node)))
    return ordered


def build_content():
    """The pack's content.json as a dict, in a stable order: the directory, the needs finder's content and the
    self-evaluation frameworks."""
    site = SiteSettings.load()
    return {
        "format": FORMAT,
        "version": VERSION,
        "source": site.council_name,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "vocabulary": {name: getattr(site, name) for name in VOCABULARY},
        "levels": [
            {"name": lv.name, "slug": lv.slug, "description": lv.description, "order": lv.order, "is_costed": lv.is_costed, "is_active": lv.is_active}
            for lv in Level.objects.order_by("order", "name")
        ],  # fmt: skip
        "phases": [
            {"name": p.name, "slug": p.slug, "order": p.order, "is_active": p.is_active}
            for p in Phase.objects.order_by("order", "name")
        ],
        "synonyms": [{"term": s.term, "synonyms": s.synonyms} for s in Synonym.objects.order_by("term")],
        "staff_roles": [_staff_role(role) for role in StaffRole.objects.order_by("slug", "valid_from")],
        "categories": [_category(c) for c in _tree_order(list(Category.objects.select_related("parent").order_by("order", "name")))],
        "resources": [_resource(r) for r in Resource.objects.prefetch_related("phases", "tags").order_by("slug")],
        "interventions": [
            _intervention(i)
            for i in Intervention.objects.select_related("level", "staff_role").prefetch_related("phases", "categories", "resources", "tags").order_by("slug")
        ],
        "strategies": [
            _strategy(s) for s in Strategy.objects.select_related("level").prefetch_related("phases", "categories", "tags").order_by("slug")
        ],
        **pack_finder.build(),
        **pack_frameworks.build(),
    }  # fmt: skip


def _media_files(content):
    paths = set()
    for resource in content["resources"]:
        if resource["file"]:
            paths.add(resource["file"].removeprefix("files/"))
    for kind, fields in (
        ("strategies", ("why", "how")),
        ("categories", ("introduction",)),
        ("interventions", ("description",)),
    ):
        for item in content[kind]:
            for name in fields:
                paths.update(MEDIA_IMAGE.findall(item.get(name) or ""))
    return sorted(paths)


def export_pack(destination):
    """Write the whole content as a content pack to `destination` (a path or a binary file). Returns counts."""
    content = build_content()
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("content.json", json.dumps(content, indent=2, ensure_ascii=False))
        for relative in _media_files(content):
            if relative.startswith("resources/"):
                if resource_file_storage.exists(relative):
                    with resource_file_storage.open(relative, "rb") as source:
                        archive.writestr(f"files/{relative}", source.read())
            elif (Path(settings.MEDIA_ROOT) / relative).is_file():
                archive.write(Path(settings.MEDIA_ROOT) / relative, f"files/{relative}")
    return {kind: len(content[kind]) for kind in ("categories", "strategies", "interventions", "resources")}


# ---------------------------------------------------------------------------------------------- import


def _safe_member(name):
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and "\\" not in name


def read_pack(source):
    """Open and check a pack: a real zip, no zip bomb, safe names, content.json valid against the schema."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise PackError("This is not a content pack: it isn’t a zip file.") from None
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise PackError(f"The pack has too many files ({len(members)}; at most {MAX_MEMBERS}).")
    if sum(m.file_size for m in members) > MAX_TOTAL_BYTES:
        raise PackError("The pack would be too big once unpacked (over 500 MB).")
    for member in members:
        if not _safe_member(member.filename):
            raise PackError(f"The pack contains a file with an unsafe name: {member.filename[:100]}")
        if member.compress_size and member.file_size / member.compress_size > MAX_RATIO:
            raise PackError(f"The pack looks like a “zip bomb” ({member.filename[:100]} expands too much).")
    try:
        raw = archive.read("content.json")
    except KeyError:
        raise PackError("The pack has no content.json.") from None
    except (zipfile.BadZipFile, OSError, RuntimeError) as error:
        raise PackError(f"The pack is damaged: {error}.") from None
    if b"\x00" in raw or b"\\u0000" in raw.lower():
        raise PackError("content.json contains NUL characters, which no text here may hold.")
    try:
        content = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise PackError("content.json is not UTF-8 text.") from None
    except json.JSONDecodeError as error:
        raise PackError(f"content.json is not valid JSON (line {error.lineno}, column {error.colno}).") from None
    errors = sorted(jsonschema.Draft202012Validator(SCHEMA).iter_errors(content), key=lambda e: list(e.absolute_path))
    if errors:
        where = "/".join(str(part) for part in errors[0].absolute_path) or "the top level"
        raise PackError(f"content.json does not match the content pack format at {where}: {errors[0].message[:200]}")
    return archive, content


def pack_bytes():
    buffer = io.BytesIO()
    export_pack(buffer)
    return buffer.getvalue()
