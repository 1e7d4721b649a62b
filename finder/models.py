"""The needs finder's content: what a teacher may notice, what it links to, what to check first and when to talk to
the SENCO. Nothing here describes a pupil: the finder keeps only anonymous monthly counts per observation."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from categories.content import ContentItem, ContentQuerySet, Status
from categories.models import Category, Phase, Strategy
from resources.models import Intervention, Resource

PUBLISHED_TARGET = (
    Q(strategy__status=Status.PUBLISHED)
    | Q(intervention__status=Status.PUBLISHED)
    | Q(resource__status=Status.PUBLISHED)
)


class ObservationQuerySet(ContentQuerySet):
    def with_published_links(self):
        """Observations that lead somewhere: at least one link to a published strategy, intervention or resource."""
        return self.filter(pk__in=ObservationLink.objects.filter(PUBLISHED_TARGET).values("observation_id"))

    def orphans(self):
        """Published observations whose links all lead nowhere public: the finder can suggest nothing for them."""
        return self.published().exclude(pk__in=self.with_published_links().values("pk"))


class Observation(ContentItem):
    """Something a teacher may notice about a pupil, in plain words about what they do, never a label."""

    class Kind(models.TextChoices):
        DIFFICULTY = "difficulty", "Something they find hard"
        STRENGTH = "strength", "A strength"

    text = models.CharField(
        max_length=200,
        help_text="What a teacher sees or hears, in plain words, e.g. “Finds it hard to stay in their seat”. "
        "Describe what the pupil does, never a diagnosis.",
    )
    area = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        related_name="observations",
        help_text="The area of need this observation belongs to, e.g. “Social, emotional and mental health”.",
    )
    sub_area = models.ForeignKey(
        Category,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sub_area_observations",
        help_text="Optional: the sub-area inside that area, e.g. “Attention and activity”. Teachers see "
        "observations grouped by sub-area.",
    )
    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        default=Kind.DIFFICULTY,
        help_text="A difficulty, or a strength to build on. Strengths add weight only to what they link to and "
        "never count towards a signpost.",
    )
    phases = models.ManyToManyField(
        Phase,
        blank=True,
        related_name="observations",
        help_text="Phases where teachers would notice this; leave empty if it can be noticed in any phase.",
    )
    synonyms = models.TextField(
        blank=True,
        help_text="Other ways teachers say it, one per line, e.g. “can't sit still”. A search for one of these "
        "offers the finder with this observation ticked.",
    )
    is_common = models.BooleanField(
        default=False,
        help_text="Tick for observations teachers often bring: they are offered when a teacher is not sure which "
        "area of need to start from.",
    )
    order = models.PositiveIntegerField(default=0, help_text="Lower numbers come first within the sub-area.")

    objects = ObservationQuerySet.as_manager()

    class Meta:
        ordering = ["order", "text"]
        permissions = [("publish_observation", "Can publish, unpublish, archive and restore observations")]

    def __str__(self):
        return self.text

    @property
    def is_strength(self):
        return self.kind == self.Kind.STRENGTH

    def clean(self):
        super().clean()
        if self.sub_area_id and self.area_id and self.sub_area.parent_id != self.area_id:
            raise ValidationError({"sub_area": f"Choose a sub-area inside “{self.area}”, or leave it empty."})

    def save(self, *args, **kwargs):
        self.synonyms = self.synonyms.replace("’", "'")  # search matches what teachers type: straight apostrophes
        if self.status == Status.PUBLISHED and not self._was_published():
            self.check_publishable()
        super().save(*args, **kwargs)

    def _was_published(self):
        return bool(self.pk) and Observation.objects.filter(pk=self.pk, status=Status.PUBLISHED).exists()

    def check_publishable(self):
        """An observation leads somewhere: it is published only with at least one link to published content."""
        if not self.pk or not self.links.filter(PUBLISHED_TARGET).exists():
            raise ValidationError(
                "An observation can only be published once it links to at least one published strategy, "
                "intervention or resource. Add a link, then publish it."
            )

    def other_wordings(self):
        return [line.strip() for line in self.synonyms.splitlines() if line.strip()]


class ObservationLink(models.Model):
    """What helps when a teacher notices this: one strategy, intervention or resource, with how strongly and why."""

    class Weight(models.IntegerChoices):
        SOMETIMES = 1, "1 – sometimes helps"
        OFTEN = 2, "2 – often helps"
        STRONGLY = 3, "3 – one of the first things to try"

    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="links")
    strategy = models.ForeignKey(
        Strategy,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="observation_links",
        help_text="Start typing its title. Link one strategy, intervention or resource per row.",
    )
    intervention = models.ForeignKey(
        Intervention,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="observation_links",
        help_text="Or an intervention.",
    )
    resource = models.ForeignKey(
        Resource,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="observation_links",
        help_text="Or a resource.",
    )
    weight = models.PositiveSmallIntegerField(
        choices=Weight.choices,
        default=Weight.OFTEN,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
        help_text="How strongly this helps with what was noticed: suggestions are ranked by the sum of weights "
        "across everything a teacher ticks.",
    )
    why = models.CharField(
        "why this helps",
        max_length=250,
        help_text="One sentence shown to teachers, e.g. “Planned chances to move make staying seated the rest of "
        "the time easier.”",
    )

    class Meta:
        ordering = ["-weight", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(strategy__isnull=False, intervention__isnull=True, resource__isnull=True)
                | Q(strategy__isnull=True, intervention__isnull=False, resource__isnull=True)
                | Q(strategy__isnull=True, intervention__isnull=True, resource__isnull=False),
                name="observation_link_has_one_target",
            )
        ]

    def __str__(self):
        return f"{self.observation} → {self.target}"

    @property
    def target(self):
        return self.strategy or self.intervention or self.resource

    def clean(self):
        super().clean()
        chosen = [target for target in (self.strategy_id, self.intervention_id, self.resource_id) if target]
        if len(chosen) != 1:
            raise ValidationError("Choose exactly one strategy, intervention or resource for each link.")


class CheckPrompt(models.Model):
    """Something to check before trying strategies, e.g. hearing, vision, or what the family see at home."""

    area = models.ForeignKey(
        Category,
        on_delete=models.CASCADE,
        related_name="check_prompts",
        help_text="Shown when a teacher ticks anything in this area of need.",
    )
    text = models.CharField(
        max_length=250,
        help_text="A question to ask first, e.g. “Has the pupil's hearing been checked recently?”",
    )
    order = models.PositiveIntegerField(default=0, help_text="Lower numbers come first.")

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.text


class Signpost(models.Model):
    """Advice to talk to someone when a teacher ticks many difficulties in one area: never a diagnosis."""

    area = models.OneToOneField(
        Category,
        on_delete=models.CASCADE,
        related_name="finder_signpost",
        help_text="The area of need this message belongs to (one message per area).",
    )
    message = models.TextField(
        help_text="Who to talk to and what to bring, e.g. “Talk to your SENCO about what you have noticed…”. "
        "Describe next steps, never a diagnosis.",
    )
    threshold = models.PositiveSmallIntegerField(
        default=4,
        validators=[MinValueValidator(1)],
        help_text="Show the message when at least this many difficulties in this area are ticked.",
    )

    class Meta:
        ordering = ["area__order", "area__name"]

    def __str__(self):
        return f"Signpost for {self.area}"


class DiagnosticTerm(models.Model):
    """A label (e.g. a diagnosis) that observations should not use: saving one that does warns the editor."""

    term = models.CharField(
        max_length=100,
        unique=True,
        help_text="A word or phrase, e.g. “ADHD” or “dyslexic”. Matched as a whole word in any letter case, "
        "except terms written in capitals (“ODD”), which match only in capitals.",
    )
    instead = models.CharField(
        "describe instead",
        max_length=250,
        blank=True,
        help_text="Optional advice shown with the warning, e.g. “Say what the pupil does: moves, calls out, "
        "loses their place”.",
    )

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term

    @classmethod
    def found_in(cls, *texts):
        """The terms used in any of these texts, whole words only."""
        text = " ".join(texts)
        return [term for term in cls.objects.all() if term.is_in(text)]

    def is_in(self, text):
        flags = 0 if self.term.isupper() else re.IGNORECASE  # “ODD” is a label; “odd” is an ordinary word
        return re.search(rf"(?<!\w){re.escape(self.term)}(?!\w)", text, flags=flags) is not None


class ObservationTally(models.Model):
    """How many times an observation was ticked in a month: anonymous, nothing about who or which pupil."""

    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="tallies")
    month = models.DateField(help_text="The first day of the month counted.")
    count = models.PositiveIntegerField(default=0, help_text="How many finder results included this observation.")

    class Meta:
        ordering = ["-month", "-count"]
        verbose_name_plural = "observation tallies"
        constraints = [models.UniqueConstraint(fields=["observation", "month"], name="one_tally_per_month")]

    def __str__(self):
        return f"{self.observation}: {self.count} in {self.month:%B %Y}"
