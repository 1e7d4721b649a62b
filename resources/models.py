from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager

from categories.addresses import slug_url
from categories.content import ContentItem, ContentQuerySet
from categories.models import Category, Level, Phase, Strategy
from oap_directory.richtext import RichTextField
from resources import costing, storage
from resources.validators import validate_resource_file


class Resource(ContentItem):
    """A document, web page, video, training course or service that helps deliver strategies."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", "Document"
        WEB_PAGE = "web_page", "Web page"
        VIDEO = "video", "Video"
        TRAINING = "training", "Training"
        SERVICE = "service", "Service"

    title = models.CharField(max_length=200, help_text="What teachers will recognise it by, e.g. “Phonics games pack”.")
    kind = models.CharField(
        "type",
        max_length=20,
        choices=Kind.choices,
        default=Kind.WEB_PAGE,
        help_text="What sort of resource it is: people can filter the resource library by type.",
    )
    summary = models.TextField(help_text="What it is and when a teacher would use it, in one to three sentences.")
    url = models.URLField(
        "web address",
        max_length=500,
        blank=True,
        help_text="Link to the resource. Give a web address or a file, not both.",
    )
    file = models.FileField(
        upload_to=storage.unguessable_name,
        storage=storage.storage,
        blank=True,
        validators=[validate_resource_file],
        help_text="PDF, Word, Excel, PowerPoint, PNG or JPEG. Give a file or a web address, not both.",
    )
    provider = models.CharField(
        max_length=200, blank=True, help_text="Who offers it, e.g. “Northbrook Educational Psychology Service”."
    )
    audience = models.CharField(
        max_length=200, blank=True, help_text="Who it is for, e.g. “Teachers and teaching assistants”."
    )
    phases = models.ManyToManyField(
        Phase, blank=True, related_name="resources", help_text="Phases it suits; leave empty if it suits all."
    )
    tags = TaggableManager(blank=True, help_text="Comma-separated keywords.")

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        permissions = [("publish_resource", "Can publish, unpublish, archive and restore resources")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_url("resources:resource_detail", self.slug)

    def clean(self):
        super().clean()
        if bool(self.url) == bool(self.file):
            message = (
                "Give either a web address or a file, not both." if self.url else "Give a web address or upload a file."
            )
            raise ValidationError({"url": message})

    @property
    def link(self):
        """Where a reader goes: the web address, or the file through a view that checks it is published."""
        return reverse("resources:resource_file", args=[self.slug]) if self.file else self.url


class StaffRoleQuerySet(models.QuerySet):
    def current(self, on=None):
        """Roles whose rate is valid on `on` (default today)."""
        on = on or timezone.localdate()
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on), valid_from__lte=on)

    def rate_for(self, slug, on=None):
        """The role with this slug whose rate is valid on `on`, or None."""
        return self.current(on).filter(slug=slug).order_by("-valid_from").first()


class StaffRole(models.Model):
    """Who delivers an intervention, for costing: a role (never a person) and its hourly rate for a period.

    A pay rise is a new row with the same slug and a later “valid from”, so costs worked out on an earlier date
    can still be explained with the rate used then."""

    name = models.CharField(max_length=100, help_text="As schools know it, e.g. “Teaching assistant”.")
    slug = models.SlugField(
        max_length=80,
        help_text="The role's short name in spreadsheets and content packs, e.g. teaching-assistant. Rows for the "
        "same role in different periods share it.",
    )
    hourly_rate = models.DecimalField(
        "hourly rate (£)",
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text="Pay for one hour, before on-costs, e.g. 14.00.",
    )
    on_cost_percent = models.DecimalField(
        "on-costs (%)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("200"))],
        help_text="Employer's National Insurance and pension as a percentage of pay, e.g. 28. Enter 0 if the "
        "hourly rate already includes them.",
    )
    valid_from = models.DateField(default=date(2000, 1, 1), help_text="The first day this rate applies.")
    valid_to = models.DateField(
        null=True, blank=True, help_text="The last day this rate applies; leave empty while it is current."
    )

    objects = StaffRoleQuerySet.as_manager()

    class Meta:
        ordering = ["name", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["slug", "valid_from"], name="unique_staff_role_period")]

    def __str__(self):
        until = f" to {self.valid_to:%-d %B %Y}" if self.valid_to else ""
        return f"{self.name} (£{self.hourly_rate} an hour from {self.valid_from:%-d %B %Y}{until})"

    def clean(self):
        super().clean()
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "The last day must be on or after the first day."})
        if not self.slug or not self.valid_from:
            return
        others = StaffRole.objects.filter(slug=self.slug).exclude(pk=self.pk)
        end = self.valid_to or date.max
        overlapping = others.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from), valid_from__lte=end)
        if overlapping.exists():
            raise ValidationError(
                {
                    "valid_from": f"Another rate for “{self.slug}” covers some of these dates: {overlapping.first()}. "
                    "Give that one a last day first."
                }  # fmt: skip
            )


class CostingPolicy(models.Model):
    """How this council costs provision (one per deployment, pk 1)."""

    weeks_per_year = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        default=Decimal("38"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("52"))],
        help_text="Weeks a year that targeted provision runs, e.g. 38 school weeks (some councils use 45.5 to "
        "include holiday pay). Used when an intervention or a provision map line gives no number of weeks.",
    )
    weekly_hour_cap = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        default=Decimal("32.5"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text="A school's provision map warns when one staff role's hours across the map go over this many "
        "hours a week (schools may give their own figure for a role). 0 means no warning.",
    )
    academic_year_start = models.DateField(
        default=date(2000, 9, 1),
        help_text="The day and month the academic year starts (the year is ignored): “cost to date” counts weeks "
        "from it.",
    )

    class Meta:
        verbose_name = "costing policy"
        verbose_name_plural = "costing policy"

    def __str__(self):
        return "Costing policy"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls):
        """The policy, created with its defaults the first time it is asked for."""
        policy, _ = cls.objects.get_or_create(pk=1)
        return policy

    def year_start(self, on=None):
        """The start of the academic year that `on` (default today) falls in."""
        on = on or timezone.localdate()
        start = _same_day_in(self.academic_year_start, on.year)
        return start if start <= on else _same_day_in(self.academic_year_start, on.year - 1)


def _same_day_in(day, year):
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=year, day=28)


class Intervention(ContentItem):
    """A named targeted programme, with who runs it, how often, what it costs and how strong its evidence is."""

    class EvidenceStrength(models.TextChoices):
        STRONG = "strong", "Strong"
        MODERATE = "moderate", "Moderate"
        EMERGING = "emerging", "Emerging"
        NOT_EVALUATED = "not_evaluated", "Not yet evaluated"

    name = models.CharField(max_length=200, help_text="The programme's name, e.g. “Talk Boost”.")
    summary = models.TextField(help_text="One or two sentences: what it is and who it suits.")
    description = RichTextField(help_text="What happens in a session, who it suits, how progress is checked.")
    who_delivers = models.CharField(max_length=200, blank=True, help_text="e.g. “Trained teaching assistant”.")
    group_size = models.CharField(max_length=100, blank=True, help_text="e.g. “1:1” or “3–6 pupils”.")
    frequency = models.CharField(max_length=100, blank=True, help_text="e.g. “3 × 20 minutes a week”.")
    duration = models.CharField(max_length=100, blank=True, help_text="e.g. “10–12 weeks”.")
    cost_per_pupil_per_year = models.DecimalField(
        "indicative cost per pupil per year (£)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Required for costed levels (targeted and specialist); left empty for universal provision.",
    )
    cost_notes = models.TextField(blank=True, help_text="How the cost was worked out, e.g. staff hours and materials.")
    evidence_strength = models.CharField(
        "strength of evidence",
        max_length=20,
        choices=EvidenceStrength.choices,
        default=EvidenceStrength.NOT_EVALUATED,
        help_text="How well independent evaluations support it: strong means several good trials agree.",
    )
    evidence_source_url = models.URLField(
        "evidence source",
        max_length=500,
        blank=True,
        help_text="A link to the evaluation or review the strength of evidence is based on.",
    )
    level = models.ForeignKey(
        Level, on_delete=models.PROTECT, related_name="interventions", help_text="Level of support."
    )
    phases = models.ManyToManyField(
        Phase, blank=True, related_name="interventions", help_text="Phases it suits; leave empty if it suits all."
    )
    categories = models.ManyToManyField(
        Category, blank=True, related_name="interventions", help_text="Category pages that suggest it."
    )
    resources = models.ManyToManyField(
        Resource, blank=True, related_name="interventions", help_text="Resources that help deliver it."
    )
    tags = TaggableManager(blank=True, help_text="Comma-separated keywords.")
    staff_role = models.ForeignKey(
        StaffRole,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interventions",
        verbose_name="delivered by (staff role)",
        help_text="For costing: who runs a session. With the figures below, the cost per pupil per year is worked "
        "out for you when you save. Leave empty to type the cost yourself.",
    )
    pupils_per_group = models.PositiveSmallIntegerField(
        "pupils in a group",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="For costing: how many pupils share a session, e.g. 4 (1 for one-to-one).",
    )
    minutes_per_session = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text="For costing: staff minutes for one session, including any preparation, e.g. 30.",
    )
    sessions_per_week = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("50"))],
        help_text="For costing: e.g. 3, or 0.5 for once a fortnight.",
    )
    weeks = models.DecimalField(
        "weeks a year",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("52"))],
        help_text="For costing: how many weeks it runs in a year, e.g. 12. Leave empty to use the council's weeks "
        "per year from the costing policy.",
    )
    resource_cost_per_pupil = models.DecimalField(
        "resources per pupil (£)",
        max_digits=7,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text="For costing: books, materials or licences for one pupil for the year, e.g. 25.00.",
    )
    is_local_service = models.BooleanField(
        "list as a local service",
        default=False,
        help_text="Tick if a local organisation provides this to schools or families: it is then published in the "
        "Open Referral UK feed of local services, with the provider and contact below.",
    )
    provider_name = models.CharField(
        "provider organisation",
        max_length=200,
        blank=True,
        help_text="Who provides it, e.g. “Northbrook Speech and Language Therapy Service”. Needed for a local service.",
    )
    provider_website = models.URLField(
        "provider website", max_length=500, blank=True, help_text="The provider's own website, starting https://."
    )
    contact_name = models.CharField(
        "contact",
        max_length=200,
        blank=True,
        help_text="A team or role to contact, never a person's name, e.g. “Outreach team”.",
    )
    contact_email = models.EmailField("contact email", blank=True, help_text="Where schools ask about the service.")

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        permissions = [("publish_intervention", "Can publish, unpublish, archive and restore interventions")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("resources:intervention_detail", self.slug)

    COSTING_FIELDS = ("pupils_per_group", "minutes_per_session", "sessions_per_week")

    @property
    def has_costing_inputs(self):
        return self.staff_role_id is not None and all(getattr(self, name) for name in self.COSTING_FIELDS)

    @property
    def costing_inputs(self):
        """Its costing inputs with today's rate, or None (see resources/costing.py)."""
        return costing.inputs_for(self)

    def apply_costing(self):
        """Work out the stored cost from the costing inputs, when there are inputs and a rate valid today."""
        inputs = costing.inputs_for(self)
        if inputs is not None:
            self.cost_per_pupil_per_year = costing.cost_per_pupil_per_year(inputs)

    def save(self, *args, **kwargs):
        self.apply_costing()
        super().save(*args, **kwargs)

    def _clean_costing(self):
        if self.staff_role_id is None:
            return
        missing = {
            name: "Give this to work out the cost from the staff role, or clear the staff role."
            for name in self.COSTING_FIELDS
            if not getattr(self, name)
        }
        if missing:
            raise ValidationError(missing)
        if self.level_id is not None and not self.level.is_costed:
            raise ValidationError(
                {"staff_role": f"Leave the staff role empty: “{self.level}” provision is never costed."}
            )
        if costing.inputs_for(self) is None:
            raise ValidationError({"staff_role": f"“{self.staff_role.name}” has no hourly rate valid today."})
        self.apply_costing()

    def clean(self):
        super().clean()
        self._clean_costing()
        if self.is_local_service and not self.provider_name.strip():
            raise ValidationError({"provider_name": "Give the provider organisation: a local service needs one."})
        if self.level_id is None:
            return
        if self.level.is_costed and self.cost_per_pupil_per_year is None:
            raise ValidationError(
                {"cost_per_pupil_per_year": f"Give an indicative cost: “{self.level}” interventions are costed."}
            )
        if not self.level.is_costed and self.cost_per_pupil_per_year is not None:
            raise ValidationError(
                {"cost_per_pupil_per_year": f"Leave the cost empty: “{self.level}” provision is never costed."}
            )


class StrategyResource(models.Model):
    """A resource linked to a strategy, in the order the strategy page lists them."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="resource_links")
    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="strategy_links", help_text="Start typing its title."
    )
    order = models.PositiveIntegerField(default=0, help_text="Lower numbers are listed first.")

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["strategy", "resource"], name="unique_strategy_resource")]

    def __str__(self):
        return f"{self.strategy} → {self.resource}"


class StrategyIntervention(models.Model):
    """An intervention suggested for a strategy, in order."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="intervention_links")
    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="strategy_links", help_text="Start typing its name."
    )
    order = models.PositiveIntegerField(default=0, help_text="Lower numbers are listed first.")

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "intervention"], name="unique_strategy_intervention")
        ]

    def __str__(self):
        return f"{self.strategy} → {self.intervention}"
