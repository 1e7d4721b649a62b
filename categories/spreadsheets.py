"""Strategies to and from CSV and Excel (django-import-export), by slug and name rather than ids.

Imports are checked row by row in a dry run first; any row error means nothing is written, and every
error of a row is shown at once. New rows arrive as drafts; status is exported for information and
never imported. An unchanged export imports as 0 changes. Each imported item gets one history version
saying which file it came from; a row that changes a published item, imported by someone who may not
publish, becomes that item's pending change for a publisher to review instead of changing the live page.
Text that a spreadsheet program would run as a formula (starting =, +, -, @) is exported with a leading
apostrophe, which an import removes.
"""

import contextlib

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from import_export import fields, resources, widgets
from import_export.forms import ImportForm
from taggit.models import Tag

from categories import workflow
from categories.content import Status
from categories.history import record_version
from categories.models import Category, Level, Phase, Strategy

_registered = {"bulk_load": contextlib.nullcontext}
SEPARATOR = ";"
MAX_ROWS = 5000
MAX_FILE_BYTES = 5 * 1024 * 1024
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def use_bulk_load(context):
    """Registered by the site-wide code at `ready()` (this app does not import it): a context manager an import
    runs in, so that the content version is bumped once, when it finishes."""
    _registered["bulk_load"] = context


def neutralised(value):
    """Text a spreadsheet would run as a formula, made plain text with a leading apostrophe."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def restored(value):
    """The text as typed, from a cell neutralised on export."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


class SpreadsheetImportForm(ImportForm):
    """django-import-export's import form, refusing files over the size cap."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                f"The file is too big: the limit is {MAX_FILE_BYTES // (1024 * 1024)} MB. Split it into smaller files."
            )
        return upload


def _by_slug_or_name(model, text):
    text = str(text or "").strip()
    return model.objects.filter(Q(slug__iexact=text) | Q(name__iexact=text) | Q(slug=slugify(text))).first()


class NamedChoiceWidget(widgets.ForeignKeyWidget):
    """A level given by its slug or its name (“SEN Support”, “targeted”), in any case."""

    def __init__(self, model):
        super().__init__(model, field="slug")

    def clean(self, value, row=None, **kwargs):
        if not str(value or "").strip():
            return None
        found = _by_slug_or_name(self.model, value)
        if found is None:
            names = ", ".join(self.model.objects.values_list("name", flat=True)[:10])
            raise ValueError(f"No {self.model._meta.verbose_name} “{str(value)[:50]}”: use one of {names}.")
        return found


class SlugListWidget(widgets.ManyToManyWidget):
    """A `;`-separated list of slugs; unknown ones are an error for that row, not silently dropped."""

    def __init__(self, model, field="slug"):
        super().__init__(model, separator=SEPARATOR, field=field)

    def values(self, value):
        return [item.strip() for item in str(value or "").split(SEPARATOR) if item.strip()]

    def unknown(self, value):
        wanted = self.values(value)
        known = set(self.model.objects.filter(**{f"{self.field}__in": wanted}).values_list(self.field, flat=True))
        return [item for item in wanted if item not in known]

    def render(self, value, obj=None, **kwargs):
        return SEPARATOR.join(sorted(str(getattr(item, self.field)) for item in value.all())) if value else ""


class NamedListWidget(SlugListWidget):
    """A `;`-separated list of phases by slug or name, in any case."""

    def clean(self, value, row=None, **kwargs):
        found = [_by_slug_or_name(self.model, item) for item in self.values(value)]
        return [item for item in found if item is not None]

    def unknown(self, value):
        return [item for item in self.values(value) if _by_slug_or_name(self.model, item) is None]


class TagsWidget(widgets.ManyToManyWidget):
    def __init__(self):
        super().__init__(Tag, separator=SEPARATOR, field="name")

    def clean(self, value, row=None, **kwargs):
        return [item.strip()[:100] for item in str(value or "").split(SEPARATOR) if item.strip()]

    def render(self, value, obj=None, **kwargs):
        return SEPARATOR.join(sorted(tag.name for tag in value.all())) if value else ""


def pending_changes():
    """oap_directory.revisions, registered from above (this app does not import it)."""
    from categories.admin import _registered

    return _registered["pending_changes"]


class SafeSpreadsheet(resources.ModelResource):
    """What every spreadsheet does: formulas neutralised on export and restored on import, a row cap, and
    nothing written when any row has an error."""

    def export_field(self, field, instance, **kwargs):
        return neutralised(super().export_field(field, instance, **kwargs))

    def before_import_row(self, row, **kwargs):
        for name, value in row.items():
            row[name] = "" if value is None else restored(value)  # Excel gives an empty cell as None

    def import_instance(self, instance, row, **kwargs):
        """Every error of the row at once, including linked slugs that are not here."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors.update(error.error_dict)
        for field in self.get_import_fields():
            if isinstance(field.widget, SlugListWidget) and field.column_name in row:
                if unknown := field.widget.unknown(row[field.column_name]):
                    errors[field.attribute] = ValidationError(
                        f"Not found: {', '.join(unknown[:5])}. Use the slugs shown in the admin."
                    )
        errors.update(self.row_errors(instance, row))
        if nul := [str(name) for name, value in row.items() if "\x00" in str(value or "")]:
            errors[NON_FIELD_ERRORS] = ValidationError(
                f"Remove the invisible NUL character from: {', '.join(nul[:5])[:200]}."
            )
        if errors:
            raise ValidationError(errors)

    def row_errors(self, instance, row):
        """A spreadsheet's own checks of a row, {field: ValidationError}, shown with the row's other errors."""
        return {}

    def import_data(self, dataset, dry_run=False, **kwargs):
        """As django-import-export, but a row with a validation error also means nothing is written, and a
        spreadsheet over the row cap is refused whole."""
        if len(dataset) > MAX_ROWS:
            result = self.get_result_class()()
            result.append_base_error(
                self.get_error_result_class()(
                    ValueError(
                        f"The spreadsheet has {len(dataset):,} rows: at most {MAX_ROWS:,} rows can be imported at once. "
                        "Split it into smaller files."
                    )
                )
            )
            return result
        with transaction.atomic(), _registered["bulk_load"]():
            result = super().import_data(dataset, dry_run=dry_run, **kwargs)
            if result.has_validation_errors() or result.has_errors():
                transaction.set_rollback(True)
        return result

    class Meta:
        abstract = True
        skip_unchanged = True  # inherited by direct subclasses only (django-import-export reads one level up)
        report_skipped = True
        clean_model_instances = True
        use_transactions = True


class ContentSpreadsheet(SafeSpreadsheet):
    """Shared rules: match rows by slug, check every linked slug exists, new rows become drafts."""

    status = fields.Field(attribute="status", column_name="status", readonly=True)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """As django-import-export, but tags are compared by name (they are cleaned as names, not tags)."""
        if not self._meta.skip_unchanged or import_validation_errors:
            return False
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget):
                if field.column_name not in row:
                    continue
                if isinstance(field.widget, TagsWidget):
                    ours = sorted(original.tags.names()) if original.pk else []
                    if sorted(field.clean(row)) != ours:
                        return False
                    continue
                ours = sorted(item.pk for item in field.get_value(original).all()) if original.pk else []
                if sorted(item.pk for item in field.clean(row)) != ours:
                    return False
            elif field.get_value(instance) != field.get_value(original):
                return False
        return True

    def before_save_instance(self, instance, row, **kwargs):
        if instance.pk is None:
            instance.status = Status.DRAFT

    def _waits_for_review(self, instance, is_create, **kwargs):
        user = kwargs.get("user")
        if is_create or user is None or pending_changes() is None:
            return False
        if pending_changes().open_change(instance) is not None:
            return True
        return instance.status == Status.PUBLISHED and not workflow.can_publish(user, type(instance))

    def save_instance(self, instance, is_create, row, **kwargs):
        instance.oap_waits_for_review = self._waits_for_review(instance, is_create, **kwargs)
        if instance.oap_waits_for_review:
            self.before_save_instance(instance, row, **kwargs)
            return
        instance.skip_history_when_saving = True  # one version, with relations, once they are saved
        super().save_instance(instance, is_create, row, **kwargs)

    def save_m2m(self, instance, row, **kwargs):
        reason = f"Imported from {kwargs.get('file_name') or 'a spreadsheet'}"[:100]
        if getattr(instance, "oap_waits_for_review", False):
            pending_changes().save(instance, self._merged_with_pending(instance, row), kwargs.get("user"))
            return
        super().save_m2m(instance, row, **kwargs)
        if hasattr(instance, "skip_history_when_saving"):
            del instance.skip_history_when_saving
        record_version(instance, kwargs.get("user"), reason)

    def _merged_with_pending(self, instance, row):
        """The row joins the item's pending change: what the row changes from the live item replaces the pending
        value; everything else pending stays as the editor left it."""
        imported = self._pending_data(instance, row)
        change = pending_changes().open_change(instance)
        if change is None:
            return imported
        live = type(instance).objects.get(pk=instance.pk)
        merged = {**change.data, "fields": dict(change.data["fields"]), "m2m": dict(change.data["m2m"])}
        merged.pop("base", None)
        for attname, value in imported["fields"].items():
            current = getattr(live, attname)
            if str(value) != str(current if current is not None else None):
                merged["fields"][attname] = value
        for name, pks in imported["m2m"].items():
            if sorted(pks) != sorted(getattr(live, name).values_list("pk", flat=True)):
                merged["m2m"][name] = pks
        if imported["tags"] is not None and imported["tags"] != sorted(live.tags.names()):
            merged["tags"] = imported["tags"]
        return merged

    def _pending_data(self, instance, row):
        """The imported row as a pending change: the item's fields as imported, and its relations."""
        data = {"fields": {}, "files": {}, "m2m": {}, "tags": None, "inlines": {}}
        for field in self.get_import_fields():
            if field.readonly or field.attribute is None:
                continue
            model_field = instance._meta.get_field(field.attribute)
            if field.attribute == "tags":
                data["tags"] = sorted(field.clean(row)) if field.column_name in row else None
            elif model_field.many_to_many:
                if field.column_name in row:
                    data["m2m"][field.attribute] = [item.pk for item in field.clean(row)]
            elif model_field.concrete:
                value = getattr(instance, model_field.attname)
                data["fields"][model_field.attname] = value if isinstance(value, int | str | None) else str(value)
        return data

    class Meta:
        abstract = True


class PlacedContentSpreadsheet(ContentSpreadsheet):
    """Content with a level, phases, categories and tags: strategies and interventions."""

    level = fields.Field(attribute="level", column_name="level", widget=NamedChoiceWidget(Level))
    phases = fields.Field(attribute="phases", column_name="phases", widget=NamedListWidget(Phase))
    categories = fields.Field(attribute="categories", column_name="categories", widget=SlugListWidget(Category))
    tags = fields.Field(attribute="tags", column_name="tags", widget=TagsWidget())

    class Meta:
        abstract = True


class StrategySpreadsheet(PlacedContentSpreadsheet):
    class Meta:
        model = Strategy
        name = "Strategies (by slug)"
        import_id_fields = ["slug"]
        fields = [
            "slug", "title", "teacher_statement", "child_statement", "why", "how",
            "level", "phases", "categories", "tags", "status",
        ]  # fmt: skip
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True
