"""Admin pages for bringing content in and sharing it out (site managers)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from oap_directory.content_packs import PackError, import_pack, pack_bytes

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
