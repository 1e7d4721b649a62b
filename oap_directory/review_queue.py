"""The review queue: everything waiting for a publisher, with what would change on the public site.

New items submitted for review are shown in full; pending changes to live items as word-level differences
from the live version (the history's diff engine), each with Publish, Send back with a comment and Discard.
"""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from categories import workflow
from categories.content import Status
from categories.history import changes_between
from oap_directory import content_types, revisions


def view(request, site):
    models = [
        model
        for model in content_types.models()
        if request.user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
    ]
    if not models:
        raise PermissionDenied
    submitted, changes = [], []
    for model in models:
        can_publish = workflow.can_publish(request.user, model)
        for item in model.objects.filter(status=Status.IN_REVIEW).order_by("-updated_at"):
            latest = item.history.select_related("history_user").order_by("-history_date", "-history_id").first()
            submitted.append(
                {
                    "item": item,
                    "opts": model._meta,
                    "latest": latest,
                    "changes": changes_between(None, latest, model) if latest else [],
                    "can_publish": can_publish,
                }
            )
    by_model = {model: [] for model in models}
    for revision in revisions.waiting():
        model = revision.content_type.model_class()
        if model in by_model:
            by_model[model].append(revision)
    for model, waiting in by_model.items():
        items = model.objects.in_bulk([revision.object_id for revision in waiting])
        can_publish = workflow.can_publish(request.user, model)
        for revision in waiting:
            item = items.get(revision.object_id)
            if item is not None:
                changes.append(
                    {
                        "item": item,
                        "opts": model._meta,
                        "summary": revisions.summary(item, revision),
                        "can_publish": can_publish,
                    }
                )
    context = {
        **site.each_context(request),
        "title": "Review queue",
        "submitted": submitted,
        "changes": changes,
    }
    return TemplateResponse(request, "admin/oap/review_queue.html", context)
