from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from taggit.managers import TaggableManager

from categories.content import ContentItem, ContentQuerySet
from categories.models import Category, Level, Phase, Strategy
from oap_directory.richtext import RichTextField
from resources.validators import validate_resource_file


class Resource(ContentItem):
    """A document, web page, video, training course or service that helps deliver strategies."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", "Document"
        WEB_PAGE = "web_page", "Web page"
        VIDEO = "video", "Video"
        TRAINING = "training", "Training"
        SERVICE = "service", "Service"

    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.WEB_PAGE)
    summary = models.TextField(help_text="What it is and when a teacher would use it, in one to three sentences.")
    url = models.URLField(
        "web address",
        max_length=500,
        blank=True,
        help_text="Link to the resource. Give a web address or a file, not both.",
    )
    file = models.FileField(
        upload_to="resources/%Y/%m/",
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
    phases = models.ManyToManyField(Phase, blank=True, related_name="resources")
    tags = TaggableManager(blank=True, help_text="Comma-separated keywords.")

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        permissions = [("publish_resource", "Can publish, unpublish, archive and restore resources")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("resources:resource_detail", args=[self.slug])

    def clean(self):
        super().clean()
        if bool(self.url) == bool(self.file):
            message = (
                "Give either a web address or a file, not both." if self.url else "Give a web address or upload a file."
            )
            raise ValidationError({"url": message})

    @property
    def link(self):
        return self.file.url if self.file else self.url


class Intervention(ContentItem):
    """A named targeted programme, with who runs it, how often, what it costs and how strong its evidence is."""

    class EvidenceStrength(models.TextChoices):
        STRONG = "strong", "Strong"
        MODERATE = "moderate", "Moderate"
        EMERGING = "emerging", "Emerging"
        NOT_EVALUATED = "not_evaluated", "Not yet evaluated"

    name = models.CharField(max_length=200)
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
        max_length=20, choices=EvidenceStrength.choices, default=EvidenceStrength.NOT_EVALUATED
    )
    evidence_source_url = models.URLField("evidence source", max_length=500, blank=True)
    level = models.ForeignKey(
        Level, on_delete=models.PROTECT, related_name="interventions", help_text="Level of support."
    )
    phases = models.ManyToManyField(Phase, blank=True, related_name="interventions")
    categories = models.ManyToManyField(Category, blank=True, related_name="interventions")
    resources = models.ManyToManyField(Resource, blank=True, related_name="interventions")
    tags = TaggableManager(blank=True, help_text="Comma-separated keywords.")

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        permissions = [("publish_intervention", "Can publish, unpublish, archive and restore interventions")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("resources:intervention_detail", args=[self.slug])

    def clean(self):
        super().clean()
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
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="strategy_links")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["strategy", "resource"], name="unique_strategy_resource")]

    def __str__(self):
        return f"{self.strategy} → {self.resource}"


class StrategyIntervention(models.Model):
    """An intervention suggested for a strategy, in order."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="intervention_links")
    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="strategy_links")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "intervention"], name="unique_strategy_intervention")
        ]

    def __str__(self):
        return f"{self.strategy} → {self.intervention}"
