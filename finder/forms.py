"""The finder's address: which areas, which phase, what was noticed (observation identities only) and which step.

Raw GET values never reach the ORM: areas and phases are choices from the database, observations are
well-formed uuids looked up among published observations, and whatever is not recognised is dropped with a
note saying so.
"""

import uuid
from urllib.parse import urlencode

from django import forms

from finder.models import Observation

NOT_SURE = "not-sure"
MAX_SEEN = 100  # far more than anyone ticks; keeps addresses and queries bounded
STEPS = ("areas", "notice", "results")


class FinderForm(forms.Form):
    area = forms.MultipleChoiceField(required=False)
    phase = forms.MultipleChoiceField(required=False)
    step = forms.ChoiceField(required=False, choices=[(step, step) for step in STEPS])

    def __init__(self, data, areas, phases):
        super().__init__(data)
        self.areas, self.phases = areas, phases
        self.fields["area"].choices = [(area.slug, area.name) for area in areas] + [(NOT_SURE, "Not sure")]
        self.fields["phase"].choices = [(phase.slug, phase.name) for phase in phases]
        self.ignored = 0
        self.data = self._known_choices_only(data)
        self.seen_ids = self._identities(data.getlist("seen"))

    def _known_choices_only(self, data):
        cleaned = data.copy()
        for name in ("area", "phase"):
            known = {value for value, _label in self.fields[name].choices}
            values = [value for value in data.getlist(name) if value]
            cleaned.setlist(name, list(dict.fromkeys(value for value in values if value in known)))
            self.ignored += len([value for value in values if value not in known])
        if cleaned.get("step") not in STEPS:
            cleaned.pop("step", None)
        return cleaned

    def _identities(self, values):
        found = []
        for value in values:
            try:
                identity = uuid.UUID(value[:40])
            except ValueError:
                self.ignored += 1
                continue
            if identity not in found:
                found.append(identity)
        if len(found) > MAX_SEEN:
            self.ignored += len(found) - MAX_SEEN
        return found[:MAX_SEEN]

    def _value(self, name):
        return self.cleaned_data.get(name) if self.is_valid() else None

    @property
    def chosen_areas(self):
        chosen = set(self._value("area") or [])
        return [area for area in self.areas if area.slug in chosen]

    @property
    def is_not_sure(self):
        return NOT_SURE in (self._value("area") or [])

    @property
    def chosen_phases(self):
        return self._value("phase") or []

    def seen(self):
        """The published observations in the address, in the order given; unknown ones are counted as ignored."""
        found = {obs.uuid: obs for obs in Observation.objects.published().filter(uuid__in=self.seen_ids)}
        found_in_order = [found[identity] for identity in self.seen_ids if identity in found]
        self.ignored += len(self.seen_ids) - len(found_in_order)
        return found_in_order

    def current_step(self, seen):
        asked = self._value("step")
        if asked:
            return asked if asked != "results" or seen else "notice"
        if seen:
            return "results"
        return "notice" if self.chosen_areas or self.is_not_sure else "areas"

    def query(self, seen, **changes):
        """This selection as a query string (observation identities only), e.g. for the share link."""
        params = {
            "area": [area.slug for area in self.chosen_areas] + ([NOT_SURE] if self.is_not_sure else []),
            "phase": self.chosen_phases,
            "seen": [str(observation.uuid) for observation in seen],
        } | changes
        return urlencode({name: value for name, value in params.items() if value}, doseq=True)
