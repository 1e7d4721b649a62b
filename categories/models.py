from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from taggit.managers import TaggableManager

from categories.addresses import slug_url
from categories.content import ContentItem, ContentQuerySet, Status
from oap_directory.richtext import RichTextField

hex_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", "Enter a colour as # followed by six hexadecimal digits, e.g. #1d70b8."
)


class OrderedOptionQuerySet(models.QuerySet):
    def active(self):
        """Options this council uses; inactive ones are kept for old content."""
        return self.filter(is_active=True)


class Level(models.Model):
    """A level of support in the graduated approach, e.g. Universal, SEN Support, Specialist."""

    name = models.CharField(max_length=80, unique=True, help_text="As your council names it, e.g. “SEN Support”.")
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in filter addresses, e.g. sen-support.")
    description = models.TextField(blank=True, help_text="One or two sentences explaining this level to teachers.")
    order = models.PositiveIntegerField(default=0, help_text="Lower numbers come first (least intensive first).")
    is_costed = models.BooleanField(
        default=False,
        help_text="Tick for targeted or specialist levels, whose interventions show a cost per pupil per year.",
    )
    is_active = models.BooleanField(default=True, help_text="Untick to stop offering this level in filters.")

    objects = OrderedOptionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "level of support"
        verbose_name_plural = "levels of support"

    def __str__(self):
        return self.name


class Phase(models.Model):
    """An education phase: Early years, Primary, Secondary, Post-16."""

    name = models.CharField(max_length=80, unique=True, help_text="As teachers know it, e.g. “Early years”.")
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in filter addresses, e.g. primary.")
    order = models.PositiveIntegerField(default=0, help_text="Lower numbers come first (youngest first).")
    is_active = models.BooleanField(default=True, help_text="Untick to stop offering this phase in filters.")

    objects = OrderedOptionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class CategoryQuerySet(ContentQuerySet):
    def top_level(self):
        """The council's frameworks, e.g. “The four broad areas of need”."""
        return self.filter(parent__isnull=True)


class Category(ContentItem):
    """A node in the council's tree: a framework, an area of need or a sub-area."""

    name = models.CharField(max_length=150, help_text="Shown as the page heading and on cards, e.g. “Reading”.")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="Leave empty for a top-level framework. A category cannot sit inside itself or its own sub-categories.",
    )
    summary = models.TextField(blank=True, help_text="One sentence shown on cards and in search results.")
    introduction = RichTextField(blank=True, help_text="Shown at the top of the category page.")
    order = models.PositiveIntegerField(default=0, help_text="Lower numbers come first among its siblings.")
    colour = models.CharField(
        max_length=7, blank=True, validators=[hex_colour], help_text="Optional accent colour for cards, e.g. #00703c."
    )
    icon = models.CharField(max_length=50, blank=True, help_text="Optional icon name (reserved for council themes).")

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "categories"
        permissions = [("publish_category", "Can publish, unpublish, archive and restore categories")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("categories:category_detail", self.slug)

    def clean(self):
        super().clean()
        ancestor = self.parent
        seen = set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError(
                    {"parent": "A category cannot sit inside itself or one of its own sub-categories."}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class StrategyQuerySet(ContentQuerySet):
    def in_categories(self, category_ids):
        """Strategies filed under any of these categories."""
        memberships = Strategy.categories.through.objects.filter(category_id__in=category_ids)
        return self.filter(pk__in=memberships.values("strategy_id"))

    def for_listing(self):
        """What list pages show: level, phases and categories without extra queries per item."""
        return self.select_related("level").prefetch_related("phases", "categories")

    def by_level(self):
        """By level of support (strategies without one last, on every database), then title."""
        return self.order_by(models.F("level__order").asc(nulls_last=True), "title", "pk")

    def summary_rows(self):
        """Only the columns a list shows, as tuples (categories.listing.summarise makes them summaries)."""
        from categories.listing import COLUMNS

        return self.values_list(*COLUMNS)


class Strategy(ContentItem):
    """One thing a teacher or school does, in the teacher's and the child's words."""

    title = models.CharField(
        max_length=200, help_text="Short and specific, e.g. “Give instructions one step at a time”."
    )
    teacher_statement = models.TextField(
        blank=True,
        help_text="What the adult does, written for teachers. Give this, the child’s words, or both.",
    )
    child_statement = models.TextField(
        blank=True,
        help_text="In the voice of the child: “I …, so that I …”. Shown first when your council uses the voice of "
        "the child, and always when there is no teacher statement.",
    )
    why = RichTextField("why it matters", help_text="What a teacher may notice, and the evidence for this strategy.")
    how = RichTextField(
        "how to do it", help_text="Practical steps. Use headings 2–4, lists and tables with a header row."
    )
    level = models.ForeignKey(
        Level, null=True, blank=True, on_delete=models.PROTECT, related_name="strategies", help_text="Level of support."
    )
    phases = models.ManyToManyField(Phase, blank=True, related_name="strategies", help_text="Phases this suits.")
    categories = models.ManyToManyField(
        Category,
        related_name="strategies",
        help_text="A strategy can sit in an area of need and a Teachers’ Standard at once.",
    )
    tags = TaggableManager(blank=True, help_text="Comma-separated keywords, e.g. dyslexia, phonics.")

    objects = StrategyQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "strategies"
        permissions = [("publish_strategy", "Can publish, unpublish, archive and restore strategies")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_url("categories:strategy_detail", self.slug)

    def clean(self):
        super().clean()
        if not self.teacher_statement.strip() and not self.child_statement.strip():
            raise ValidationError({"teacher_statement": "Give a teacher statement, or the child’s words."})


__all__ = ["Category", "Level", "Phase", "Status", "Strategy"]
