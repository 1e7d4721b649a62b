"""Self-evaluation statements to and from CSV and Excel (see categories/spreadsheets.py): one row per statement of
each framework version, so a council can review and reword its framework in a spreadsheet.

A row names its framework by slug and version and its section by title; the uuid is the statement's identity, the
same in every version (leave it empty for a new statement). Only draft versions change: a row that would change a
published version is an error asking for a new version first. Strategies and resources are given by slug, the
council's target by a level of the framework's scale, and the descriptors one per line as “level: what it looks
like”. Sharing codes and shared evaluations never appear.
"""

from django.core.exceptions import ValidationError
from import_export import fields, widgets

from categories.models import Strategy
from categories.spreadsheets import SafeSpreadsheet, SlugListWidget
from resources.models import Resource
from selfreview.models import Framework, Section, Statement, TargetLevel


class DescriptorsWidget(widgets.Widget):
    """What each level looks like for a statement, one line per level: “emerging: Some leaders …”."""

    def clean(self, value, row=None, **kwargs):
        descriptors = {}
        for line in str(value or "").splitlines():
            if not line.strip():
                continue
            slug, colon, text = line.partition(":")
            if not colon or not slug.strip() or not text.strip():
                raise ValueError(
                    f"Write each descriptor on its own line as “level: what it looks like” (“{line[:40]}”)."
                )
            descriptors[slug.strip()] = text.strip()
        return descriptors

    def render(self, value, obj=None, **kwargs):
        return "\n".join(f"{slug}: {text}" for slug, text in (value or {}).items())


def _framework(row):
    version = str(row.get("version") or "").strip().removesuffix(".0")  # a spreadsheet may give 2 as 2.0
    if not version.isdecimal():
        return None
    slug = str(row.get("framework") or "").strip()
    return Framework.objects.select_related("scale").filter(slug=slug, version=int(version)).first()


class StatementSpreadsheet(SafeSpreadsheet):
    framework = fields.Field(column_name="framework")
    version = fields.Field(column_name="version")
    section = fields.Field(column_name="section")
    descriptors = fields.Field(attribute="descriptors", column_name="descriptors", widget=DescriptorsWidget())
    strategies = fields.Field(attribute="strategies", column_name="strategies", widget=SlugListWidget(Strategy))
    resources = fields.Field(attribute="resources", column_name="resources", widget=SlugListWidget(Resource))
    target = fields.Field(column_name="target")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._level_order = {}

    class Meta:
        model = Statement
        name = "Self-evaluation statements (by framework version)"
        import_id_fields = ["uuid"]
        fields = [
            "framework", "version", "section", "uuid", "order", "text", "is_statutory", "descriptors",
            "strategies", "resources", "target",
        ]  # fmt: skip
        export_order = fields  # the rest as every spreadsheet: categories.spreadsheets.SafeSpreadsheet

    def get_queryset(self):
        statements = Statement.objects.select_related("section__framework", "target__level")
        statements = statements.prefetch_related("strategies", "resources")
        return statements.order_by("section__framework__slug", "section__framework__version", "section__order", "order")

    def dehydrate_framework(self, statement):
        return statement.section.framework.slug

    def dehydrate_version(self, statement):
        return statement.section.framework.version

    def dehydrate_section(self, statement):
        return statement.section.title

    def dehydrate_descriptors(self, statement):
        """In the order of the scale's levels (PostgreSQL keeps a JSON object's keys in an order of its own)."""
        framework = statement.section.framework
        if framework.pk not in self._level_order:
            self._level_order[framework.pk] = list(framework.scale.levels.values_list("slug", flat=True))
        order = self._level_order[framework.pk]
        descriptors = statement.descriptors if isinstance(statement.descriptors, dict) else {}
        ordered = sorted(descriptors.items(), key=lambda pair: order.index(pair[0]) if pair[0] in order else len(order))
        return self.fields["descriptors"].widget.render(dict(ordered))

    def dehydrate_target(self, statement):
        target = getattr(statement, "target", None)
        return target.level.slug if target else ""

    # ------------------------------------------------------------------------------ import
    def get_instance(self, instance_loader, row):
        uuid, framework = str(row.get("uuid") or "").strip(), _framework(row)
        if not uuid or framework is None:
            return None
        try:
            return Statement.objects.filter(section__framework=framework, uuid=uuid).first()
        except ValidationError:  # not a uuid: full_clean says so for the row
            return None

    def init_instance(self, row=None):
        statement = Statement()
        if str((row or {}).get("uuid") or "").strip():
            statement.uuid = str(row["uuid"]).strip()
        return statement

    def row_errors(self, instance, row):
        framework = _framework(row)
        if framework is None:
            version = str(row.get("version"))[:10]
            return {
                "section": ValidationError(f"No framework “{str(row.get('framework'))[:80]}” version {version} here.")
            }
        errors = {}
        section = Section.objects.filter(framework=framework, title=str(row.get("section") or "").strip()).first()
        if section is None:
            errors["section"] = ValidationError(
                f"No section “{str(row.get('section'))[:80]}” in {framework}: add it in the admin first."
            )
        else:
            instance.section = section
        levels = {level.slug: level for level in framework.scale.levels.all()}
        unknown = [slug for slug in (instance.descriptors or {}) if slug not in levels]
        if unknown or (str(row.get("target") or "").strip() not in {"", *levels}):
            errors["descriptors"] = ValidationError(f"Use the levels of “{framework.scale}”: {', '.join(levels)}.")
        instance.oap_framework, instance.oap_target = framework, levels.get(str(row.get("target") or "").strip())
        return errors

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Unchanged rows are skipped; a changed row for a published version is an error."""
        if import_validation_errors:
            return False
        if original.pk and self._unchanged(instance, original, row):
            return True
        if instance.oap_framework.is_locked:
            raise ValidationError(
                f"{instance.oap_framework} is published, so it can’t change: make a new version in the admin and "
                "import into that."
            )
        return False

    def _unchanged(self, instance, original, row):
        names = ("section_id", "order", "text", "is_statutory", "descriptors")
        if any(getattr(instance, name) != getattr(original, name) for name in names):
            return False
        for field in (self.fields["strategies"], self.fields["resources"]):
            if sorted(item.pk for item in field.clean(row)) != sorted(
                item.pk for item in field.get_value(original).all()
            ):
                return False
        ours = getattr(original, "target", None)
        return (ours.level if ours else None) == instance.oap_target

    def save_m2m(self, instance, row, **kwargs):
        super().save_m2m(instance, row, **kwargs)
        if self._is_dry_run(kwargs) and not self._is_using_transactions(kwargs):
            return
        TargetLevel.objects.filter(statement=instance).delete()
        if instance.oap_target is not None:
            TargetLevel.objects.create(statement=instance, level=instance.oap_target)
