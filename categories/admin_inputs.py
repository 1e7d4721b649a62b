"""Admin pieces that answer tampered or mistyped input with the form and a message, never a server error."""

import os
import re

from django.contrib import messages
from django.contrib.admin import widgets as admin_widgets
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST
from import_export.admin import ImportExportMixin

from categories.spreadsheets import SpreadsheetImportForm

# django-import-export keeps an upload between preview and confirmation in a temporary file named like this.
TEMPORARY_UPLOAD = re.compile(r"tmp[A-Za-z0-9_]{6,}")


def _is_valid_key(field, value):
    """Whether `value` could be a key of the field's related model (a posted form may hold anything)."""
    try:
        field.target_field.get_prep_value(field.target_field.to_python(value))
    except (ValidationError, ValueError, TypeError):
        return False
    return True


class _ShowsOnlyValidChoices:
    """Django's autocomplete widgets look up the posted values to show them again; a value that is not a key
    (tampered with, or typed into the request) would raise instead of showing the form with its error."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if _is_valid_key(self.field, v)], attr)


class AutocompleteSelect(_ShowsOnlyValidChoices, admin_widgets.AutocompleteSelect):
    pass


class AutocompleteSelectMultiple(_ShowsOnlyValidChoices, admin_widgets.AutocompleteSelectMultiple):
    pass


class SafeAutocomplete:
    """For ModelAdmins and inlines with `autocomplete_fields`: the widgets above instead of Django's."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault("widget", AutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using")))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            widget = AutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
            kwargs.setdefault("widget", widget)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class SpreadsheetImportExport(ImportExportMixin):
    """django-import-export, with its confirmation step checked first: the confirmation form names the file
    format and the temporary copy of the upload, and a tampered or repeated one would fail half-way."""

    import_form_class = SpreadsheetImportForm

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        if not self.has_import_permission(request):
            raise PermissionDenied
        name = os.path.basename(request.POST.get("import_file_name", ""))
        formats = {str(index) for index in range(len(self.get_import_formats()))}
        if TEMPORARY_UPLOAD.fullmatch(name) and request.POST.get("format") in formats:
            try:
                return super().process_import(request, **kwargs)
            except OSError:  # the temporary copy is gone: confirmed twice, or too late
                pass
        self.message_user(request, "This import can no longer be confirmed. Choose the file again.", messages.ERROR)
        return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import"))
