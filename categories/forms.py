"""Filter forms for public lists. Raw GET values never reach the ORM: every
filter is a choice field whose choices come from the database, unknown values are
dropped, and the page says which ones were ignored."""

from django import forms
from django.core.paginator import Paginator

from categories.models import Level, Phase

MAX_PARAMETER_LENGTH = 200


class FilterForm(forms.Form):
    """A GET form whose multiple-choice fields quietly drop values they don't know."""

    def __init__(self, data, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_choices()
        self.ignored = []
        cleaned = data.copy() if data is not None else {}
        for name, field in self.fields.items():
            if not isinstance(field, forms.MultipleChoiceField) or not hasattr(cleaned, "getlist"):
                continue
            known = {str(value) for value, _ in field.choices}
            values = [value for value in cleaned.getlist(name) if value]
            kept = [value for value in values if value in known]
            self.ignored.extend(value[:MAX_PARAMETER_LENGTH] for value in values if value not in known)
            cleaned.setlist(name, kept)
        self.data = cleaned
        self.is_bound = data is not None

    def set_choices(self):
        """Fill in choices from the database (subclasses)."""

    def selected(self, name):
        if not self.is_valid():
            return []
        return self.cleaned_data.get(name) or []

    @property
    def ignored_message(self):
        if not self.ignored:
            return ""
        values = ", ".join(f"“{value}”" for value in self.ignored[:5])
        return f"Some filters were not recognised and have been ignored: {values}."


class LevelPhaseFilterForm(FilterForm):
    level = forms.MultipleChoiceField(label="Level of support", required=False, widget=forms.CheckboxSelectMultiple)
    phase = forms.MultipleChoiceField(label="Phase", required=False, widget=forms.CheckboxSelectMultiple)

    def set_choices(self):
        self.levels, self.phases = list(Level.objects.active()), list(Phase.objects.active())
        self.fields["level"].choices = [(level.slug, level.name) for level in self.levels]
        self.fields["phase"].choices = [(phase.slug, phase.name) for phase in self.phases]

    def filter(self, queryset):
        """Apply the chosen filters: OR within a filter, AND across filters."""
        if levels := self.selected("level"):
            queryset = queryset.filter(level__slug__in=levels)
        if phases := self.selected("phase"):
            queryset = queryset.filter(phases__slug__in=phases).distinct()
        return queryset

    @property
    def is_filtered(self):
        return bool(self.selected("level") or self.selected("phase"))


def paginate(request, queryset, per_page=20):
    """A page of results; out-of-range or malformed page numbers give the nearest real page."""
    paginator = Paginator(queryset, per_page)
    raw = request.GET.get("page", "1")
    try:
        number = int(raw[:10])
    except ValueError:
        number = 1
    number = min(max(number, 1), paginator.num_pages)
    return paginator.page(number)


class StrategyFilterForm(LevelPhaseFilterForm):
    category = forms.MultipleChoiceField(label="Category", required=False, widget=forms.CheckboxSelectMultiple)
    tag = forms.MultipleChoiceField(label="Tag", required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, data, tree, *args, **kwargs):
        self.tree = tree
        super().__init__(data, *args, **kwargs)

    def set_choices(self):
        super().set_choices()
        self.fields["category"].choices = [(category.slug, category.name) for category in self.tree.public()]
        from taggit.models import Tag

        self.fields["tag"].choices = list(Tag.objects.values_list("slug", "name"))

    def filter(self, queryset):
        queryset = super().filter(queryset)
        if slugs := self.selected("category"):
            ids = {pk for slug in slugs for pk in self.tree.descendant_ids(self.tree.by_slug[slug])}
            queryset = queryset.filter(categories__in=ids).distinct()
        if tags := self.selected("tag"):
            queryset = queryset.filter(tags__slug__in=tags).distinct()
        return queryset

    @property
    def is_filtered(self):
        return super().is_filtered or bool(self.selected("category") or self.selected("tag"))
