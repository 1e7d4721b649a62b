"""The council's whole-school SEND self-evaluation framework, and what schools choose to share with it.

A school's own evaluation (ratings, rationale, evidence, actions) never reaches the server's tables: it lives in
the browser and in the file the school downloads (selfreview/document.py). Only a shared evaluation is stored,
and it holds ratings alone (SharedEvaluation, SharedRating).
"""

import hashlib
import uuid

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from categories.models import Category, Phase, Strategy
from resources.models import Resource

NOT_APPLICABLE = "not-applicable"


class RatingScale(models.Model):
    """The levels a school rates each statement at, e.g. Not yet / Emerging / Developing / Embedded."""

    name = models.CharField(max_length=80, unique=True, help_text="e.g. “Four-point whole-school scale”.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class RatingLevel(models.Model):
    """One level of a rating scale. Scores count up from 0 (“Not yet”); “Not applicable” is never a level."""

    scale = models.ForeignKey(RatingScale, on_delete=models.CASCADE, related_name="levels")
    label = models.CharField(max_length=40, help_text="As schools will see it, e.g. “Developing”.")
    slug = models.SlugField(max_length=40, help_text="Used in the downloaded file, e.g. developing.")
    score = models.PositiveSmallIntegerField(
        help_text="0 for the lowest level, then 1, 2, 3 … Section summaries average these scores."
    )
    description = models.CharField(
        max_length=200, blank=True, help_text="What this level means in general, shown beside the choice."
    )

    class Meta:
        ordering = ["scale", "score"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "slug"], name="selfreview_level_slug_unique"),
            models.UniqueConstraint(fields=["scale", "score"], name="selfreview_level_score_unique"),
        ]

    def __str__(self):
        return self.label


class FrameworkQuerySet(models.QuerySet):
    def published(self):
        """Versions schools may rate themselves against."""
        return self.filter(status=Framework.Status.PUBLISHED)

    def current(self):
        """The newest published version of each framework."""
        newest = {}
        for framework in self.published().order_by("slug", "-version"):
            newest.setdefault(framework.slug, framework)
        return list(newest.values())


class Framework(models.Model):
    """A version of the council's self-evaluation framework. Once published it never changes: editing it means
    making the next version, whose statements keep their uuids so last year's ratings carry over."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        RETIRED = "retired", "Retired"

    name = models.CharField(max_length=150, help_text="e.g. “Whole-school SEND self-evaluation”.")
    slug = models.SlugField(max_length=80, help_text="The same for every version of this framework.")
    version = models.PositiveIntegerField(default=1, help_text="Set for you: each new version counts up.")
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text="Schools see published versions. Files made against a retired version can still be continued.",
    )
    introduction = models.TextField(blank=True, help_text="A short paragraph for school leaders before they start.")
    scale = models.ForeignKey(
        RatingScale, on_delete=models.PROTECT, help_text="The levels schools rate each statement at."
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        ordering = ["slug", "-version"]
        constraints = [models.UniqueConstraint(fields=["slug", "version"], name="selfreview_framework_version")]

    def __str__(self):
        return f"{self.name} (version {self.version})"

    def clean(self):
        same = Framework.objects.filter(slug=self.slug, version=self.version).exclude(pk=self.pk)
        if same.exists():
            raise ValidationError(
                {"slug": "A framework with this slug already exists: make a new version of it from the list instead."}
            )

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def is_locked(self):
        """Published or retired versions never change, so files made against them stay meaningful."""
        return self.published_at is not None

    def publish(self):
        self.status = self.Status.PUBLISHED
        self.published_at = timezone.now()
        self.save()

    @transaction.atomic
    def new_version(self):
        """A draft copy with the next version number; every statement keeps its uuid, links and target."""
        latest = Framework.objects.filter(slug=self.slug).order_by("-version").first()
        copy = Framework.objects.create(
            name=self.name, slug=self.slug, version=latest.version + 1, introduction=self.introduction, scale=self.scale
        )
        for section in self.sections.prefetch_related("statements__strategies", "statements__resources"):
            new_section = Section.objects.create(
                framework=copy, title=section.title, order=section.order, category=section.category
            )
            for statement in section.statements.all():
                fields = ("uuid", "text", "order", "is_statutory", "descriptors")
                copied = Statement.objects.create(
                    section=new_section, **{name: getattr(statement, name) for name in fields}
                )
                copied.strategies.set(statement.strategies.all())
                copied.resources.set(statement.resources.all())
                target = TargetLevel.objects.filter(statement=statement).first()
                if target is not None:
                    TargetLevel.objects.create(statement=copied, level=target.level)
        return copy


class Section(models.Model):
    """A part of the framework, e.g. “Leadership and culture”, usually matching a whole-school category."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(max_length=150, help_text="e.g. “Working with families”.")
    order = models.PositiveIntegerField(default=0, help_text="Lower numbers come first.")
    category = models.ForeignKey(
        Category,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The whole-school category this section draws on, linked from the section.",
    )

    class Meta:
        ordering = ["framework", "order", "pk"]

    def __str__(self):
        return self.title


class Statement(models.Model):
    """One thing a school rates itself against. Its uuid is the same in every version of the framework."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="statements")
    uuid = models.UUIDField(default=uuid.uuid4, help_text="Kept across versions, so ratings carry over.")
    text = models.CharField(max_length=400, help_text="Written as what the school does, e.g. “Leaders …”.")
    order = models.PositiveIntegerField(default=0, help_text="Lower numbers come first.")
    is_statutory = models.BooleanField(
        default=False,
        help_text="Tick where the law requires it. An unmet statutory statement caps its section at the second level.",
    )
    descriptors = models.JSONField(
        default=dict,
        blank=True,
        help_text="Optional: a short description of what each level looks like for this statement, by level slug.",
    )
    strategies = models.ManyToManyField(
        Strategy, blank=True, related_name="+", help_text="Strategies that would help a school meet this statement."
    )
    resources = models.ManyToManyField(Resource, blank=True, related_name="+", help_text="Resources that help.")

    class Meta:
        ordering = ["section__order", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["section", "uuid"], name="selfreview_statement_uuid")]

    def __str__(self):
        return self.text


class TargetLevel(models.Model):
    """The council's target for a statement: schools below it see the statement highlighted."""

    statement = models.OneToOneField(Statement, on_delete=models.CASCADE, related_name="target")
    level = models.ForeignKey(RatingLevel, on_delete=models.PROTECT, help_text="The level the council hopes for.")

    class Meta:
        ordering = ["statement"]

    def __str__(self):
        return f"{self.statement}: {self.level}"


def code_hash(code):
    """The stored form of a sharing or receipt code: codes are long and random, so a plain SHA-256 suffices."""
    normalised = "".join(code.split()).replace("-", "").upper()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


class SharingCode(models.Model):
    """A single-use code a site manager sends to a school. Only its hash is kept; nobody records who got which."""

    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Sharing code made {self.created_at:%d %B %Y}{' (used)' if self.used_at else ''}"


class SharedEvaluation(models.Model):
    """A school's ratings, shared with the council with consent. Never rationale, evidence or actions; an
    anonymous one keeps no URN, name or other identifier."""

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="shared_evaluations")
    phase = models.ForeignKey(Phase, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    academic_year = models.CharField(max_length=9, help_text="e.g. 2026/27")
    is_named = models.BooleanField(default=False)
    urn = models.CharField(max_length=8, blank=True)
    school_name = models.CharField(max_length=150, blank=True)
    receipt_hash = models.CharField(max_length=64, unique=True, editable=False)
    shared_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["-shared_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "academic_year", "urn"],
                condition=models.Q(is_named=True),
                name="selfreview_one_named_evaluation_per_year",
            )
        ]

    def __str__(self):
        return f"{self.school_name or 'Anonymous school'}, {self.academic_year}"


class SharedRating(models.Model):
    """One rating in a shared evaluation: the statement and the level chosen, nothing typed."""

    evaluation = models.ForeignKey(SharedEvaluation, on_delete=models.CASCADE, related_name="ratings")
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="+")
    level = models.SlugField(max_length=40, help_text="A level slug of the framework's scale, or not-applicable.")

    class Meta:
        ordering = ["evaluation", "statement"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "statement"], name="selfreview_one_rating")]

    def __str__(self):
        return self.level
