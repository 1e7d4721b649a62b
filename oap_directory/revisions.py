"""Pending changes to published items.

A published item stays live while it changes: when someone who may not publish saves it, the edited
form is stored as a Revision instead. There is at most one open change per item: whoever opens the
item next sees and edits that pending version, so a second save builds on the first instead of
competing with it. A publisher publishes the changes (one history version, after full validation),
sends them back with a comment, or discards them. Files uploaded with pending changes are stored under
unguessable names in the private resource storage and become the item's file only when published.

The content admins call this through `ContentAdmin.revisions` (registered in oap_directory/apps.py).
"""

from datetime import date, datetime
from decimal import Decimal
from pathlib import PurePath
from types import SimpleNamespace

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.http import FileResponse, Http404
from django.utils import timezone
from taggit.models import Tag

from categories.history import changes_between, record_version, relations_of, restore
from oap_directory import notifications
from oap_directory.models import Revision

FORM_ONLY = {"loaded_version", "loaded_change", "status", "last_reviewed_by"}


class _RollBack(Exception):
    """Leaves a savepoint after looking at what the pending version would be."""


def _plain(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _field(model, attname):
    return next((f for f in model._meta.concrete_fields if f.attname == attname), None)


def open_change(obj, lock=False):
    """The item's one open change (waiting, or sent back to its editor), or None."""
    queryset = Revision.objects.open().filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    return queryset.select_related("created_by", "updated_by").first()


def _store_file(obj, field, upload):
    """Keep an upload in the field's own (private) storage under a generated name; the live item is untouched."""
    return field.storage.save(field.generate_filename(obj, upload.name), upload)


def data_from_form(obj, form, formsets):
    """The edited form and its inline formsets, as a pending change's data."""
    data = {"fields": {}, "files": {}, "m2m": {}, "tags": None, "inlines": {}}
    model_fields = {f.name: f for f in obj._meta.get_fields()}
    for name in form.fields:
        if name in FORM_ONLY or name not in form.cleaned_data or name not in model_fields:
            continue
        value = form.cleaned_data[name]
        field = model_fields[name]
        if name == "tags":
            data["tags"] = sorted(str(tag) for tag in value)
        elif field.many_to_many:
            data["m2m"][name] = [item.pk for item in value]
        elif isinstance(field, models.FileField):
            if isinstance(value, UploadedFile):
                data["files"][field.attname] = _store_file(obj, field, value)
            elif value is False or not value:
                data["files"][field.attname] = ""
            else:
                data["files"][field.attname] = getattr(value, "name", str(value))
        else:
            data["fields"][field.attname] = _plain(value)
    for formset in formsets:
        fk_name = formset.fk.name
        rows = []
        for inline_form in formset.forms:
            cleaned = getattr(inline_form, "cleaned_data", None) or {}
            if not cleaned or cleaned.get("DELETE"):
                continue
            rows.append({k: _plain(v) for k, v in cleaned.items() if k not in {"id", "DELETE", fk_name}})
        data["inlines"][formset.prefix] = {"model": formset.model._meta.label, "fk": fk_name, "rows": rows}
    return data


def data_from_item(obj, field_names, inlines):
    """The item as it is in the database now, as a pending change's data (for a revert that needs review).

    `inlines` is a list of (prefix, link model, fk name, row field names)."""
    data = {"fields": {}, "files": {}, "m2m": {}, "tags": None, "inlines": {}}
    for name in field_names:
        field = obj._meta.get_field(name)
        if name == "tags":
            data["tags"] = sorted(obj.tags.names())
        elif field.many_to_many:
            data["m2m"][name] = list(getattr(obj, name).values_list("pk", flat=True))
        elif isinstance(field, models.FileField):
            data["files"][field.attname] = getattr(obj, field.attname).name or ""
        elif field.concrete:
            data["fields"][field.attname] = _plain(getattr(obj, field.attname))
    for prefix, link_model, fk_name, row_fields in inlines:
        rows = [
            {name: _plain(getattr(link, link_model._meta.get_field(name).attname)) for name in row_fields}
            for link in link_model.objects.filter(**{fk_name: obj})
        ]
        data["inlines"][prefix] = {"model": link_model._meta.label, "fk": fk_name, "rows": rows}
    return data


def _base(obj, data):
    """What the live item looked like, in the parts these changes touch (to notice it changing meanwhile)."""
    fields = {name: _plain(getattr(obj, name)) for name in data["fields"]}
    fields.update({name: getattr(obj, name).name or "" for name in data["files"]})
    return {"fields": fields, "relations": relations_of(obj)}


@transaction.atomic
def save(obj, data, user, revision=None):
    """Create the item's open change, or update it (the caller checked it is the version the user opened)."""
    live = type(obj).objects.select_for_update().get(pk=obj.pk)
    revision = revision or open_change(live, lock=True)
    if revision is None:
        revision = Revision(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, created_by=user, version=0
        )
    revision.data = {**data, "base": _base(live, data)}
    revision.base_version = live.version
    revision.version += 1
    revision.updated_by = user
    revision.status = Revision.Status.PENDING
    revision.comment = ""
    revision.save()
    notifications.submitted(live)
    return revision


def capture(obj, form, formsets, user):
    """Store the validated form and inline formsets as the item's pending change."""
    return save(obj, data_from_form(obj, form, formsets), user)


def _assign_fields(obj, revision):
    model = type(obj)
    for attname, value in revision.data["fields"].items():
        field = _field(model, attname)
        if field is not None:
            setattr(obj, attname, field.to_python(value))
    for attname, name in revision.data.get("files", {}).items():
        setattr(obj, attname, name or None)


def _set_relations(obj, revision):
    """Many-to-many, tags and ordered links, as the pending change has them. Links to items since deleted are
    left out (the difference shows it)."""
    model = type(obj)
    for name, pks in revision.data["m2m"].items():
        related = model._meta.get_field(name).related_model
        getattr(obj, name).set(related.objects.filter(pk__in=pks))
    if revision.data["tags"] is not None:
        obj.tags.set(revision.data["tags"])
    for inline in revision.data["inlines"].values():
        link_model = apps.get_model(inline["model"])
        link_model.objects.filter(**{inline["fk"]: obj}).delete()
        for row in inline["rows"]:
            values = {}
            for name, value in row.items():
                field = link_model._meta.get_field(name)
                if field.is_relation and not field.related_model.objects.filter(pk=value).exists():
                    break
                values[field.attname] = value
            else:
                link_model.objects.create(**{inline["fk"]: obj}, **values)


def _validation_messages(error, model):
    if not hasattr(error, "error_dict"):
        return error.messages
    messages = []
    for name, errors in error.message_dict.items():
        field = next((f for f in model._meta.fields if f.name == name), None)
        label = str(field.verbose_name).capitalize() if field else ""
        messages += [f"{label}: {message}" if label else message for message in errors]
    return messages


def _version_of(obj):
    return SimpleNamespace(
        **{f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}, relations=relations_of(obj)
    )


def pending_version(obj, revision):
    """What the item would look like with the changes published, and why publishing would be refused (if so).

    Worked out inside a savepoint that is always rolled back: nothing is saved."""
    outcome = {}
    try:
        with transaction.atomic():
            copy = type(obj).objects.get(pk=obj.pk)
            _assign_fields(copy, revision)
            try:
                copy.full_clean()
            except ValidationError as error:
                outcome["problems"] = _validation_messages(error, type(obj))
            _set_relations(copy, revision)
            outcome["version"] = _version_of(copy)
            raise _RollBack
    except _RollBack:
        pass
    return outcome["version"], outcome.get("problems", [])


def differences(obj, revision):
    """Field-by-field word differences from the live item to the pending version (the history's diff engine)."""
    live = type(obj).objects.get(pk=obj.pk)
    pending, _problems = pending_version(live, revision)
    return changes_between(_version_of(live), pending, type(obj))


def is_stale(obj, revision):
    """Whether the live item changed, in the parts these changes touch, since they were last saved."""
    return _base(obj, revision.data) != revision.data.get("base", _base(obj, revision.data))


def stale_message(revision):
    return (
        "The live item has changed since these changes were saved, so publishing them could undo someone else’s "
        f"work. The changes are kept: {revision.editors} can open the item, compare it with the live version in "
        "its history, and save it again; then it can be published."
    )


@transaction.atomic
def apply(revision, user):
    """Publish the pending changes as one new version of the live item, after full validation.

    Refused (ValidationError, nothing changed, the changes kept) when the changes were already decided, when the
    live item changed meanwhile, or when the result would not be valid."""
    model = revision.content_type.model_class()
    obj = model.objects.select_for_update().get(pk=revision.object_id)
    revision = (
        Revision.objects.select_for_update(of=("self",)).select_related("created_by", "updated_by").get(pk=revision.pk)
    )
    if revision.status not in Revision.OPEN:
        raise ValidationError("These changes have already been published or discarded.")
    if is_stale(obj, revision):
        raise ValidationError(stale_message(revision))
    _assign_fields(obj, revision)
    try:
        obj.full_clean()
    except ValidationError as error:
        raise ValidationError(
            ["These changes can’t be published as they are:", *_validation_messages(error, model)]
        ) from None
    obj.skip_history_when_saving = True
    obj.save()
    del obj.skip_history_when_saving
    _set_relations(obj, revision)
    record_version(obj, user, f"Published changes by {revision.editors}")
    _decide(revision, user, Revision.Status.APPLIED)
    for editor in _editors(revision, user):
        notifications.published(obj, editor)
    return obj


def discard(revision, user):
    _decide(revision, user, Revision.Status.DISCARDED)


def send_back(revision, user, comment):
    comment = (comment or "").replace("\x00", "").strip()
    if not comment:
        raise ValidationError("Say why you are sending the changes back, so the editor knows what to change.")
    revision.comment = comment
    _decide(revision, user, Revision.Status.SENT_BACK)
    model = revision.content_type.model_class()
    obj = model.objects.get(pk=revision.object_id)
    for editor in _editors(revision, user):
        notifications.sent_back(obj, editor, comment)


def _editors(revision, decider):
    return [person for person in {revision.created_by, revision.updated_by} if person and person != decider]


def _decide(revision, user, status):
    revision.status = status
    revision.decided_by = user
    revision.decided_at = timezone.now()
    revision.save(update_fields=["status", "decided_by", "decided_at", "comment"])


def waiting():
    """Every change waiting for a publisher, newest first."""
    return Revision.objects.waiting().select_related("content_type", "created_by", "updated_by")


def annotate_waiting(queryset):
    """Marks each item of a change list with `has_waiting_change` (one subquery, whatever the list's length)."""
    waiting_changes = Revision.objects.waiting().filter(
        content_type=ContentType.objects.get_for_model(queryset.model), object_id=OuterRef("pk")
    )
    return queryset.annotate(has_waiting_change=Exists(waiting_changes))


def show_in_form(obj, revision):
    """Put the pending version into `obj` for the change form; returns the form's initial values for relations."""
    _assign_fields(obj, revision)
    initial = dict(revision.data["m2m"])
    if revision.data["tags"] is not None:
        initial["tags"] = [Tag(name=name) for name in revision.data["tags"]]  # what taggit's form field expects
    return initial


def publish_problem(obj, revision):
    """Why publishing these changes would be refused now, or None."""
    if is_stale(obj, revision):
        return stale_message(revision)
    _version, problems = pending_version(obj, revision)
    return " ".join(problems) or None


def summary(obj, revision):
    """What the change page, history and review queue show about pending changes."""
    changes = differences(obj, revision)
    problem = publish_problem(obj, revision)
    return {
        "revision": revision,
        "changes": changes,
        "labels": [change.label.lower() for change in changes],
        "problem": problem,
        "files": [
            attname
            for attname, name in revision.data.get("files", {}).items()
            if name and name != getattr(obj, attname).name
        ],
    }


def send_file(obj, attname, name):
    field = _field(type(obj), attname)
    try:
        handle = field.storage.open(name, "rb")
    except OSError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=PurePath(name).name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def revert_to_pending(obj, record, user, editable, inlines):
    """An old version becomes the item's pending change (the live item stays as it is until it is published)."""
    outcome = {}
    try:
        with transaction.atomic():
            copy = type(obj).objects.get(pk=obj.pk)
            outcome["missing"] = restore(copy, record, editable)
            outcome["data"] = data_from_item(copy, editable, inlines)
            raise _RollBack
    except _RollBack:
        pass
    save(obj, outcome["data"], user)
    return outcome["missing"]
