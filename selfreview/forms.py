import re

from django import forms

from categories.models import Phase
from selfreview.models import Framework

URN = re.compile(r"^\d{6}$")


def _phase_choices():
    return [("", "Choose a phase")] + [(phase.slug, phase.name) for phase in Phase.objects.active()]


class StartForm(forms.Form):
    framework = forms.ModelChoiceField(
        queryset=Framework.objects.published(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the framework to rate your school against."},
    )
    school_name = forms.CharField(
        max_length=150,
        label="School name",
        help_text="Shown on the governors' summary. It stays in your file and is not sent to anyone.",
        error_messages={"required": "Enter your school's name."},
    )
    phase = forms.ChoiceField(label="Phase", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = _phase_choices()
        current = Framework.objects.current()
        self.fields["framework"].queryset = Framework.objects.filter(pk__in=[f.pk for f in current])
        if len(current) == 1:
            self.fields["framework"].initial = current[0].pk

    def clean_school_name(self):
        return self.cleaned_data["school_name"].replace("\x00", "").strip()


class UploadForm(forms.Form):
    file = forms.FileField(label="Your self-evaluation file (.json)")


class ShareForm(forms.Form):
    NAMED, ANONYMOUS = "named", "anonymous"

    sharing_code = forms.CharField(
        max_length=40,
        label="Sharing code",
        help_text="The code the council sent your school. Each code can be used once.",
        error_messages={"required": "Enter the sharing code the council sent you."},
    )
    how = forms.ChoiceField(
        label="How do you want to share?",
        choices=[
            (ANONYMOUS, "Anonymously: the council sees your ratings without your school's name or URN"),
            (NAMED, "Named: the council sees your school's name and URN beside your ratings"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to share anonymously or with your school's name."},
    )
    urn = forms.CharField(max_length=20, required=False, label="URN (named sharing only)", help_text="6 digits.")
    school_name = forms.CharField(max_length=150, required=False, label="School name (named sharing only)")
    phase = forms.ChoiceField(label="Phase", required=False)
    consent = forms.BooleanField(
        label="I agree to share our ratings with the council. Our rationale, evidence and actions are not sent.",
        error_messages={"required": "Tick the box to agree to sharing, or go back to your self-evaluation."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = _phase_choices()

    def clean(self):
        data = super().clean()
        if data.get("how") == self.NAMED:
            if not URN.match(data.get("urn", "").strip()):
                self.add_error("urn", "Enter your school's URN: 6 digits, e.g. 123456.")
            if not data.get("school_name", "").strip():
                self.add_error("school_name", "Enter your school's name to share with it.")
        return data


class WithdrawForm(forms.Form):
    receipt = forms.CharField(
        max_length=40,
        label="Receipt code",
        help_text="The code shown when you shared your ratings.",
        error_messages={"required": "Enter the receipt code you were given when you shared."},
    )
