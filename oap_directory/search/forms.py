from django import forms

from categories.forms import LevelPhaseFilterForm
from oap_directory import content_types
from oap_directory.search.query import normalise


class SearchForm(LevelPhaseFilterForm):
    """Every search parameter, validated: raw GET values never reach a query."""

    q = forms.CharField(required=False, strip=True)
    type = forms.MultipleChoiceField(label="Type", required=False, widget=forms.CheckboxSelectMultiple)
    category = forms.MultipleChoiceField(label="Area", required=False, widget=forms.CheckboxSelectMultiple)
    kind = forms.MultipleChoiceField(label="Type of resource", required=False, widget=forms.CheckboxSelectMultiple)
    exact = forms.BooleanField(required=False)

    def __init__(self, data, tree, *args, **kwargs):
        self.tree = tree
        super().__init__(data, *args, **kwargs)

    def set_choices(self):
        super().set_choices()
        from resources.models import Resource

        self.offer("type", [(entry.name, entry.label.capitalize()) for entry in content_types.searchable()])
        self.offer("category", [(category.slug, category.name) for category in self.tree.public()])
        self.offer("kind", Resource.Kind.choices)

    def clean_q(self):
        return normalise(self.cleaned_data.get("q", ""))

    @property
    def query(self):
        return self.cleaned_data.get("q", "") if self.is_valid() else ""
