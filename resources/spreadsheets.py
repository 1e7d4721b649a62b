"""Interventions and resources to and from CSV and Excel (see categories/spreadsheets.py)."""

from decimal import Decimal

from import_export import fields, widgets

from categories.models import Phase
from categories.spreadsheets import (
    ContentSpreadsheet,
    NamedListWidget,
    PlacedContentSpreadsheet,
    SlugListWidget,
    TagsWidget,
)
from resources.models import Intervention, Resource, StaffRole


class StaffRoleWidget(widgets.ForeignKeyWidget):
    """A staff role by its slug: the row whose rate is valid today (rows for other periods share the slug)."""

    def __init__(self):
        super().__init__(StaffRole, field="slug")

    def clean(self, value, row=None, **kwargs):
        slug = str(value or "").strip()
        if not slug:
            return None
        found = StaffRole.objects.rate_for(slug) or StaffRole.objects.filter(slug=slug).first()
        if found is None:
            slugs = ", ".join(sorted(set(StaffRole.objects.values_list("slug", flat=True)))[:10])
            raise ValueError(f"No staff role “{slug[:50]}”: use one of {slugs}.")
        return found


class AmountWidget(widgets.DecimalWidget):
    """An amount of money where an empty cell means nothing (£0)."""

    def clean(self, value, row=None, **kwargs):
        return super().clean(value, row, **kwargs) or Decimal("0")


class InterventionSpreadsheet(PlacedContentSpreadsheet):
    resources = fields.Field(attribute="resources", column_name="resources", widget=SlugListWidget(Resource))
    staff_role = fields.Field(attribute="staff_role", column_name="staff_role", widget=StaffRoleWidget())
    resource_cost_per_pupil = fields.Field(
        attribute="resource_cost_per_pupil", column_name="resource_cost_per_pupil", widget=AmountWidget()
    )

    class Meta:
        model = Intervention
        name = "Interventions (by slug)"
        import_id_fields = ["slug"]
        fields = [
            "slug", "name", "summary", "description", "who_delivers", "group_size", "frequency", "duration",
            "cost_per_pupil_per_year", "cost_notes", "staff_role", "pupils_per_group", "minutes_per_session",
            "sessions_per_week", "weeks", "resource_cost_per_pupil", "evidence_strength", "evidence_source_url",
            "level", "phases", "categories", "resources", "tags",
            "is_local_service", "provider_name", "provider_website", "contact_name", "contact_email", "status",
        ]  # fmt: skip
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        """A role named by the slug the intervention already has keeps the row it has. Rows for other periods share
        the slug; a newer rate is a change of rate (costs are worked out again for it), not a change the spreadsheet
        makes: re-importing an unchanged export must change nothing, nor wait for review."""
        named = str(row.get("staff_role") or "").strip()
        if field.attribute == "staff_role" and instance.staff_role_id and named == instance.staff_role.slug:
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)


class ResourceSpreadsheet(ContentSpreadsheet):
    phases = fields.Field(attribute="phases", column_name="phases", widget=NamedListWidget(Phase))
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
