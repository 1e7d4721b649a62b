"""Edit history: one version per save, with the item's relations, field-by-field differences and revert.

simple-history records fields; many-to-many relations and taggit tags are not fields, so each
version also stores them in its JSON `relations` (by uuid or slug, so a revert can find them).
Apps add their own relations with `register_relation` (e.g. `resources` adds a strategy's
ordered resources and interventions).
"""

import difflib
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from oap_directory.richtext import plain_text

SKIPPED_FIELDS = {"id", "uuid", "version", "created_at", "updated_at", "published_at", "status"}
# A revert restores what an item says, never where it lives or when it was checked.
NEVER_REVERTED = {"slug", "parent", "order", "review_by", "last_reviewed_at", "last_reviewed_by"}
RICH_TEXT_FIELDS = {"why", "how", "introduction", "description"}
_relations = {}  # model -> {name: (label, getter(obj) -> list[str], setter(obj, values) -> list[str] missing)}


def register_relation(model, name, label, getter, setter):
    _relations.setdefault(model, {})[name] = (label, getter, setter)


def _m2m_getter(field, key):
    return lambda obj: [str(getattr(item, key)) for item in getattr(obj, field).all()]


def _m2m_setter(field, key):
    def setter(obj, values):
        related = getattr(obj, field).model
        found = {str(getattr(item, key)): item for item in related.objects.filter(**{f"{key}__in": values})}
        getattr(obj, field).set([found[value] for value in values if value in found])
        return [value for value in values if value not in found]

    return setter


def register_m2m(model, field, label, key="uuid"):
    register_relation(model, field, label, _m2m_getter(field, key), _m2m_setter(field, key))


def register_tags(model):
    def getter(obj):
        return sorted(obj.tags.names())

    def setter(obj, values):
        obj.tags.set(values)
        return []

    register_relation(model, "tags", "Tags", getter, setter)


def relations_of(obj):
    return {name: getter(obj) for name, (_, getter, _setter) in _relations.get(type(obj), {}).items()}


def record_version(obj, user=None, reason="", history_type="~"):
    """Save a history version of `obj` as it is now, relations included. Call after relations are saved."""
    history_model = obj.history.model
    names = {field.attname for field in history_model._meta.fields} & {f.attname for f in obj._meta.concrete_fields}
    values = {name: getattr(obj, name) for name in names}
    return history_model.objects.create(
        **values,
        history_date=timezone.now(),
        history_type=history_type,
        history_user=user if user is not None and user.is_authenticated else None,
        history_change_reason=reason[:100] if reason else None,
        relations=relations_of(obj),
    )


@dataclass
class Change:
    label: str
    before: str
    after: str
    diff: list  # (kind, text) pairs; kind is "same", "removed" or "added"


def _text(record, field):
    value = getattr(record, field.attname, "")
    if field.name in RICH_TEXT_FIELDS:
        return plain_text(value)
    if field.choices:
        return dict(field.flatchoices).get(value, value) or ""
    if field.is_relation and value is not None:
        target = field.related_model.objects.filter(pk=value).first()
        return str(target) if target else f"(deleted #{value})"
    return "" if value is None else str(value)


def _word_diff(before, after):
    before_words, after_words = before.split(), after.split()
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before_words, after_words).get_opcodes():
        if tag == "equal":
            parts.append(("same", " ".join(before_words[i1:i2])))
            continue
        if i2 > i1:
            parts.append(("removed", " ".join(before_words[i1:i2])))
        if j2 > j1:
            parts.append(("added", " ".join(after_words[j1:j2])))
    return parts


def changes_between(older, newer, model):
    """Field-by-field differences from `older` to `newer` (historical records); older may be None."""
    changes = []
    for field in model._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS or not hasattr(newer, field.attname):
            continue
        before = _text(older, field) if older is not None else ""
        after = _text(newer, field)
        if before != after:
            changes.append(Change(str(field.verbose_name).capitalize(), before, after, _word_diff(before, after)))
    old_relations = older.relations if older is not None else {}
    for name, (label, _getter, _setter) in _relations.get(model, {}).items():
        before = ", ".join(_describe(model, name, old_relations.get(name, [])))
        after = ", ".join(_describe(model, name, newer.relations.get(name, [])))
        if before != after:
            changes.append(Change(label, before, after, _word_diff(before, after)))
    return changes


_describers = {}


def register_describer(model, name, describe):
    """How to show stored relation values (uuids) to a person, e.g. by title."""
    _describers[(model, name)] = describe


def _describe(model, name, values):
    describe = _describers.get((model, name))
    return describe(values) if describe else list(values)


def restore(obj, record, editable=None):
    """Set `obj`'s fields and relations as they were at `record` (fields only among `editable` when given; never
    its address, place in the tree or review dates). Saves relations, not the item. Returns relation values that
    no longer exist."""
    for field in obj._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS or field.name in NEVER_REVERTED or not hasattr(record, field.attname):
            continue
        if editable is not None and field.name not in editable:
            continue
        if field.is_relation:
            value = getattr(record, field.attname)
            if value is not None and not field.related_model.objects.filter(pk=value).exists():
                continue
        setattr(obj, field.attname, getattr(record, field.attname))
    missing = []
    for name, (_label, _getter, setter) in _relations.get(type(obj), {}).items():
        if name in record.relations:
            missing += setter(obj, record.relations[name])
    return missing


def revert_reason(record):
    return f"Reverted to the version of {timezone.localtime(record.history_date).strftime('%-d %B %Y %H:%M')}"


@transaction.atomic
def revert(obj, record, user, editable=None):
    """Make `obj` look as it did at `record`, as a new version. Returns the relation values that no longer exist."""
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    missing = restore(obj, record, editable)
    obj.skip_history_when_saving = True
    obj.save()
    del obj.skip_history_when_saving
    record_version(obj, user, revert_reason(record))
    return missing
