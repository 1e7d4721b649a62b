"""Importing a content pack: every item decided first, files written last.

Each item is new, unchanged, updated (changed only in the pack since the last import), kept
(changed only here) or a conflict (changed on both sides), judged against the fingerprints stored
in ImportedItem at the last import. Conflicts keep ours unless the person importing chooses theirs.
`plan_pack` runs the same decisions and rolls them back: the preview. Files are checked by content
(resource files like uploads; editor images must be whole PNG or JPEG images), stored under new
unguessable names, and written only for items that are written, after every decision is made.
"""

import hashlib
import json
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.validators import URLValidator, validate_email
from django.db import transaction

from categories.content import Status
from categories.history import record_version
from categories.models import Category, Level, Phase, Strategy
from finder.models import CheckPrompt, DiagnosticTerm, Observation, Signpost
from oap_directory import content_types, pack_finder, pack_frameworks
from oap_directory.content_packs import (
    LOCAL_SERVICE,
    PackError,
    _category,
    _intervention,
    _resource,
    _safe_member,
    _staff_role,
    _strategy,
    read_pack,
)
from oap_directory.editor_images import _is_whole_image
from oap_directory.models import ImportedItem, ImportRecord, SiteSettings, Synonym
from oap_directory.pack_differences import differences
from oap_directory.page_cache import one_content_version_bump
from oap_directory.richtext import clean_html
from oap_directory.storage import EditorImageStorage
from resources.models import Intervention, Resource, StaffRole, StrategyIntervention, StrategyResource
from resources.storage import resource_file_storage, unguessable_name
from resources.validators import validate_resource_file
from selfreview.models import Framework, RatingScale


@dataclass
class Kind:
    """How an import knows one kind of item: as a pack item, by identity, and how it is found and written here."""

    serialise: Callable  # our object -> the pack's form of it
    key: Callable = lambda item: item["uuid"]  # pack item -> the identity its base is stored under
    find: Callable | None = None  # pack item -> our object or None (default: by uuid)
    write: Callable | None = None  # (importer, pack item, our object or None) -> our object (default: set fields)
    locked: Callable = lambda obj: ""  # our object -> why it can't be changed, or ""


KINDS = {
    Category: Kind(_category),
    Resource: Kind(_resource),
    Intervention: Kind(_intervention),
    Strategy: Kind(_strategy),
    Observation: Kind(pack_finder.observation),
    CheckPrompt: Kind(pack_finder.check_prompt, pack_finder.check_prompt_key, pack_finder.find_check_prompt),
    Signpost: Kind(pack_finder.signpost, pack_finder.signpost_key, pack_finder.find_signpost),
    DiagnosticTerm: Kind(
        pack_finder.diagnostic_term, pack_finder.diagnostic_term_key, pack_finder.find_diagnostic_term
    ),
    RatingScale: Kind(
        pack_frameworks.rating_scale,
        pack_frameworks.scale_key,
        pack_frameworks.find_scale,
        pack_frameworks.write_scale,
        pack_frameworks.scale_locked,
    ),
    Framework: Kind(
        pack_frameworks.framework,
        pack_frameworks.framework_key,
        pack_frameworks.find_framework,
        pack_frameworks.write_framework,
        pack_frameworks.framework_locked,
    ),
}
NOT_COMPARED = {"status", "review_by"}
EDITOR_IMAGE = re.compile(r'<img[^>]*?src="/media/editor-images/([^"]+)"[^>]*>')
HTML_FIELDS = {Category: ["introduction"], Intervention: ["description"], Strategy: ["why", "how"]}
check_url = URLValidator(schemes=["http", "https"])


def fingerprint(data):
    compared = {key: value for key, value in data.items() if key not in NOT_COMPARED}
    return hashlib.sha256(json.dumps(compared, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@dataclass
class Report:
    counts: dict = field(
        default_factory=lambda: dict.fromkeys(["created", "updated", "unchanged", "kept", "conflicts", "refused"], 0)
    )
    messages: list = field(default_factory=list)
    created_items: list = field(default_factory=list)
    decisions: list = field(default_factory=list)  # one per item: type, uuid, label, outcome, diff, resolution

    def refuse(self, label, message):
        self.counts["refused"] += 1
        self.messages.append(message)
        self.decisions.append(
            {"type": "", "uuid": "", "label": label, "outcome": "refused", "diff": [], "note": message}
        )


class _EditorImages(EditorImageStorage):
    """Editor images under the unguessable name already chosen (it is written into the HTML first)."""

    def get_available_name(self, name, max_length=None):
        return FileSystemStorage.get_available_name(self, name, max_length=max_length)


class Importer:
    def __init__(self, archive, content, publish=False, choices=None, take_theirs=False, user=None):
        self.archive, self.content = archive, content
        self.publish, self.choices, self.take_theirs, self.user = publish, choices or {}, take_theirs, user
        self.report = Report()
        self.by_uuid = {}
        self.pack_categories = {item["uuid"]: item for item in content["categories"]}
        self.files = []  # (storage, name, member): written after every decision, for written items only
        self.bases = []  # (model, pack item, our object): fingerprints stored at the end

    # ------------------------------------------------------------------------------ options
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
                name=name, slug=_free_slug(Level, source.get("slug") or name), description=source.get("description", ""),
                order=source["order"], is_costed=source["is_costed"], is_active=source.get("is_active", True),
            )  # fmt: skip
        return level

    def phases(self, names):
        phases = []
        for name in names:
            phase = Phase.objects.filter(name__iexact=name).first()
            if phase is None:
                source = next((p for p in self.content["phases"] if p["name"] == name), {"order": 99})
                phase = Phase.objects.create(
                    name=name, slug=_free_slug(Phase, source.get("slug") or name), order=source["order"],
                    is_active=source.get("is_active", True),
                )  # fmt: skip
            phases.append(phase)
        return phases

    def _options(self):
        for level in self.content["levels"]:
            self._level(level["name"])
        self.phases([phase["name"] for phase in self.content["phases"]])
        for row in self.content["synonyms"]:
            synonym, created = Synonym.objects.get_or_create(term=row["term"], defaults={"synonyms": row["synonyms"]})
            if not created and synonym.synonyms != row["synonyms"]:
                if self.take_theirs:
                    synonym.synonyms = row["synonyms"]
                    synonym.save()
                else:
                    self.report.messages.append(f"Synonym “{row['term']}” differs here: ours kept.")
        self._staff_roles()
        if self.take_theirs and self.content["vocabulary"]:
            site = SiteSettings.load()
            for name, value in self.content["vocabulary"].items():
                setattr(site, name, value)
            site.save()

    def _staff_roles(self):
        """Each role and period by slug and first day: added when new; a different rate is ours unless overwriting."""
        for row in self.content.get("staff_roles", []):
            role = StaffRole.objects.filter(slug=row["slug"], valid_from=row["valid_from"]).first()
            if role is not None and _staff_role(role) == row:
                continue
            if role is not None and not self.take_theirs:
                self.report.messages.append(f"Staff role “{row['name']}” has a different rate here: ours kept.")
                continue
            role = role or StaffRole(slug=row["slug"], valid_from=row["valid_from"])
            role.name, role.valid_to = row["name"], row.get("valid_to")
            role.hourly_rate, role.on_cost_percent = Decimal(row["hourly_rate"]), Decimal(row["on_cost_percent"])
            try:
                role.full_clean()
            except ValidationError as error:
                self.report.messages.append(f"Staff role “{row['name']}” was not imported: {' '.join(error.messages)}")
                continue
            role.save()

    def _costing(self, item):
        """The intervention's costing inputs as fields, its staff role found here by slug (none if not found)."""
        empty = {"staff_role": None, "pupils_per_group": None, "minutes_per_session": None,
                 "sessions_per_week": None, "weeks": None, "resource_cost_per_pupil": Decimal("0")}  # fmt: skip
        inputs = item.get("costing")
        if not inputs:
            return empty
        role = (
            StaffRole.objects.rate_for(inputs["staff_role"])
            or StaffRole.objects.filter(slug=inputs["staff_role"]).first()
        )
        if role is None:
            self.report.messages.append(
                f"“{item['name']}”: no staff role “{inputs['staff_role']}” here, so its cost was not worked out."
            )
            return empty
        weeks = inputs.get("weeks")
        return {
            "staff_role": role, "pupils_per_group": inputs["pupils_per_group"],
            "minutes_per_session": inputs["minutes_per_session"], "sessions_per_week": Decimal(inputs["sessions_per_week"]),
            "weeks": Decimal(weeks) if weeks else None,
            "resource_cost_per_pupil": Decimal(inputs.get("resource_cost_per_pupil") or "0"),
        }  # fmt: skip

    # ------------------------------------------------------------------------------ deciding
    def decide(self, model, item):
        """(outcome, our item or None, differences): new, unchanged, update, kept or conflict."""
        kind = KINDS[model]
        existing = kind.find(item) if kind.find else model.objects.filter(uuid=item["uuid"]).first()
        if existing is None:
            return "new", None, []
        ours = kind.serialise(existing)
        diff = [  # a key the pack doesn't have (made before the field existed) says nothing about it
            row
            for key in sorted(item)
            if key not in NOT_COMPARED and ours.get(key) != item[key]
            for row in differences(key, ours.get(key), item[key])
        ]
        base = ImportedItem.objects.filter(uuid=kind.key(item)).first()
        if base is None:
            return ("unchanged" if not diff else "conflict"), existing, diff
        changed_there = fingerprint(item) != base.source_fingerprint
        changed_here = fingerprint(ours) != base.local_fingerprint
        if not diff or not (changed_there or changed_here):
            return "unchanged", existing, []
        outcome = {(True, False): "update", (False, True): "kept", (True, True): "conflict"}[
            (changed_there, changed_here)
        ]
        return outcome, existing, diff

    def _outcome(self, model, item, key):
        """(outcome, our item, differences, resolution, writing?), counted in the report."""
        outcome, existing, diff = self.decide(model, item)
        resolution = ""
        if outcome == "conflict":
            resolution = self.choices.get(key) or ("theirs" if self.take_theirs else "ours")
            self.report.counts["conflicts"] += 1
        elif outcome in {"unchanged", "kept"}:
            self.report.counts[outcome] += 1
        return outcome, existing, diff, resolution, outcome in {"new", "update"} or resolution == "theirs"

    def _refusal(self, model, item, existing, label):
        """Why a pack item that is to be written can't be, or ""."""
        if "slug" in item and "uuid" in item:
            if model.objects.filter(slug=item["slug"]).exclude(uuid=item["uuid"]).exists():
                return f"{label}: its address (slug “{item['slug']}”) is already used here, so it was not imported."
        reason = KINDS[model].locked(existing) if existing is not None else ""
        return f"{label}: {reason}, so it was not imported." if reason else ""

    def item(self, model, item, fields, label):
        """Decide and, if it is to be written, write one item; returns it when its relations should be set."""
        key = KINDS[model].key(item)
        outcome, existing, diff, resolution, writing = self._outcome(model, item, key)
        if writing and (reason := self._refusal(model, item, existing, label)):
            return self.report.refuse(label, reason)
        decision = {"type": model._meta.verbose_name, "uuid": key, "label": label, "outcome": outcome,
                    "diff": diff, "resolution": resolution}  # fmt: skip
        if writing and (fields := self._checked(model, item, fields, label)) is None:
            return None
        self.report.decisions.append(decision)
        obj = existing
        if writing:
            write = KINDS[model].write
            obj = write(self, item, existing) if write else self._write(model, item, fields, existing)
            self.report.counts["updated" if existing else "created"] += 1
            if existing is None and content_types.for_model(model):
                self.report.created_items.append([content_types.for_model(model).name, key])
        if obj is not None:
            self.by_uuid[key] = obj
            self.bases.append((model, item, obj, writing))
        return obj if writing else None

    def _write(self, model, item, fields, existing):
        created = existing is None
        obj = existing or (model(uuid=item["uuid"]) if "uuid" in item else model())
        for name, value in fields.items():
            setattr(obj, name, value)
        if "status" in item and (self.publish or created):
            obj.status = item["status"] if self.publish else Status.DRAFT
            if model is Observation and obj.status == Status.PUBLISHED and not obj._was_published():
                obj.status, obj.publish_after_links = Status.DRAFT, True  # it can only be published once linked
        obj.skip_history_when_saving = True
        obj.save()
        del obj.skip_history_when_saving
        return obj

    def publish_when_linked(self, obj, label):
        """Publish an observation the pack has published, now that its links are in place, if it can be."""
        if not getattr(obj, "publish_after_links", False):
            return
        obj.status = Status.PUBLISHED
        try:
            obj.check_publishable()
        except ValidationError:
            self.report.messages.append(f"{label}: none of its links lead to published content here, so it is a draft.")
            return
        obj.skip_history_when_saving = True
        obj.save()
        del obj.skip_history_when_saving

    # ------------------------------------------------------------------------------ checking
    def _checked(self, model, item, fields, label):
        """The fields with files checked and renamed and addresses checked, or None if the item is refused."""
        for name in ("url", "evidence_source_url", "provider_website"):
            if fields.get(name):
                try:
                    check_url(fields[name])
                except ValidationError:
                    address = fields[name][:80]
                    reason = f"{label}: its web address “{address}” is not an http or https address, so it was not "
                    reason += "imported."
                    return self.report.refuse(label, reason)
        if fields.get("contact_email"):
            try:
                validate_email(fields["contact_email"])
            except ValidationError:
                return self.report.refuse(
                    label, f"{label}: its contact email is not an email address, so it was not imported."
                )
        for name in HTML_FIELDS.get(model, []):
            fields[name] = self._with_checked_images(fields[name], label)
        if model is Resource and item.get("file"):
            name = self._checked_file(item["file"], label)
            if name is None:
                return None
            fields["file"] = name
        return fields

    def _member(self, member):
        try:
            return self.archive.read(member)
        except KeyError:
            raise PackError(f"The pack refers to {member[:100]}, which is not in it.") from None

    def _checked_file(self, member, label):
        relative = member.removeprefix("files/")
        if not relative.startswith("resources/") or not _safe_member(relative):
            raise PackError(f"The pack refers to a file outside its files folder: {member[:100]}")
        data = self._member(member)
        upload = SimpleUploadedFile(PurePosixPath(relative).name, data)
        try:
            validate_resource_file(upload)
        except ValidationError as error:
            return self.report.refuse(label, f"{label}: its file was not imported. {' '.join(error.messages)}")
        name = unguessable_name(None, relative)
        self.files.append((resource_file_storage, name, data))
        return name

    def _with_checked_images(self, html, label):
        """Rich text whose editor images are whole PNG or JPEG images from the pack, under new names."""

        def replace(match):
            member = f"files/editor-images/{match.group(1)}"
            data = self.archive.read(member) if member in self.archive.namelist() else b""
            if not _safe_member(match.group(1)) or not _is_whole_image(ContentFile(data)):
                self.report.messages.append(
                    f"{label}: an image is not a PNG or JPEG, or is missing, so it was left out."
                )
                return ""
            name = f"{secrets.token_hex(16)}{PurePosixPath(match.group(1)).suffix.lower()[:5]}"
            self.files.append((_EditorImages(), name, data))
            return match.group(0).replace(f"/media/editor-images/{match.group(1)}", f"/media/editor-images/{name}")

        return EDITOR_IMAGE.sub(replace, html or "")

    # ------------------------------------------------------------------------------ categories
    def _parent(self, item):
        """The parent by identity, then by the pack's slug path; False if it can't be found here."""
        if not item["parent"]:
            return None
        found = self.by_uuid.get(item["parent"]) or Category.objects.filter(uuid=item["parent"]).first()
        if found is not None:
            return found
        path, uuid = [], item["parent"]
        while uuid in self.pack_categories:
            path.insert(0, self.pack_categories[uuid]["slug"])
            uuid = self.pack_categories[uuid]["parent"]
        candidate = None
        for slug in path:
            candidate = Category.objects.filter(slug=slug, parent=candidate).first()
            if candidate is None:
                return False
        return candidate if path else False

    def categories(self):
        for item in self.content["categories"]:
            parent = self._parent(item)
            if parent is False:
                self.report.refuse(
                    item["name"],
                    f"Category “{item['name']}”: its parent category isn’t here, so it was not imported "
                    "(it would have become a top-level category).",
                )
                continue
            fields = {k: item.get(k, "") for k in ("slug", "name", "order", "summary", "colour", "icon")} | {
                "parent": parent, "introduction": clean_html(item.get("introduction", "")), "review_by": item.get("review_by"),
            }  # fmt: skip
            self.item(Category, item, fields, item["name"])

    # ------------------------------------------------------------------------------ the rest
    def _related(self, model, uuids, what, owner):
        found = {str(item.uuid): item for item in model.objects.filter(uuid__in=uuids)}
        missing = [u for u in uuids if u not in found]
        if missing:
            self.report.messages.append(f"“{owner}”: {len(missing)} {what} not found, so not linked.")
        return [found[u] for u in uuids if u in found]

    def resources(self):
        for item in self.content["resources"]:
            fields = {k: item.get(k, "") for k in ("slug", "title", "kind", "summary", "url", "provider", "audience")}
            fields |= {"review_by": item.get("review_by"), "file": ""}
            if obj := self.item(Resource, item, fields, item["title"]):
                obj.phases.set(self.phases(item.get("phases", [])))
                obj.tags.set(item.get("tags", []))

    def interventions(self):
        names = ("slug", "name", "summary", "who_delivers", "group_size", "frequency", "duration", "cost_notes",
                 "evidence_source_url", *LOCAL_SERVICE[1:])  # fmt: skip
        for item in self.content["interventions"]:
            cost = item.get("cost_per_pupil_per_year")
            fields = {k: item.get(k, "") for k in names} | {
                "description": clean_html(item.get("description", "")), "level": self._level(item["level"]),
                "cost_per_pupil_per_year": Decimal(cost) if cost else None,
                "evidence_strength": item.get("evidence_strength", "not_evaluated"), "review_by": item.get("review_by"),
                "is_local_service": item.get("is_local_service", False),
            } | self._costing(item)  # fmt: skip
            if obj := self.item(Intervention, item, fields, item["name"]):
                obj.phases.set(self.phases(item.get("phases", [])))
                obj.categories.set(self._related(Category, item.get("categories", []), "categories", obj))
                obj.resources.set(self._related(Resource, item.get("resources", []), "resources", obj))
                obj.tags.set(item.get("tags", []))

    def strategies(self):
        for item in self.content["strategies"]:
            fields = {k: item.get(k, "") for k in ("slug", "title", "teacher_statement", "child_statement")} | {
                "why": clean_html(item.get("why", "")), "how": clean_html(item.get("how", "")),
                "level": self._level(item.get("level")), "review_by": item.get("review_by"),
            }  # fmt: skip
            if obj := self.item(Strategy, item, fields, item["title"]):
                obj.phases.set(self.phases(item.get("phases", [])))
                obj.categories.set(self._related(Category, item.get("categories", []), "categories", obj))
                obj.tags.set(item.get("tags", []))
                obj.resource_links.all().delete()
                obj.intervention_links.all().delete()
                resources = self._related(Resource, item.get("resources", []), "resources", obj)
                interventions = self._related(Intervention, item.get("interventions", []), "interventions", obj)
                StrategyResource.objects.bulk_create(
                    StrategyResource(strategy=obj, resource=r, order=n) for n, r in enumerate(resources)
                )
                StrategyIntervention.objects.bulk_create(
                    StrategyIntervention(strategy=obj, intervention=i, order=n) for n, i in enumerate(interventions)
                )

    @one_content_version_bump()
    def run(self, write_files=True):
        self._options()
        self.categories()
        self.resources()
        self.interventions()
        self.strategies()
        pack_finder.import_options(self)  # diagnostic terms first: observations are checked against them
        pack_finder.import_observations(self)
        pack_frameworks.import_frameworks(self)
        for model, item, obj, written in self.bases:
            kind = KINDS[model]
            ImportedItem.objects.update_or_create(
                uuid=kind.key(item),
                defaults={
                    "source_fingerprint": fingerprint(item),
                    "local_fingerprint": fingerprint(kind.serialise(model.objects.get(pk=obj.pk))),
                },
            )
            if written and hasattr(obj, "history"):
                record_version(obj, self.user, "Imported from a content pack")
        if write_files:
            for storage, name, data in self.files:
                storage.save(name, ContentFile(data))
        return self.report


def _free_slug(model, wanted):
    slug = re.sub(r"[^-a-z0-9_]+", "-", wanted.lower()).strip("-")[:70] or "imported"
    candidate, number = slug, 2
    while model.objects.filter(slug=candidate).exists():
        candidate, number = f"{slug}-{number}", number + 1
    return candidate


def plan_pack(source, publish=False, choices=None):
    """What importing the pack would do, item by item, with nothing written: the preview."""
    archive, content = read_pack(source)
    with transaction.atomic():
        report = Importer(archive, content, publish=publish, choices=choices).run(write_files=False)
        transaction.set_rollback(True)
    return report


def import_pack(source, file_name, publish=False, overwrite=False, user=None, choices=None):
    """Import a content pack. Raises PackError (nothing written) or returns the ImportRecord (with `.report`).

    `choices` maps a conflicting item's uuid to "ours" or "theirs"; `overwrite` takes theirs for every conflict.
    """
    archive, content = read_pack(source)
    with transaction.atomic():
        report = Importer(archive, content, publish, choices, take_theirs=overwrite, user=user).run()
        record = ImportRecord.objects.create(
            kind=ImportRecord.Kind.CONTENT_PACK, file_name=file_name[:255], created_by=user,
            counts=report.counts, created_items=report.created_items, messages=report.messages[:500],
        )  # fmt: skip
    record.report = report
    return record
