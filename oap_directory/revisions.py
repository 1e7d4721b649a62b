"""Pending changes to published items.

A published item stays live while it changes: when someone who may not publish saves it, the
edited form is stored as a Revision instead; a publisher then publishes the changes (one history
version) or discards them. The Strategy, Resource, Intervention and Category admins call this
through `ContentAdmin.revisions`, set in oap_directory/admin.py.
"""

from datetime import date, datetime
from decimal import Decimal

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from categories.history import record_version
from oap_directory.models import Revision

SKIPPED = {"loaded_version", "status", "last_reviewed_by"}


def _plain(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def capture(obj, form, formsets, user):
    """Store the validated form and inline formsets as a pending Revision of `obj`."""
    data = {"fields": {}, "m2m": {}, "tags": None, "inlines": {}}
    for name in form.fields:
        if name in SKIPPED or name not in form.cleaned_data:
            continue
        value = form.cleaned_data[name]
        field = obj._meta.get_field(name)
        if name == "tags":
            data["tags"] = sorted(str(tag) for tag in value)
        elif field.many_to_many:
            data["m2m"][name] = [item.pk for item in value]
        elif isinstance(field, models.FileField):
            continue  # files are uploaded straight to the live item's storage; see the note in the admin
        else:
            data["fields"][field.attname] = _plain(value)
    for formset in formsets:
        fk_name = getattr(formset, "fk", None) and formset.fk.name
        rows = []
        for inline_form in formset.forms:
            cleaned = getattr(inline_form, "cleaned_data", None) or {}
            if not cleaned or cleaned.get("DELETE"):
                continue
            rows.append({k: _plain(v) for k, v in cleaned.items() if k not in {"id", "DELETE", fk_name}})
        data["inlines"][formset.prefix] = {"model": formset.model._meta.label, "fk": fk_name, "rows": rows}
    return Revision.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        data=data,
        base_version=type(obj).objects.filter(pk=obj.pk).values_list("version", flat=True).get(),
        created_by=user,
    )


def pending_for(obj):
    return list(
        Revision.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, status=Revision.Status.PENDING
        ).select_related("created_by")
    )


def changed_fields(obj, revision):
    """Names of the fields whose pending value differs from the live one."""
    labels = []
    for attname, value in revision.data["fields"].items():
        field = next(f for f in obj._meta.concrete_fields if f.attname == attname)
        if str(_plain(getattr(obj, attname)) or "") != str(value or ""):
            labels.append(str(field.verbose_name))
    for name, pks in revision.data["m2m"].items():
        if sorted(getattr(obj, name).values_list("pk", flat=True)) != sorted(pks):
            labels.append(str(obj._meta.get_field(name).verbose_name))
    if revision.data["tags"] is not None and sorted(obj.tags.names()) != revision.data["tags"]:
        labels.append("tags")
    for prefix in revision.data["inlines"]:
        labels.append(prefix.replace("_links", "").replace("_", " "))
    return labels


@transaction.atomic
def apply(revision, user):
    """Publish the pending changes as one new version of the live item."""
    model = revision.content_type.model_class()
    obj = model.objects.select_for_update().get(pk=revision.object_id)
    if obj.version != revision.base_version:
        raise ValidationError(
            "The live item has changed since these changes were made, so publishing them could undo someone "
            "else’s work. Discard them and ask the editor to make them again."
        )
    for attname, value in revision.data["fields"].items():
        field = next(f for f in model._meta.concrete_fields if f.attname == attname)
        if field.is_relation and value is not None and not field.related_model.objects.filter(pk=value).exists():
            continue
        setattr(obj, attname, field.to_python(value))
    obj.skip_history_when_saving = True  # the form was validated when the changes were made
    obj.save()
    del obj.skip_history_when_saving
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
                if field.is_relation:
                    if not field.related_model.objects.filter(pk=value).exists():
                        break
                    values[field.attname] = value
                else:
                    values[name] = value
            else:
                link_model.objects.create(**{inline["fk"]: obj}, **values)
    record_version(obj, user, f"Published changes by {revision.created_by}")
    _decide(revision, user, Revision.Status.APPLIED)
    return obj


def discard(revision, user):
    _decide(revision, user, Revision.Status.DISCARDED)


def _decide(revision, user, status):
    revision.status = status
    revision.decided_by = user
    revision.decided_at = timezone.now()
    revision.save()
