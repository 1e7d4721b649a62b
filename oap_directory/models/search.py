from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    """One row per published item of any type: what search reads.

    Kept in step with the content by oap_directory.search (signals and
    `manage.py rebuild_search_index`). On PostgreSQL `search_vector` holds the
    weighted tsvector; on SQLite the FTS5 table `search_fts` mirrors these rows.
    """

    type = models.CharField(max_length=20, help_text="The content type's name in oap_directory.content_types.")
    object_id = models.PositiveBigIntegerField()
    slug = models.CharField(max_length=120)
    title = models.CharField(max_length=200)
    statements = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    tag_names = models.TextField(blank=True)
    category_names = models.TextField(blank=True)
    category_ids = models.TextField(blank=True, help_text="|1|4|9| — its categories and all their ancestors")
    level = models.CharField(max_length=80, blank=True)
    level_order = models.PositiveIntegerField(default=0)
    phases = models.TextField(blank=True, help_text="|primary|secondary|")
    kind = models.CharField(max_length=20, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["type", "title"]
        constraints = [models.UniqueConstraint(fields=["type", "object_id"], name="one_search_document_per_item")]

    def __str__(self):
        return f"{self.type}: {self.title}"


class Synonym(models.Model):
    """Words teachers use for the same thing, e.g. SEMH = social, emotional and mental health."""

    term = models.CharField(
        max_length=100, unique=True, help_text="The word or acronym people type, e.g. SEMH. Not case-sensitive."
    )
    synonyms = models.TextField(
        help_text="Other words or phrases that mean the same, separated by commas, "
        "e.g. “social emotional mental health, emotional wellbeing”."
    )

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term

    def alternatives(self):
        return [item.strip() for item in self.synonyms.split(",") if item.strip()]


class SearchTerm(models.Model):
    """A word that appears in published content: the vocabulary for “Did you mean”."""

    word = models.CharField(max_length=60, unique=True)
    frequency = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["word"]

    def __str__(self):
        return self.word


class SearchLog(models.Model):
    """One search, with nothing personal: no IP address, no cookie, names and emails redacted."""

    query = models.CharField(
        max_length=200,
        help_text="What the person typed, lower case, with names, dates, email addresses and phone numbers redacted.",
    )
    searched_for = models.CharField(
        max_length=200,
        blank=True,
        help_text="What was searched instead, when the search corrected a misspelling (redacted the same way).",
    )
    filters = models.JSONField(default=dict, blank=True)
    result_count = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "search"
        verbose_name_plural = "what people search for"

    def __str__(self):
        return f"{self.query} ({self.result_count})"
