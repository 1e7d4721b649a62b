"""The admin against the shared hostile values, signed in as each role: never a server error, on either database.

One request per (list filter, hostile value, role), per (autocomplete field, value, role) and per (admin form,
value, role), the value placed in every field of the form at once. What the forms and filters are
is read from the admin's own pages, so a new admin, filter or field is covered without being listed here. Which
hostile values each role sends is explained at ADMIN_VALUES and FEW_VALUES.
"""

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from categories.content import Status
from categories.models import Strategy
from oap_directory import word_import
from oap_directory.imports_admin import SESSION_KEY as WORD_IMPORT_SESSION
from oap_directory.models import ImportRecord, SiteSettings, Synonym
from resources.models import CostingPolicy
from tests.factories import (
    make_category,
    make_intervention,
    make_level,
    make_phase,
    make_resource,
    make_staff_role,
    make_strategy,
)
from tests.imports.docx_builder import oap_document
from tests.test_hostile_inputs import HOSTILE_VALUES, _safe

pytestmark = pytest.mark.django_db
ROLES = ["editor", "publisher", "site_manager", "superuser"]
COUNTS = {"TOTAL_FORMS": "1", "INITIAL_FORMS": "0", "MIN_NUM_FORMS": "0", "MAX_NUM_FORMS": "1000"}
AUTOCOMPLETE = [
    ("categories", "strategy", "categories"),
    ("categories", "category", "parent"),
    ("resources", "intervention", "categories"),
    ("resources", "intervention", "resources"),
    ("resources", "strategyresource", "resource"),
    ("resources", "strategyintervention", "intervention"),
]
SPREADSHEETS = ["categories/strategy", "resources/resource", "resources/intervention", "selfreview/statement"]
# Admin pages of our own (not a ModelAdmin's add or change form) and the fields each posts.
CUSTOM_FORMS = [
    ("two-factor/", ["token"]),
    ("word-import/", ["document"]),
    ("word-import/", ["confirm", "item-0-include", "item-0-title", "item-0-category", "item-0-level",
                      "section-0-target", "section-0-level"]),  # fmt: skip
    ("content-packs/", ["pack", "publish"]),
    ("content-packs/", ["confirm", "choice-0f0f0f0f-0000-4000-8000-000000000001"]),
    ("categories/strategy/{in_review}/transition/send_back/", ["comment"]),
    ("categories/strategy/{strategy}/transition/{value}/", ["comment"]),
    ("accounts/user/{user}/password/", ["password1", "password2", "usable_password"]),
    ("password-reset/", ["email"]),
    ("login/", ["username", "password", "otp_token"]),
    *[(f"{model}/import/", ["resource", "import_file", "format"]) for model in SPREADSHEETS],
    *[(f"{model}/process_import/", ["resource", "import_file_name", "original_file_name", "format"]) for model in SPREADSHEETS],
    *[(f"{model}/export/", ["resource", "format", "export_items"]) for model in SPREADSHEETS],
]  # fmt: skip
_discovered = {}  # what the admin's pages offer, read once as a superuser (names only, not ids)
# The shared hostile values, less those that only matter to a page number or repeat a kind already here (the
# three scripts become one value): every kind of value that has broken a form or filter (NUL, length, search syntax,
# SQL, wildcards, a lone surrogate, non-Latin text, a negative or malformed number, nothing) stays, once, which keeps
# these thousands of admin requests affordable.
REPEATS = {"0", "99999", " ", "_", "\\", "-", "phonics*", '"unbalanced', "🙂📚", "قراءة", "\u202eevil"}
ADMIN_VALUES = [value for value in HOSTILE_VALUES if value not in REPEATS] + ["\u202eevil قراءة 🙂📚"]
# Every value goes through every form, the search box and the date drill-down as the superuser, who reaches all of
# them, and through every form as an editor, whose saves on live items take another path (pending changes). The other
# roles reach the same forms and filters through the same code, less what they may not do: three values that each
# broke something once (NUL, length, a lone surrogate) and a malformed number check their paths, keeping the suite
# within its minutes. The sidebar filters read ids, choices and yes/no: those four values are what they can get wrong
# (search syntax, SQL and wildcards only reach the search box), so they get only those, whoever is signed in.
FEW_VALUES = ["\x00", "x" * 5000, "\ud800", "abc"]


def _values(role, kind):
    return ADMIN_VALUES if role == "superuser" or (role == "editor" and kind == "forms") else FEW_VALUES


def _filter_values(role, names):
    reads_text = names == ["q"] or names[0].endswith("__year")
    return _values(role, "filters") if reads_text else FEW_VALUES


@pytest.fixture
def objects(db, superuser, editor):
    level = make_level()
    category = make_category(parent=make_category())
    strategy = make_strategy(categories=[category], tags=["phonics"], level=level)
    resource = make_resource(strategies=[strategy], tags=["phonics"], phases=[make_phase()])
    make_intervention(level=level, categories=[category], strategies=[strategy])
    make_intervention(staff_role=make_staff_role(), pupils_per_group=4, minutes_per_session=30, sessions_per_week=3)
    CostingPolicy.load()
    SiteSettings.load()
    Synonym.objects.get_or_create(term="hostile-test-term", defaults={"synonyms": "one, two"})
    ImportRecord.objects.create(kind=ImportRecord.Kind.CONTENT_PACK, file_name="pack.zip", created_by=superuser)
    TOTPDevice.objects.create(user=editor, name="Phone", confirmed=True)
    return {
        "strategy": strategy.pk,
        "in_review": make_strategy(status=Status.IN_REVIEW, categories=[category]).pk,
        "resource": resource.pk,
        "user": editor.pk,
    }


@pytest.fixture(autouse=True)
def _no_nav_sidebar(monkeypatch):
    """The sidebar lists the same apps whatever the request: leaving it out keeps these thousands of requests fast."""
    monkeypatch.setattr(admin.site, "enable_nav_sidebar", False)


def _client_as(client, request, role):
    person = request.getfixturevalue(role)
    if role in {"editor", "publisher"}:
        person = User.objects.create_user(email=f"hostile-{role}@example.org", is_staff=True)
        person.groups.set(request.getfixturevalue(role).groups.all())
    client.force_login(person)
    client.raise_request_exception = False
    return client


def _admins():
    return [(model, model_admin) for model, model_admin in admin.site._registry.items()]


def _url(model, page="changelist", pk=None):
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    return {"changelist": base, "add": f"{base}add/", "change": f"{base}{pk}/change/"}[page]


def _filters(model_admin, superuser):
    """Each filter of the change list as the query parameters it reads: its sidebar filters (a related-field
    filter reads two), the date drill-down and the search box."""
    request = _request_for(superuser)
    changelist = model_admin.get_changelist_instance(request)
    filters = [spec.expected_parameters() for spec in changelist.filter_specs]
    if model_admin.date_hierarchy:
        filters.append([f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")])
    if model_admin.search_fields:
        filters.append(["q"])
    return filters


def _form_fields(client, url):
    """The names an add or change page posts: its form, and one new row of each inline."""
    if url not in _discovered:
        response = client.get(url)
        names = []
        if response.status_code == 200 and response.context and "adminform" in response.context:
            form = response.context["adminform"].form
            names = [form.add_prefix(name) for name in form.fields]
            for inline in response.context["inline_admin_formsets"]:
                formset = inline.formset
                names += [f"{formset.prefix}-{count}" for count in COUNTS]
                names += [f"{formset.prefix}-0-{name}" for name in formset.empty_form.fields]
        _discovered[url] = names
    return _discovered[url]


def _hostile_data(names, value):
    """`value` in every field, except the counts that tell Django how many inline rows there are."""
    data = {}
    for name in names:
        count = next((count for count in COUNTS if name.endswith(f"-{count}")), None)
        data[name] = COUNTS[count] if count else value
    return data


def _query(data):
    """Data as a browser sends it, even values no Python string can encode (a lone surrogate)."""
    return "&".join(f"{_safe(name)}={_safe(value)}" for name, value in data.items())


def _get(client, url, data):
    return client.get(f"{url}?{_query(data)}")


def _post(client, url, data):
    return client.post(url, _query(data), content_type="application/x-www-form-urlencoded")


def _server_errors(responses):
    return [(what, value[:20]) for what, value, response in responses if response.status_code >= 500]


@pytest.mark.parametrize("role", ROLES)
def test_hostile_values_in_admin_autocomplete_never_cause_a_server_error(client, request, objects, role):
    client = _client_as(client, request, role)
    responses = []
    for value in _values(role, "filters"):
        for app_label, model_name, field_name in AUTOCOMPLETE:
            query = {"term": value, "page": value, "app_label": app_label, "model_name": model_name}
            responses.append(
                (field_name, value, _get(client, "/admin/autocomplete/", query | {"field_name": field_name}))
            )
        every = dict.fromkeys(("term", "page", "app_label", "model_name", "field_name"), value)
        responses.append(("every parameter", value, _get(client, "/admin/autocomplete/", every)))
    assert not _server_errors(responses)


@pytest.mark.parametrize("role", ROLES)
def test_hostile_values_in_every_admin_form_never_cause_a_server_error(client, request, objects, role, superuser):
    client.force_login(superuser)
    forms = []
    for model, model_admin in _admins():
        changelist = _url(model)
        forms.append((changelist, ["action", "_selected_action", "index", "select_across"]))
        if model_admin.list_editable:  # the rows a change list edits in place (levels' and phases' order)
            rows = [f"form-0-{name}" for name in ["id", *model_admin.list_editable]]
            forms.append((changelist, ["_save", "form-TOTAL_FORMS", "form-INITIAL_FORMS", *rows]))
        forms.append((_url(model, "add"), _form_fields(client, _url(model, "add"))))
        example = model_admin.get_queryset(_request_for(superuser)).first()
        if example is not None:
            change = _url(model, "change", example.pk)
            forms.append((change, _form_fields(client, change)))
    forms += [(f"/admin/{path}", names) for path, names in CUSTOM_FORMS]
    document = SimpleUploadedFile("hostile.docx", oap_document())
    proposal = word_import.propose(word_import.read_docx(document)[0], "hostile.docx").as_dict()
    client = _client_as(client, request, role)
    responses = []
    for url, names in forms:
        for value in _values(role, "forms"):
            if "confirm" in names:
                session = client.session
                session[WORD_IMPORT_SESSION] = proposal  # a preview waiting to be confirmed
                session.save()
            address = url.format(**objects, value=_safe(value[:40]) or "x")
            response = _post(client, address, _hostile_data(names, value))
            responses.append((address, value, response))
            if _refused(response) and "{value}" not in url:
                break  # this role may not use this form: the answer is the same whatever is posted
    assert not _server_errors(responses)


def _refused(response):
    return response.status_code == 403 or "/admin/login/" in response.get("Location", "")


def _request_for(user):
    request = RequestFactory().get("/admin/")
    request.site = SiteSettings.load()
    request.user = user
    return request


def test_the_hostile_admin_tests_reach_real_forms_and_filters(client, objects, superuser):
    """A guard: if discovery found nothing, the tests above would pass without testing anything."""
    client.force_login(superuser)
    filters = _filters(admin.site._registry[Strategy], superuser)
    assert ["q"] in filters and ["level__id__exact", "level__isnull"] in filters
    assert ["updated_at__year", "updated_at__month", "updated_at__day"] in filters
    fields = _form_fields(client, _url(Strategy, "change", objects["strategy"]))
    assert {"title", "child_statement", "tags", "loaded_version"} <= set(fields)
    assert any(name.startswith("resource_links-0-") for name in fields)
