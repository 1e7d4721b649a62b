"""Build the POST an editor's browser would send from an admin change form."""

from django import forms
from django.db.models import Model, QuerySet


def _value(value):
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, QuerySet | list | tuple | set):
        return [_value(item) for item in value]
    if value is None:
        return ""
    return value


def _form_data(form):
    data = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField):
            continue  # an unchanged file input posts nothing
        value = form.initial.get(name, field.initial)
        if name == form._meta.model._meta.pk.name and form.instance.pk:
            value = form.instance.pk  # an inline row's id, so the admin knows which row it is
        if callable(value):
            value = value()
        if name == "tags" and value is not None and not isinstance(value, str):
            value = ", ".join(tag.name for tag in value)
        if value is None and isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            value = []
        value = _value(value)
        if value is False:
            continue
        if value is True:
            value = "on"
        data[form.add_prefix(name)] = value
    return data


def change_form_data(response, **changes):
    """The data of the form on an admin add/change page, with `changes` applied."""
    data = _form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        # Existing rows, and rows filled in from pending changes; the blank extra rows are left out.
        filled = [*formset.initial_forms, *(form for form in formset.extra_forms if form.initial)]
        data[f"{formset.prefix}-TOTAL_FORMS"] = len(filled)
        for form in filled:
            data.update(_form_data(form))
    data.update(changes)
    return {key: value for key, value in data.items() if value != [] or key in changes}
