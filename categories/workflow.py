"""Editorial workflow: draft → in review → published → archived, and back.

Each transition is checked server-side (allowed from the item's current status, and by the
user's permissions), records a history version saying who did it and why, and keeps
`published_at`. Publishing sets the next review date.
"""

import calendar
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from categories.content import Status
from categories.history import record_version


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple
    target: str
    needs_publish_permission: bool
    needs_comment: bool = False


TRANSITIONS = {
    t.name: t
    for t in [
        Transition("submit", "Submit for review", (Status.DRAFT,), Status.IN_REVIEW, False),
        Transition("send_back", "Send back to draft", (Status.IN_REVIEW,), Status.DRAFT, True, needs_comment=True),
        Transition("publish", "Publish", (Status.IN_REVIEW,), Status.PUBLISHED, True),
        Transition("unpublish", "Unpublish", (Status.PUBLISHED,), Status.DRAFT, True),
        Transition("archive", "Archive", (Status.PUBLISHED,), Status.ARCHIVED, True),
        Transition("restore", "Restore to draft", (Status.ARCHIVED,), Status.DRAFT, True),
    ]
}


_listeners = []  # called after each transition: (obj, name, user, comment); registered from above at ready()


def on_transition(listener):
    if listener not in _listeners:
        _listeners.append(listener)


def publish_permission(model):
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def can_publish(user, model):
    return user.has_perm(publish_permission(model))


def available(obj, user):
    """The transitions this user may make on this item now."""
    change = f"{obj._meta.app_label}.change_{obj._meta.model_name}"
    if not user.has_perm(change):
        return []
    return [
        t
        for t in TRANSITIONS.values()
        if obj.status in t.sources and (not t.needs_publish_permission or can_publish(user, type(obj)))
    ]


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def apply(obj, name, user, comment="", review_period_months=12, reason=None):
    """Move `obj` through transition `name`. Raises PermissionDenied or ValidationError with a clear message."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise ValidationError("That is not something you can do to this item.")
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    if transition not in available(obj, user):
        if obj.status not in transition.sources:
            raise ValidationError(
                f"This item is {obj.get_status_display().lower()}, so it can’t be “{transition.label.lower()}”."
            )
        raise PermissionDenied
    comment = (comment or "").replace("\x00", "").strip()  # PostgreSQL cannot store a NUL character
    if transition.needs_comment and not comment:
        raise ValidationError("Say why you are sending it back, so the editor knows what to change.")
    if transition.target == Status.PUBLISHED:
        check_complete(obj)
    obj.status = transition.target
    if transition.target == Status.PUBLISHED:
        today = timezone.localdate()
        if obj.published_at is None:
            obj.published_at = timezone.now()
        if obj.review_by is None or obj.review_by <= today:
            obj.review_by = add_months(today, review_period_months)
    obj.skip_history_when_saving = True
    obj.save()
    reason = (reason or transition.label) + (f": {comment}" if comment else "")
    record_version(obj, user, reason)
    for listener in _listeners:
        listener(obj, name, user, comment)
    return obj


def check_complete(obj):
    """Only a complete item goes live, whichever button publishes it: raises ValidationError saying what is missing."""
    try:
        obj.full_clean()
    except ValidationError as error:
        raise ValidationError("It isn’t complete: " + " ".join(error.messages)) from None


def can_mark_reviewed(obj, user):
    return obj is not None and obj.status == Status.PUBLISHED and can_publish(user, type(obj))


@transaction.atomic
def mark_reviewed(obj, user, review_period_months=12):
    """A publisher checked the live item and it needs no changes: record the review and set the next review date."""
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    if not user.has_perm(f"{obj._meta.app_label}.change_{obj._meta.model_name}") or not can_publish(user, type(obj)):
        raise PermissionDenied
    if obj.status != Status.PUBLISHED:
        raise ValidationError("Only a published item can be marked as reviewed.")
    today = timezone.localdate()
    obj.last_reviewed_at = today
    obj.last_reviewed_by = user
    obj.review_by = add_months(today, review_period_months)
    obj.skip_history_when_saving = True
    obj.save()
    record_version(obj, user, "Reviewed, no changes")
    return obj
