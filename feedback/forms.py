from django import forms
from django.core.validators import URLValidator

from categories.models import Phase
from feedback import redaction
from feedback.models import PageFeedback, ResourceSuggestion

COMMENT_MAX = 500


class PageFeedbackForm(forms.Form):
    page = forms.CharField(max_length=500, widget=forms.HiddenInput)
    useful = forms.ChoiceField(choices=[("yes", "Yes"), ("no", "No")], widget=forms.HiddenInput)
    comment = forms.CharField(
        label="What was missing or wrong?",
        help_text="Please don’t include a child’s name or details.",
        max_length=COMMENT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    out_of_date = forms.BooleanField(label="This is out of date", required=False)

    def save(self, entry_type, item):
        return PageFeedback.objects.create(
            item_type=entry_type.name,
            item_uuid=item.uuid,
            item_title=entry_type.title(item)[:200],
            is_useful=self.cleaned_data["useful"] == "yes",
            comment=redaction.redact(self.cleaned_data["comment"].strip()),
            is_out_of_date=self.cleaned_data["out_of_date"],
        )


class ResourceSuggestionForm(forms.ModelForm):
    url = forms.URLField(
        label="Web address",
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="The full address, starting https:// or http://",
        assume_scheme="https",
    )
    phases = forms.ModelMultipleChoiceField(
        queryset=Phase.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Which phases does it suit?",
    )

    class Meta:
        model = ResourceSuggestion
        fields = ["title", "url", "why", "phases"]
        labels = {"title": "Name of the resource", "why": "Why it helps"}
        help_texts = {
            "title": "",
            "why": "Who it helps and how. Please don’t include a child’s name or details.",
        }
        widgets = {"why": forms.Textarea(attrs={"rows": 5})}

    def clean_why(self):
        return redaction.redact(self.cleaned_data["why"])
