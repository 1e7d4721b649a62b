"""Observations to and from CSV and Excel (see categories/spreadsheets.py), by slug.

Links are exported so that a reviewer can read them beside the wording; they are edited in the admin, where each
gets its weight and its reason, and are never imported. New rows arrive as drafts.
"""

from import_export import fields, widgets

from categories.models import Category, Phase
from categories.spreadsheets import SEPARATOR, ContentSpreadsheet, SlugListWidget
from finder.models import Observation


class ObservationSpreadsheet(ContentSpreadsheet):
    area = fields.Field(attribute="area", column_name="area", widget=widgets.ForeignKeyWidget(Category, field="slug"))
    sub_area = fields.Field(
        attribute="sub_area", column_name="sub_area", widget=widgets.ForeignKeyWidget(Category, field="slug")
    )
    phases = fields.Field(attribute="phases", column_name="phases", widget=SlugListWidget(Phase))
    links = fields.Field(column_name="links (exported only)", readonly=True)

    def dehydrate_links(self, observation):
        return SEPARATOR.join(
            f"{link.target._meta.model_name}:{link.target.slug} ({link.weight})"
            for link in observation.links.select_related("strategy", "intervention", "resource")
        )

    class Meta:
        model = Observation
        name = "Observations (by slug)"
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "text",
            "kind",
            "area",
            "sub_area",
            "phases",
            "synonyms",
            "is_common",
            "order",
            "status",
            "links",
        ]
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True
