"""Admin pages for bringing content in and sharing it out (site managers)."""

import re
import secrets
import shutil
import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from categories import workflow
from categories.content import Status
from categories.models import Category, Level
from oap_directory import content_types
from oap_directory import word_import as word_import_module
from oap_directory.content_packs import PackError, pack_bytes
from oap_directory.models import ImportRecord
from oap_directory.pack_import import import_pack, plan_pack
from oap_directory.richtext import clean_html

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
PACK_FOLDER = Path(tempfile.gettempdir()) / "oap-content-packs"


class PackImportForm(forms.Form):
    pack = forms.FileField(
        label="Content pack (.zip)", help_text="A pack made by “Download a content pack”, up to 50 MB."
    )
    publish = forms.BooleanField(
        label="Keep the pack’s statuses (publish what was published)",
        required=False,
        help_text="Leave unticked to bring everything in as drafts to review first.",
    )

    def clean_pack(self):
        pack = self.cleaned_data["pack"]
        if pack.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is too big: the limit is 50 MB.")
        if not pack.name.lower().endswith(".zip"):
            raise forms.ValidationError("Choose a .zip content pack.")
        return pack


PACK_SESSION_KEY = "oap_content_pack"
OUTCOMES = {
    "new": "New",
    "update": "Changed in the pack: will be updated",
    "unchanged": "Unchanged",
    "kept": "Changed here only: ours is kept",
    "conflict": "Changed here and in the pack",
    "refused": "Not imported",
}


def _waiting_pack(session):
    """The pack uploaded for preview (kept in a private temporary folder until confirmed), or None."""
    waiting = session.get(PACK_SESSION_KEY) or {}
    token = waiting.get("token", "")
    path = PACK_FOLDER / f"{token}.zip"
    return (path, waiting) if re.fullmatch(r"[A-Za-z0-9_-]{20,}", token) and path.is_file() else (None, waiting)


def content_packs(request, admin_site):
    if not request.user.has_perm("oap_directory.add_importrecord"):
        raise PermissionDenied
    if request.method == "GET" and request.GET.get("download"):
        site = request.site
        name = f"{site.council_name.lower().replace(' ', '-')}-content-{timezone.localdate():%Y-%m-%d}.zip"
        response = HttpResponse(pack_bytes(), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    path, waiting = _waiting_pack(request.session)
    if request.method == "POST" and "confirm" in request.POST:
        if path is None:
            messages.error(request, "This import can no longer be confirmed. Choose the pack again.")
            return redirect(reverse("admin:content_packs"))
        choices = {
            key.removeprefix("choice-"): value
            for key, value in request.POST.items()
            if key.startswith("choice-") and value in {"ours", "theirs"}
        }
        with open(path, "rb") as source:
            record = import_pack(source, waiting["name"], waiting["publish"], user=request.user, choices=choices)
        path.unlink(missing_ok=True)
        del request.session[PACK_SESSION_KEY]
        return redirect(reverse("admin:oap_directory_importrecord_change", args=[record.pk]))
    form = PackImportForm(request.POST or None, request.FILES or None)
    context = {**admin_site.each_context(request), "title": "Content packs", "form": form}
    if request.method == "POST" and form.is_valid():
        pack = form.cleaned_data["pack"]
        try:
            report = plan_pack(pack, form.cleaned_data["publish"])
        except PackError as error:
            form.add_error("pack", str(error))
        else:
            token = secrets.token_urlsafe(24)
            PACK_FOLDER.mkdir(parents=True, exist_ok=True)
            pack.seek(0)
            with open(PACK_FOLDER / f"{token}.zip", "wb") as out:
                shutil.copyfileobj(pack, out)
            if path is not None:
                path.unlink(missing_ok=True)
            request.session[PACK_SESSION_KEY] = {
                "token": token,
                "name": pack.name[:255],
                "publish": form.cleaned_data["publish"],
            }
            context |= _pack_preview(report, pack.name)
    return TemplateResponse(request, "admin/oap/content_packs.html", context)


def _pack_preview(report, name):
    shown = [
        {**decision, "words": OUTCOMES[decision["outcome"]]}
        for decision in report.decisions
        if decision["outcome"] != "unchanged"
    ]
    return {"preview": {"name": name, "decisions": shown, "counts": report.counts, "notes": report.messages}}


# ------------------------------------------------------------------------------------- Word documents

SESSION_KEY = "oap_word_import"


class WordUploadForm(forms.Form):
    document = forms.FileField(
        label="Word document (.docx)", help_text="Up to 10 MB. Nothing is created until you confirm."
    )


def _may_import_words(user):
    return user.has_perm("categories.publish_strategy") or user.has_perm("oap_directory.add_importrecord")


def word_import(request, admin_site):
    if not _may_import_words(request.user):
        raise PermissionDenied
    proposal_data = request.session.get(SESSION_KEY)
    if request.method == "POST" and "confirm" in request.POST and proposal_data:
        proposal = word_import_module.Proposal.from_dict(proposal_data)
        choices = _chosen(request.POST, proposal)
        if choices is None:
            messages.error(request, "A category or level you chose is no longer in the list. Choose again.")
            return redirect(reverse("admin:word_import") + "?preview=1")
        record = word_import_module.create(proposal, choices, request.user)
        del request.session[SESSION_KEY]
        return redirect(reverse("admin:oap_directory_importrecord_change", args=[record.pk]))
    form = WordUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and "confirm" not in request.POST and form.is_valid():
        document = form.cleaned_data["document"]
        try:
            html, _warnings = word_import_module.read_docx(document)
            proposal = word_import_module.propose(html, document.name)
        except word_import_module.WordImportError as error:
            form.add_error("document", str(error))
        else:
            if not proposal.items:
                form.add_error(
                    "document", "No strategies were found: use headings for areas and a list item per strategy."
                )
            else:
                request.session[SESSION_KEY] = proposal.as_dict()
                return redirect(reverse("admin:word_import") + "?preview=1")
    context = {**admin_site.each_context(request), "title": "Import a Word document", "form": form}
    if request.GET.get("preview") and proposal_data:
        proposal = word_import_module.Proposal.from_dict(proposal_data)
        context |= _preview_context(proposal)
    return TemplateResponse(request, "admin/oap/word_import.html", context)


def _category_paths():
    """Every existing category as (pk, “Area › Sub-area”), in path order: each listed once."""
    rows = {pk: (name, parent) for pk, name, parent in Category.objects.values_list("pk", "name", "parent_id")}

    def path(pk, seen=()):
        name, parent = rows[pk]
        return f"{path(parent, (*seen, pk))} › {name}" if parent in rows and parent not in seen else name

    return sorted(((pk, path(pk)) for pk in rows), key=lambda row: row[1].lower())


def _chosen(data, proposal):
    """The choices posted from the preview, or None if one is not among those the preview offered."""
    existing = {f"existing:{pk}" for pk in Category.objects.values_list("pk", flat=True)}
    levels = {"", *Level.objects.active().values_list("slug", flat=True)}
    section_targets = {"new", "up", *existing}
    item_targets = {"", *existing, *(f"section:{i}" for i in range(len(proposal.sections)))}
    sections = {
        index: {"target": data.get(f"section-{index}-target", "new"), "level": data.get(f"section-{index}-level", "")}
        for index in range(len(proposal.sections))
    }
    items = {
        index: {
            "include": data.get(f"item-{index}-include") == "on",
            "title": data.get(f"item-{index}-title", "").replace("\x00", "").strip()[:200],
            "category": data.get(f"item-{index}-category", ""),
            "level": data.get(f"item-{index}-level", ""),
        }
        for index in range(len(proposal.items))
    }
    if all(s["target"] in section_targets and s["level"] in levels for s in sections.values()) and all(
        i["category"] in item_targets and i["level"] in levels for i in items.values()
    ):
        return {"sections": sections, "items": items}
    return None


def _preview_context(proposal):
    categories = _category_paths()
    existing = dict(categories)
    sections = [
        {"index": i, "section": s, "path": proposal.path(i), "matched": existing.get(s.existing_id, "")}
        for i, s in enumerate(proposal.sections)
    ]
    titles = {i: item.title for i, item in enumerate(proposal.items)}
    rows = [
        {
            "index": index, "item": item, "how": mark_safe(clean_html(item.how)),  # noqa: S308 - sanitised
            "heading": proposal.path(item.section) if item.section is not None else "",
            "resources": [proposal.items[link] for link in item.links],
            "linked_to": [titles[i] for i, other in enumerate(proposal.items) if index in other.links],
        }
        for index, item in enumerate(proposal.items)
    ]  # fmt: skip
    return {
        "proposal": proposal,
        "sections": sections,
        "rows": rows,
        "categories": categories,
        "levels": list(Level.objects.active().values_list("slug", "name")),
        "strategy_count": len(proposal.strategies()),
        "resource_count": len(proposal.items) - len(proposal.strategies()),
    }


def import_summary(record):
    """What an import created, in plain words, with a link to each item that still exists."""
    items = []
    for model_name, uuid in record.created_items:
        content_type = content_types.get(model_name)
        obj = content_type.model.objects.filter(uuid=uuid).first() if content_type else None
        if obj is not None:
            opts = obj._meta
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            items.append({"object": obj, "type": opts.verbose_name, "url": url})
    drafts = sum(1 for entry in items if entry["object"].status == Status.DRAFT)
    return {"items": items, "drafts": drafts, "counts": record.counts, "notes": record.messages}


def submit_import(request, admin_site, record_id):
    """Submit for review every item an import created that is still a draft."""
    record = ImportRecord.objects.filter(pk=record_id).first()
    if record is None:
        raise Http404
    if request.method != "POST" or not _may_import_words(request.user):
        raise PermissionDenied
    submitted = 0
    for entry in import_summary(record)["items"]:
        obj = entry["object"]
        if obj.status == Status.DRAFT and any(t.name == "submit" for t in workflow.available(obj, request.user)):
            workflow.apply(obj, "submit", request.user, "Submitted with the rest of the import")
            submitted += 1
    messages.success(
        request, f"{submitted} draft item{pluralize(submitted)} from {record.file_name} submitted for review."
    )
    return redirect(reverse("admin:oap_directory_importrecord_change", args=[record.pk]))


def undo_import(request, admin_site, record_id):
    record = ImportRecord.objects.filter(pk=record_id).first()
    if record is None:
        raise Http404
    if request.method != "POST" or not _may_import_words(request.user):
        raise PermissionDenied
    archived = word_import_module.undo(record, request.user)
    messages.success(request, f"Undone: {archived} draft item(s) from {record.file_name} archived.")
    return redirect(reverse("admin:oap_directory_importrecord_change", args=[record.pk]))
