"""Interventions and resources to and from CSV and Excel (see categories/spreadsheets.py)."""

from import_export import fields

from categories.models import Phase
from categories.spreadsheets import ContentSpreadsheet, PlacedContentSpreadsheet, SlugListWidget, TagsWidget
from resources.models import Intervention, Resource


class InterventionSpreadsheet(PlacedContentSpreadsheet):
    resources = fields.Field(attribute="resources", column_name="resources", widget=SlugListWidget(Resource))

    class Meta:
        model = Intervention
        name = "Interventions (by slug)"
        import_id_fields = ["slug"]
        fields = [
            "slug", "name", "summary", "description", "who_delivers", "group_size", "frequency", "duration",
            "cost_per_pupil_per_year", "cost_notes", "evidence_strength", "evidence_source_url",
            "level", "phases", "categories", "resources", "tags", "status",
        ]  # fmt: skip
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True


class ResourceSpreadsheet(ContentSpreadsheet):
    phases = fields.Field(attribute="phases", column_name="phases", widget=SlugListWidget(Phase))
    tags = fields.Field(attribute="tags", column_name="tags", widget=TagsWidget())

    class Meta:
        model = Resource
        name = "Resources (by slug)"
        import_id_fields = ["slug"]
        fields = ["slug", "title", "kind", "summary", "url", "provider", "audience", "phases", "tags", "status"]
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True
