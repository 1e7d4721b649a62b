"""Emails about review work, through the EMAIL_* settings; each person can turn them off (User.review_emails).

Publishers get a summary of what is waiting when something is submitted for review, at most one an hour;
an editor hears when their work is sent back (with the comment) or published. Sent after the change commits.
"""

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from accounts.models import User
from categories.content import Status
from oap_directory import content_types

DIGEST_KEY = "review-digest-sent"
DIGEST_SECONDS = 3600


def _admin_url(name, *args):
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


def _publishers(model):
    permission = Permission.objects.filter(
        content_type__app_label=model._meta.app_label, codename=f"publish_{model._meta.model_name}"
    ).first()
    people = User.objects.filter(is_active=True, is_staff=True, review_emails=True)
    allowed = Q(is_superuser=True)
    if permission is not None:
        allowed |= Q(groups__permissions=permission) | Q(user_permissions=permission)
    return [user.email for user in people.filter(allowed).distinct()]


def submitted(obj):
    """Something is waiting for a publisher: send the publishers a summary, unless one went in the last hour."""
    transaction.on_commit(lambda: _send_digest(type(obj)))


def _send_digest(model):
    if not cache.add(DIGEST_KEY, True, DIGEST_SECONDS):
        return  # a summary went within the hour; the queue page always has the full list
    from oap_directory.models import Revision

    waiting = [
        f"- {item._meta.verbose_name.capitalize()}: {item}"
        for entry in content_types.all()
        for item in entry.model.objects.filter(status=Status.IN_REVIEW)[:50]
    ]
    changes = Revision.objects.waiting().count()
    recipients = _publishers(model)
    if not recipients:
        return
    new_items = (
        ("New items waiting for a publisher:\n\n" + "\n".join(waiting)) if waiting else "No new items are waiting."
    )
    body = (
        new_items + f"\n\nChanges to live items waiting: {changes}.\n\n"
        f"Open the review queue: {_admin_url('admin:review_queue')}\n\n"
        "You get at most one of these emails an hour. To stop them, untick “Email me about review work” "
        f"in your email settings: {_admin_url('admin:my_email_settings')}\n"
    )
    send_mail("Waiting for review", body, None, recipients)


def sent_back(obj, editor, comment):
    _tell(editor, f"Sent back: {obj}", f"A publisher sent “{obj}” back to you with this comment:\n\n{comment}\n", obj)


def published(obj, editor):
    page = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""  # an observation has no page
    public = f"\nSee it on the public site: {settings.SITE_URL}{page}\n" if settings.SITE_URL and page else ""
    _tell(editor, f"Published: {obj}", f"Your work on “{obj}” is now on the public site.\n{public}", obj)


def _tell(person, subject, text, obj):
    if person is None or not person.is_active or not person.review_emails:
        return
    url = _admin_url(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", obj.pk)
    body = (
        f"{text}\nOpen it: {url}\n\nTo stop these emails, untick “Email me about review work” in your email "
        f"settings: {_admin_url('admin:my_email_settings')}\n"
    )
    subject = " ".join(subject.split())  # a title may hold a line break (a spreadsheet cell); a subject can't
    transaction.on_commit(lambda: send_mail(subject, body, None, [person.email]))


def on_transition(obj, name, user, comment):
    """Called by the workflow after each transition (registered in oap_directory/apps.py)."""
    if name == "submit":
        submitted(obj)
    elif name in {"send_back", "publish"}:
        editor = _last_editor(obj, exclude=user)
        if name == "send_back":
            sent_back(obj, editor, comment)
        else:
            published(obj, editor)


def _last_editor(obj, exclude):
    """Who submitted the item for review most recently (the person whose work it is)."""
    record = (
        obj.history.filter(history_change_reason__startswith="Submit for review")
        .exclude(history_user=exclude)
        .select_related("history_user")
        .order_by("-history_date")
        .first()
    )
    return record.history_user if record else None
