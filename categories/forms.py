"""Filter forms for public lists. Raw GET values never reach the ORM: every
filter is a choice field whose choices come from the database, unknown values are
dropped, and the page says which ones were ignored."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.utils.choices import BaseChoiceIterator
from django.utils.text import capfirst
from taggit.models import Tag

from categories.category_filter import CategoryFilterField, category_filter_groups, item_counts
from categories.models import Level, Phase
from categories.versioned import per_content_version
from oap_directory import content_types

MAX_PARAMETER_LENGTH = 200


def _options():
    """Levels, phases, and for each tagged content type the tags its published items carry (never a draft's)."""
    tagged = [entry for entry in content_types.all() if entry.is_tagged]
    return {
        "levels": list(Level.objects.active()),
        "phases": list(Phase.objects.active()),
        "tags": {
            entry.name: list(published_tags(entry.model).order_by("name").values_list("slug", "name"))
            for entry in tagged
        },
    }


def filter_options(request):
    """The levels, phases and tags filters offer: read once per content version."""
    return per_content_version(request, "filter-options", _options)


class Offered(BaseChoiceIterator):
    """A filter's choices, (value, label) pairs made here: a field takes them as they are. Given a list, Django
    checks every pair again for the field and for its widget each time a form is made (a third of the time a search
    page's form took)."""

    def __init__(self, pairs):
        self.pairs = list(pairs)

    def __iter__(self):
        return iter(self.pairs)

    def __len__(self):
        return len(self.pairs)

    def __getitem__(self, index):
        return self.pairs[index]


class FilterForm(forms.Form):
    """A GET form whose multiple-choice fields quietly drop values they don't know."""

    def __init__(self, data, *args, options=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = options if options is not None else _options()
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
        """Fill in choices from the database (subclasses), with offer()."""

    def offer(self, name, choices):
        """Field `name` offers these (value, label) pairs."""
        self.fields[name].choices = Offered(choices)

    @property
    def selection_key(self):
        """The values this form was given for its fields (unknown ones dropped): its filter panel looks the same
        for the same key and content version."""
        return repr([(name, self.data.getlist(name)) for name in self.fields if hasattr(self.data, "getlist")])

    def selected(self, name):
        if not self.is_valid():
            return []
        return self.cleaned_data.get(name) or []

    @property
    def selected_count(self):
        """How many filter values are chosen, for the "Filter (n selected)" button."""
        return sum(
            len(self.selected(name))
            for name, field in self.fields.items()
            if isinstance(field, forms.MultipleChoiceField)
        )

    def chips(self, path):
        """Each chosen filter value as a label and the address of this view without it."""
        chips = []
        for name, field in self.fields.items():
            if not isinstance(field, forms.MultipleChoiceField):
                continue  # e.g. the search box: not a filter
            labels = {str(value): label for value, label in field.choices}
            for value in self.selected(name):
                remaining = self.data.copy()
                remaining.setlist(name, [kept for kept in remaining.getlist(name) if kept != value])
                remaining.pop("page", None)
                query = remaining.urlencode()
                chips.append(
                    {
                        "label": f"{field.label}: {labels.get(value, value)}",
                        "remove_url": f"{path}?{query}" if query else path,
                    }
                )
        return chips

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
        self.levels, self.phases = self.options["levels"], self.options["phases"]
        self.offer("level", [(level.slug, level.name) for level in self.levels])
        self.offer("phase", [(phase.slug, phase.name) for phase in self.phases])

    def filter(self, queryset):
        """Apply the chosen filters: OR within a filter, AND across filters."""
        if levels := self.selected("level"):
            queryset = queryset.filter(level__slug__in=levels)
        if phases := self.selected("phase"):
            queryset = queryset.filter(phases__slug__in=phases).distinct()
        return queryset

    def chosen_ids(self, name):
        """The ids of the levels (`name` "level") or phases ("phase") chosen, for statements written as SQL."""
        ids = {item.slug: item.pk for item in (self.levels if name == "level" else self.phases)}
        return list(dict.fromkeys(ids[slug] for slug in self.selected(name)))  # each once, however often it was sent

    @property
    def is_filtered(self):
        return bool(self.selected("level") or self.selected("phase"))


def published_tags(model):
    """Tags on published items of `model`: public filter lists never show a tag that only drafts use."""
    return Tag.objects.filter(
        taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(model),
        taggit_taggeditem_items__object_id__in=model.objects.published().values("pk"),
    ).distinct()


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
    category = CategoryFilterField(label="Category")
    tag = forms.MultipleChoiceField(label="Tag", required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, data, tree, *args, category_label="", **kwargs):
        """`category_label`: what the council calls a category (SiteSettings.category_label_singular)."""
        self.tree = tree
        self.category_counts = None
        super().__init__(data, *args, **kwargs)
        if category_label:
            self.fields["category"].label = capfirst(category_label)

    tagged_type = "strategy"  # the tag filter offers the tags of this type's published items

    def set_choices(self):
        super().set_choices()
        self.fields["category"].set_tree(self.tree)
        self.offer("tag", self.options["tags"].get(self.tagged_type, []))

    def count_categories(self, queryset):
        """Count, for the category filter, the items of `queryset` in each category under the other filters."""
        pairs = self.filter(queryset, skip="category").values_list("pk", "categories")
        self.category_counts = item_counts(pairs, self.tree)

    @property
    def category_groups(self):
        """The category filter's groups (components/category_filter.html), with counts once counted."""
        return category_filter_groups(self.tree, self.selected("category"), self.category_counts)

    def filter(self, queryset, skip=None):
        queryset = super().filter(queryset)
        if skip != "category" and (slugs := self.selected("category")):
            # The categories visitors may see, as a category page counts them: not a draft sub-area's items.
            ids = {pk for slug in slugs for pk in self.tree.public_descendant_ids(self.tree.by_slug[slug])}
            queryset = queryset.filter(categories__in=ids).distinct()
        if tags := self.selected("tag"):
            queryset = queryset.filter(tags__slug__in=tags).distinct()
        return queryset

    @property
    def is_filtered(self):
        return super().is_filtered or bool(self.selected("category") or self.selected("tag"))
