"""Strategies to and from CSV and Excel (django-import-export), by slug and name rather than ids.

Imports are checked row by row in a dry run first; any row error means nothing is written. New rows
arrive as drafts; status is exported for information and never imported.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from import_export import fields, resources, widgets
from taggit.models import Tag

from categories.content import Status
from categories.models import Category, Level, Phase, Strategy

SEPARATOR = ";"


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


class TagsWidget(widgets.ManyToManyWidget):
    def __init__(self):
        super().__init__(Tag, separator=SEPARATOR, field="name")

    def clean(self, value, row=None, **kwargs):
        return [item.strip()[:100] for item in str(value or "").split(SEPARATOR) if item.strip()]

    def render(self, value, obj=None, **kwargs):
        return SEPARATOR.join(sorted(tag.name for tag in value.all())) if value else ""


class ContentSpreadsheet(resources.ModelResource):
    """Shared rules: match rows by slug, check every linked slug exists, new rows become drafts."""

    status = fields.Field(attribute="status", column_name="status", readonly=True)

    def import_instance(self, instance, row, **kwargs):
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
        if errors:
            raise ValidationError(errors)

    def import_data(self, dataset, dry_run=False, **kwargs):
        """As django-import-export, but a row with a validation error also means nothing is written."""
        with transaction.atomic():
            result = super().import_data(dataset, dry_run=dry_run, **kwargs)
            if result.has_validation_errors() or result.has_errors():
                transaction.set_rollback(True)
        return result

    def before_save_instance(self, instance, row, **kwargs):
        if instance.pk is None:
            instance.status = Status.DRAFT

    class Meta:
        abstract = True


class PlacedContentSpreadsheet(ContentSpreadsheet):
    """Content with a level, phases, categories and tags: strategies and interventions."""

    level = fields.Field(attribute="level", column_name="level", widget=widgets.ForeignKeyWidget(Level, field="slug"))
    phases = fields.Field(attribute="phases", column_name="phases", widget=SlugListWidget(Phase))
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
