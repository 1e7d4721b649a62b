"""Content packs: a council's whole content as a zip of documented JSON plus files, to share with others.

The format is described by docs/content-pack.schema.json. Items keep their uuids, so importing a
pack again updates what it created rather than duplicating it; an item that differs here and in
the pack is reported as a conflict and left alone unless the importer asks to overwrite.
"""

import io
import json
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path, PurePosixPath

import jsonschema
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from categories.content import Status
from categories.history import record_version
from categories.models import Category, Level, Phase, Strategy
from categories.tree import CategoryTree
from oap_directory.models import ImportRecord, SiteSettings, Synonym
from oap_directory.richtext import clean_html
from resources.models import Intervention, Resource, StrategyIntervention, StrategyResource

FORMAT, VERSION = "oap-content-pack", 1
SCHEMA = json.loads((Path(settings.BASE_DIR) / "docs" / "content-pack.schema.json").read_text())
MAX_MEMBERS = 5000
MAX_TOTAL_BYTES = 500 * 1024 * 1024
MAX_RATIO = 200  # a member that expands more than this is treated as a zip bomb
MEDIA_IMAGE = re.compile(r'src="/media/(editor-images/[^"]+)"')
FILE_FOLDERS = ("resources/", "editor-images/")
VOCABULARY = ["strategy_label_singular", "strategy_label_plural", "category_label_singular", "category_label_plural", "show_child_voice"]  # fmt: skip


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


def _intervention(intervention):
    cost = intervention.cost_per_pupil_per_year
    return {
        "uuid": str(intervention.uuid), "slug": intervention.slug, "name": intervention.name,
        "summary": intervention.summary, "description": intervention.description,
        "who_delivers": intervention.who_delivers, "group_size": intervention.group_size,
        "frequency": intervention.frequency, "duration": intervention.duration,
        "cost_per_pupil_per_year": f"{cost:.2f}" if cost is not None else None, "cost_notes": intervention.cost_notes,
        "evidence_strength": intervention.evidence_strength, "evidence_source_url": intervention.evidence_source_url,
        "level": intervention.level.name, "phases": [p.name for p in intervention.phases.all()],
        "categories": sorted(_uuids(intervention.categories.all())), "resources": sorted(_uuids(intervention.resources.all())),
        "tags": sorted(intervention.tags.names()), "status": intervention.status, "review_by": _date(intervention.review_by),
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
    """The pack's content.json as a dict, in a stable order."""
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
        "categories": [_category(c) for c in _tree_order(list(Category.objects.select_related("parent").order_by("order", "name")))],
        "resources": [_resource(r) for r in Resource.objects.prefetch_related("phases", "tags").order_by("slug")],
        "interventions": [
            _intervention(i)
            for i in Intervention.objects.select_related("level").prefetch_related("phases", "categories", "resources", "tags").order_by("slug")
        ],
        "strategies": [
            _strategy(s) for s in Strategy.objects.select_related("level").prefetch_related("phases", "categories", "tags").order_by("slug")
        ],
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
            source = Path(settings.MEDIA_ROOT) / relative
            if source.is_file():
                archive.write(source, f"files/{relative}")
    return {kind: len(content[kind]) for kind in ("categories", "strategies", "interventions", "resources")}


# ---------------------------------------------------------------------------------------------- import


@dataclass
class Report:
    counts: dict = field(default_factory=lambda: {"created": 0, "updated": 0, "unchanged": 0, "conflicts": 0})
    messages: list = field(default_factory=list)
    created_items: list = field(default_factory=list)

    def conflict(self, message):
        self.counts["conflicts"] += 1
        self.messages.append(message)


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


class Importer:
    def __init__(self, archive, content, publish=False, overwrite=False, user=None):
        self.archive, self.content = archive, content
        self.publish, self.overwrite, self.user = publish, overwrite, user
        self.report = Report()
        self.by_uuid = {}

    def _status(self, item):
        return item["status"] if self.publish else Status.DRAFT

    def _level(self, name):
        """This council's level with that name (any case), created from the pack if it has none."""
        if not name:
            return None
        level = Level.objects.filter(name__iexact=name).first()
        if level is None:
            source = next(
                (lv for lv in self.content["levels"] if lv["name"] == name), {"order": 99, "is_costed": False}
            )
            level = Level.objects.create(
                name=name,
                slug=self._free_slug(Level, source.get("slug") or name),
                description=source.get("description", ""),
                order=source["order"],
                is_costed=source["is_costed"],
                is_active=source.get("is_active", True),
            )
        return level

    def _phases(self, names):
        phases = []
        for name in names:
            phase = Phase.objects.filter(name__iexact=name).first()
            if phase is None:
                source = next((p for p in self.content["phases"] if p["name"] == name), {"order": 99})
                phase = Phase.objects.create(
                    name=name,
                    slug=self._free_slug(Phase, source.get("slug") or name),
                    order=source["order"],
                    is_active=source.get("is_active", True),
                )
            phases.append(phase)
        return phases

    @staticmethod
    def _free_slug(model, wanted):
        slug = re.sub(r"[^-a-z0-9_]+", "-", wanted.lower()).strip("-")[:70] or "imported"
        candidate, number = slug, 2
        while model.objects.filter(slug=candidate).exists():
            candidate, number = f"{slug}-{number}", number + 1
        return candidate

    def _related(self, model, uuids, what, owner):
        found = {str(item.uuid): item for item in model.objects.filter(uuid__in=uuids)}
        missing = [u for u in uuids if u not in found]
        if missing:
            self.report.messages.append(f"“{owner}”: {len(missing)} {what} not found, so not linked.")
        return [found[u] for u in uuids if u in found]

    def _upsert(self, model, item, serialise, fields, label):
        """Create or update one item; returns it when its relations should be (re)set, else None."""
        existing = model.objects.filter(uuid=item["uuid"]).first()
        if existing is not None:
            ours = {k: v for k, v in serialise(existing).items() if k not in {"status", "review_by"}}
            theirs = {k: v for k, v in item.items() if k not in {"status", "review_by"}}
            if ours == theirs:
                self.report.counts["unchanged"] += 1
                self.by_uuid[item["uuid"]] = existing
                return None
            if not self.overwrite:
                self.report.conflict(
                    f"{label} “{item.get('title') or item.get('name')}” has been changed here: not overwritten."
                )
                self.by_uuid[item["uuid"]] = existing
                return None
            obj, created = existing, False
        else:
            clash = model.objects.filter(slug=item["slug"]).first()
            if clash is not None:
                self.report.conflict(
                    f"{label} “{item.get('title') or item.get('name')}”: its address (slug “{item['slug']}”) is already used here, so it was not imported."
                )
                return None
            obj, created = model(uuid=item["uuid"]), True
        for name, value in fields.items():
            setattr(obj, name, value)
        if self.publish or created:
            obj.status = self._status(item)
        obj.skip_history_when_saving = True
        obj.save()
        del obj.skip_history_when_saving
        self.by_uuid[item["uuid"]] = obj
        self.report.counts["created" if created else "updated"] += 1
        if created:
            self.report.created_items.append([model._meta.model_name, item["uuid"]])
        return obj

    @transaction.atomic
    def run(self):
        self._options()
        touched = []
        for item in self.content["categories"]:
            parent = self.by_uuid.get(item["parent"]) or (
                Category.objects.filter(uuid=item["parent"]).first() if item["parent"] else None
            )
            fields = {k: item.get(k, "") for k in ("slug", "name", "order", "summary", "colour", "icon")} | {
                "parent": parent, "introduction": clean_html(item.get("introduction", "")), "review_by": item.get("review_by"),
            }  # fmt: skip
            if obj := self._upsert(Category, item, _category, fields, "Category"):
                touched.append(obj)
        for item in self.content["resources"]:
            fields = {k: item.get(k, "") for k in ("slug", "title", "kind", "summary", "url", "provider", "audience")}
            fields |= {"review_by": item.get("review_by"), "file": self._file(item["file"]) if item["file"] else ""}
            if obj := self._upsert(Resource, item, _resource, fields, "Resource"):
                obj.phases.set(self._phases(item.get("phases", [])))
                obj.tags.set(item.get("tags", []))
                touched.append(obj)
        for item in self.content["interventions"]:
            fields = {k: item.get(k, "") for k in ("slug", "name", "summary", "who_delivers", "group_size", "frequency", "duration", "cost_notes", "evidence_source_url")}  # fmt: skip
            cost = item.get("cost_per_pupil_per_year")
            fields |= {
                "description": clean_html(item.get("description", "")), "level": self._level(item["level"]),
                "cost_per_pupil_per_year": Decimal(cost) if cost else None,
                "evidence_strength": item.get("evidence_strength", "not_evaluated"), "review_by": item.get("review_by"),
            }  # fmt: skip
            if obj := self._upsert(Intervention, item, _intervention, fields, "Intervention"):
                obj.phases.set(self._phases(item.get("phases", [])))
                obj.categories.set(self._related(Category, item.get("categories", []), "categories", obj))
                obj.resources.set(self._related(Resource, item.get("resources", []), "resources", obj))
                obj.tags.set(item.get("tags", []))
                touched.append(obj)
        for item in self.content["strategies"]:
            fields = {k: item.get(k, "") for k in ("slug", "title", "teacher_statement", "child_statement")}
            fields |= {
                "why": clean_html(item.get("why", "")), "how": clean_html(item.get("how", "")),
                "level": self._level(item.get("level")), "review_by": item.get("review_by"),
            }  # fmt: skip
            if obj := self._upsert(Strategy, item, _strategy, fields, "Strategy"):
                obj.phases.set(self._phases(item.get("phases", [])))
                obj.categories.set(self._related(Category, item.get("categories", []), "categories", obj))
                obj.tags.set(item.get("tags", []))
                obj.resource_links.all().delete()
                obj.intervention_links.all().delete()
                resources = self._related(Resource, item.get("resources", []), "resources", obj)
                interventions = self._related(Intervention, item.get("interventions", []), "interventions", obj)
                StrategyResource.objects.bulk_create(
                    StrategyResource(strategy=obj, resource=r, order=n) for n, r in enumerate(resources)
                )
                StrategyIntervention.objects.bulk_create(StrategyIntervention(strategy=obj, intervention=i, order=n) for n, i in enumerate(interventions))  # fmt: skip
                touched.append(obj)
        for obj in touched:
            record_version(obj, self.user, "Imported from a content pack")
        self._copy_images()
        return self.report

    def _options(self):
        for level in self.content["levels"]:
            self._level(level["name"])
        self._phases([phase["name"] for phase in self.content["phases"]])
        for row in self.content["synonyms"]:
            synonym, created = Synonym.objects.get_or_create(term=row["term"], defaults={"synonyms": row["synonyms"]})
            if not created and synonym.synonyms != row["synonyms"]:
                if self.overwrite:
                    synonym.synonyms = row["synonyms"]
                    synonym.save()
                else:
                    self.report.conflict(f"Synonym “{row['term']}” differs here: not overwritten.")
        if self.overwrite and self.content["vocabulary"]:
            site = SiteSettings.load()
            for name, value in self.content["vocabulary"].items():
                setattr(site, name, value)
            site.save()

    def _file(self, member):
        """Copy an uploaded file out of the pack into MEDIA_ROOT; returns its storage name."""
        relative = member.removeprefix("files/")
        if not relative.startswith(FILE_FOLDERS) or not _safe_member(relative):
            raise PackError(f"The pack refers to a file outside its files folder: {member[:100]}")
        target = Path(settings.MEDIA_ROOT) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with self.archive.open(member) as source, open(target, "wb") as out:
                shutil.copyfileobj(source, out)
        except KeyError:
            raise PackError(f"The pack refers to {member[:100]}, which is not in it.") from None
        return relative

    def _copy_images(self):
        for member in self.archive.namelist():
            if member.startswith("files/editor-images/") and not member.endswith("/"):
                self._file(member)


def import_pack(source, file_name, publish=False, overwrite=False, user=None):
    """Import a content pack. Raises PackError (nothing written) or returns the ImportRecord."""
    archive, content = read_pack(source)
    with transaction.atomic():
        report = Importer(archive, content, publish=publish, overwrite=overwrite, user=user).run()
        return ImportRecord.objects.create(
            kind=ImportRecord.Kind.CONTENT_PACK, file_name=file_name[:255], created_by=user,
            counts=report.counts, created_items=report.created_items, messages=report.messages,
        )  # fmt: skip


def pack_bytes():
    buffer = io.BytesIO()
    export_pack(buffer)
    return buffer.getvalue()
