from django import forms

from categories.forms import FilterForm, StrategyFilterForm
from resources.models import Resource


class ResourceFilterForm(FilterForm):
    kind = forms.MultipleChoiceField(label="Type of resource", required=False, widget=forms.CheckboxSelectMultiple)
    phase = forms.MultipleChoiceField(label="Phase", required=False, widget=forms.CheckboxSelectMultiple)
    tag = forms.MultipleChoiceField(label="Tag", required=False, widget=forms.CheckboxSelectMultiple)

    def set_choices(self):
        self.offer("kind", Resource.Kind.choices)
        self.offer("phase", [(phase.slug, phase.name) for phase in self.options["phases"]])
        self.offer("tag", self.options["tags"].get("resource", []))

    def filter(self, queryset):
        if kinds := self.selected("kind"):
            queryset = queryset.filter(kind__in=kinds)
        if phases := self.selected("phase"):
            queryset = queryset.filter(phases__slug__in=phases).distinct()
        if tags := self.selected("tag"):
            queryset = queryset.filter(tags__slug__in=tags).distinct()
        return queryset

    @property
    def is_filtered(self):
        return any(self.selected(name) for name in ("kind", "phase", "tag"))


class InterventionFilterForm(StrategyFilterForm):
    """Interventions filter like strategies: category (with sub-categories), level, phase, tag."""

    tagged_type = "intervention"
