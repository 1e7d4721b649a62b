"""Admin pages for bringing content in and sharing it out (site managers)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from categories.models import Category, Level
from oap_directory import word_import as word_import_module
from oap_directory.content_packs import PackError, import_pack, pack_bytes
from oap_directory.models import ImportRecord

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class PackImportForm(forms.Form):
    pack = forms.FileField(
        label="Content pack (.zip)", help_text="A pack made by “Download a content pack”, up to 50 MB."
    )
    publish = forms.BooleanField(
        label="Keep the pack’s statuses (publish what was published)",
        required=False,
        help_text="Leave unticked to bring everything in as drafts to review first.",
    )
    overwrite = forms.BooleanField(
        label="Overwrite items that have been changed here", required=False, help_text="Otherwise they are reported."
    )

    def clean_pack(self):
        pack = self.cleaned_data["pack"]
        if pack.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is too big: the limit is 50 MB.")
        if not pack.name.lower().endswith(".zip"):
            raise forms.ValidationError("Choose a .zip content pack.")
        return pack


def content_packs(request, admin_site):
    if not request.user.has_perm("oap_directory.add_importrecord"):
        raise PermissionDenied
    if request.method == "GET" and request.GET.get("download"):
        site = request.site
        name = f"{site.council_name.lower().replace(' ', '-')}-content-{timezone.localdate():%Y-%m-%d}.zip"
        response = HttpResponse(pack_bytes(), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    form = PackImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        pack = form.cleaned_data["pack"]
        try:
            record = import_pack(
                pack, pack.name, form.cleaned_data["publish"], form.cleaned_data["overwrite"], request.user
            )
        except PackError as error:
            form.add_error("pack", str(error))
        else:
            counts = record.counts
            messages.success(
                request,
                f"Imported {pack.name}: {counts['created']} created, {counts['updated']} updated, "
                f"{counts['unchanged']} unchanged, {counts['conflicts']} conflicts.",
            )
            return redirect(reverse("admin:oap_directory_importrecord_change", args=[record.pk]))
    context = {**admin_site.each_context(request), "title": "Content packs", "form": form}
    return TemplateResponse(request, "admin/oap/content_packs.html", context)


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
        choices = {
            index: {
                "include": request.POST.get(f"item-{index}-include") == "on",
                "category": request.POST.get(f"item-{index}-category", ""),
                "level": request.POST.get(f"item-{index}-level", ""),
            }
            for index in range(len(proposal.items))
        }
        record = word_import_module.create(proposal, choices, request.user)
        del request.session[SESSION_KEY]
        counts = record.counts
        messages.success(
            request,
            f"Imported {record.file_name} as drafts: {counts['strategies']} strategies, {counts['resources']} "
            f"resources, {counts['categories']} new categories. Review them, then submit them for review.",
        )
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


def _preview_context(proposal):
    categories = list(Category.objects.order_by("name").values_list("pk", "name"))
    targets = [
        (f"new:{i}", f"{'Existing' if s.existing_id else 'New'}: {s.name}") for i, s in enumerate(proposal.sections)
    ]
    targets += [(f"existing:{pk}", name) for pk, name in categories]
    rows = []
    for index, item in enumerate(proposal.items):
        section = proposal.sections[item.section] if item.section is not None else None
        default = f"new:{item.section}" if item.section is not None else ""
        rows.append({"index": index, "item": item, "section": section, "default_target": default})
    return {
        "proposal": proposal,
        "rows": rows,
        "targets": targets,
        "levels": list(Level.objects.active().values_list("slug", "name")),
    }


def undo_import(request, admin_site, record_id):
    record = ImportRecord.objects.filter(pk=record_id).first()
    if record is None:
        raise Http404
    if request.method != "POST" or not _may_import_words(request.user):
        raise PermissionDenied
    archived = word_import_module.undo(record, request.user)
    messages.success(request, f"Undone: {archived} draft item(s) from {record.file_name} archived.")
    return redirect(reverse("admin:oap_directory_importrecord_change", args=[record.pk]))
