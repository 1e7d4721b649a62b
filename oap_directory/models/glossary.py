import re

from django.db import models
from django.urls import reverse


class GlossaryTermQuerySet(models.QuerySet):
    def a_to_z(self):
        """Every term in alphabetical order, ignoring case."""
        return self.order_by(models.functions.Lower("term"))


class GlossaryTerm(models.Model):
    """A word or phrase the guidance uses, explained in plain English for teachers and parents."""

    term = models.CharField(max_length=100, unique=True, help_text="The word or phrase, e.g. “SEN Support”.")
    slug = models.SlugField(
        max_length=100, unique=True, help_text="Used in the glossary's address, e.g. /glossary/#sen-support."
    )
    definition = models.TextField(
        help_text="One to three plain-English sentences, written for a parent as much as a teacher."
    )
    also_known_as = models.CharField(
        max_length=200,
        blank=True,
        help_text="Other names and acronyms for the same thing, separated by commas, e.g. “SENCo, SENDCo”. "
        "A search for any of them shows this definition beside the results.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = GlossaryTermQuerySet.as_manager()

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term

    def get_absolute_url(self):
        return f"{reverse('glossary')}#{self.slug}"

    @property
    def names(self):
        """The term and its other names, as a reader might type them."""
        return [self.term, *(name.strip() for name in self.also_known_as.split(",") if name.strip())]

    @property
    def letter(self):
        first = self.term[:1].upper()
        return first if first.isalpha() else "#"

    def is_mentioned_in(self, text):
        """Whether any of its names appears in `text` as whole words, ignoring case."""
        return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE) for name in self.names)
