"""Sharing ratings with the council: single-use codes, named or anonymous, withdrawal, and figures that never
pick out fewer than five schools."""

import pytest
from django.core.cache import cache

from selfreview.document import canonical, new
from selfreview.models import SharedEvaluation, SharedRating, SharingCode, code_hash
from selfreview.sharing import make_sharing_codes, results
from tests.factories import make_phase
from tests.selfreview.factories import make_framework, statements

pytestmark = pytest.mark.django_db
URL = "/self-evaluation/share/"
SITE = "http://testserver"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE
    cache.clear()


def rated(framework, levels=("embedded", "developing", "not-applicable")):
    document = new(framework, "Oakfield Primary")
    for statement, level in zip(statements(framework), levels, strict=False):
        document["ratings"][str(statement.uuid)] = {
            "level": level,
            "rationale": "RATIONALE-SECRET",
            "evidence": "EVIDENCE-SECRET",
        }
    document["actions"] = [
        {
            "statement": str(statements(framework)[0].uuid),
            "description": "ACTION-SECRET",
            "owner_role": "SENCO",
            "due_term": "Spring",
            "success_criteria": "CRITERIA-SECRET",
            "status": "not-started",
            "strategies": [],
        }
    ]
    return document


def share(client, document, code, **data):
    fields = {"document": canonical(document), "sharing_code": code, "how": "anonymous", "consent": "yes"}
    return client.post(URL, fields | data, HTTP_ORIGIN=SITE)


def receipt_of(response):
    return response.context["receipt"]


def test_an_anonymous_share_stores_ratings_only(client):
    framework = make_framework()
    [code] = make_sharing_codes(1)
    response = share(client, rated(framework), code, urn="123456", school_name="Oakfield Primary")
    assert response.status_code == 200
    assert "Ratings shared" in response.content.decode()
    evaluation = SharedEvaluation.objects.get()
    assert (evaluation.is_named, evaluation.urn, evaluation.school_name) == (False, "", "")
    assert sorted(SharedRating.objects.values_list("level", flat=True)) == ["developing", "embedded", "not-applicable"]
    assert evaluation.receipt_hash == code_hash(receipt_of(response))
    assert not response.cookies


def test_a_named_share_keeps_the_urn_and_name(client):
    framework = make_framework()
    phase = make_phase(slug="primary")
    [code] = make_sharing_codes(1)
    share(client, rated(framework), code, how="named", urn="123456", school_name="Oakfield Primary", phase="primary")
    evaluation = SharedEvaluation.objects.get()
    assert (evaluation.is_named, evaluation.urn, evaluation.school_name, evaluation.phase) == (
        True,
        "123456",
        "Oakfield Primary",
        phase,
    )


def test_a_named_share_needs_a_urn_in_the_right_format(client):
    framework = make_framework()
    [code] = make_sharing_codes(1)
    response = share(client, rated(framework), code, how="named", urn="12345X", school_name="Oakfield")
    assert response.status_code == 400
    assert "6 digits" in response.content.decode()
    assert not SharedEvaluation.objects.exists()
    assert SharingCode.objects.get().used_at is None


def test_a_urn_shares_named_once_per_framework_version_and_year(client):
    framework = make_framework()
    first, second = make_sharing_codes(2)
    share(client, rated(framework), first, how="named", urn="123456", school_name="Oakfield")
    response = share(client, rated(framework), second, how="named", urn="123456", school_name="Oakfield")
    assert response.status_code == 400
    assert "already been shared this year" in response.content.decode()
    assert SharedEvaluation.objects.count() == 1
    assert SharingCode.objects.filter(used_at__isnull=True).count() == 1


def test_a_sharing_code_works_once(client):
    framework = make_framework()
    [code] = make_sharing_codes(1)
    share(client, rated(framework), code)
    response = share(client, rated(framework), code)
    assert response.status_code == 400
    assert "used already" in response.content.decode()
    assert SharedEvaluation.objects.count() == 1


def test_a_made_up_code_is_refused(client):
    framework = make_framework()
    make_sharing_codes(1)
    response = share(client, rated(framework), "AAAA-BBBB-CCCC-DDDD")
    assert response.status_code == 400
    assert not SharedEvaluation.objects.exists()


def test_only_the_hash_of_a_sharing_code_is_stored():
    codes = make_sharing_codes(3)
    stored = list(SharingCode.objects.values_list("code_hash", flat=True))
    assert sorted(stored) == sorted(code_hash(code) for code in codes)
    assert not any(code in str(SharingCode.objects.values()) for code in codes)


def test_sharing_needs_consent(client):
    framework = make_framework()
    [code] = make_sharing_codes(1)
    response = share(client, rated(framework), code, consent="")
    assert response.status_code == 400
    assert "Tick the box" in response.content.decode()
    assert not SharedEvaluation.objects.exists()


def test_sharing_from_another_site_or_by_a_robot_is_refused(client):
    framework = make_framework()
    [code] = make_sharing_codes(1)
    fields = {"document": canonical(rated(framework)), "sharing_code": code, "how": "anonymous", "consent": "yes"}
    assert client.post(URL, fields, HTTP_ORIGIN="https://evil.example").status_code == 400
    assert client.post(URL, fields).status_code == 400  # no Origin or Referer
    assert client.post(URL, fields | {"website": "http://spam.example"}, HTTP_ORIGIN=SITE).status_code == 400
    assert not SharedEvaluation.objects.exists()


def test_sharing_is_capped_per_hour(client):
    framework = make_framework()
    codes = make_sharing_codes(12)
    answers = [share(client, rated(framework), code).status_code for code in codes]
    assert answers[:10] == [200] * 10
    assert answers[10:] == [429, 429]
    assert SharedEvaluation.objects.count() == 10


def test_a_school_withdraws_with_its_receipt_code(client):
    framework = make_framework()
    [code] = make_sharing_codes(1)
    receipt = receipt_of(share(client, rated(framework), code))
    wrong = client.post(URL, {"step": "withdraw", "receipt": "AAAA-AAAA-AAAA-AAAA"}, HTTP_ORIGIN=SITE)
    assert wrong.status_code == 400
    assert SharedEvaluation.objects.count() == 1
    response = client.post(URL, {"step": "withdraw", "receipt": receipt.lower()}, HTTP_ORIGIN=SITE)
    assert "Ratings withdrawn" in response.content.decode()
    assert not SharedEvaluation.objects.exists()
    assert not SharedRating.objects.exists()


def _share_many(framework, count, level="embedded", named=0):
    for n in range(count):
        evaluation = SharedEvaluation.objects.create(
            framework=framework,
            academic_year="2026/27",
            receipt_hash=f"{framework.pk}-{level}-{n}",
            is_named=n < named,
            urn=f"{(200000 if level == 'developing' else 100000) + n}" if n < named else "",
            school_name=f"School {n}" if n < named else "",
        )
        SharedRating.objects.bulk_create(
            SharedRating(evaluation=evaluation, statement=statement, level=level) for statement in statements(framework)
        )


@pytest.mark.parametrize(("schools", "shown"), [(4, False), (5, True), (12, True)])
def test_the_council_sees_figures_only_for_five_schools_or_more(schools, shown):
    framework = make_framework()
    _share_many(framework, schools)
    figures = results(framework)
    assert figures["schools"] == (str(schools) if shown else "fewer than 5")
    assert bool(figures["rows"]) is shown
    if shown:
        cells = figures["rows"][0]["statements"][0]["cells"]
        columns = [slug for slug, _ in figures["columns"]]
        assert cells[columns.index("embedded")] == str(schools)


def test_any_cell_under_five_reads_fewer_than_five_and_cannot_be_worked_out():
    framework = make_framework()
    _share_many(framework, 8, "embedded")
    _share_many(framework, 3, "developing")
    figures = results(framework)
    columns = [slug for slug, _ in figures["columns"]]
    cells = dict(zip(columns, figures["rows"][0]["statements"][0]["cells"], strict=True))
    assert cells == {
        "not-yet": "fewer than 5",
        "emerging": "fewer than 5",
        "developing": "fewer than 5",
        "embedded": "8",
        "not-applicable": "fewer than 5",
    }
    assert figures["schools"] == "11"


def test_one_hidden_cell_hides_the_next_smallest_too():
    from selfreview.sharing import suppress

    assert suppress([6, 7, 3, 9]) == ["fewer than 5", "7", "fewer than 5", "9"]
    assert suppress([5, 5, 5]) == ["5", "5", "5"]


def test_named_results_list_only_schools_that_chose_named(admin_client):
    framework = make_framework()
    _share_many(framework, 6, named=2)
    page = admin_client.get(f"/admin/selfreview/framework/{framework.pk}/results/").content.decode()
    assert "School 0" in page and "School 1" in page
    assert "School 2" not in page
    assert "100000" in page and "100002" not in page


def test_the_shared_tables_have_no_column_for_anything_typed():
    """Ratings only: never rationale, evidence, actions, the visitor's address or the sharing code."""
    columns = {field.name for model in (SharedEvaluation, SharedRating) for field in model._meta.concrete_fields}
    assert columns == {
        "id",
        "framework",
        "phase",
        "academic_year",
        "is_named",
        "urn",
        "school_name",
        "receipt_hash",
        "shared_on",
        "evaluation",
        "statement",
        "level",
    }


def test_the_results_page_uses_the_same_number_of_queries_for_5_and_12_schools(
    admin_client, django_assert_max_num_queries
):
    framework = make_framework()
    url = f"/admin/selfreview/framework/{framework.pk}/results/"
    _share_many(framework, 5, named=2)
    admin_client.get(url)
    with django_assert_max_num_queries(20) as five:
        admin_client.get(url)
    _share_many(framework, 7, level="developing", named=3)
    with django_assert_max_num_queries(20) as twelve:
        assert "fewer than 5" in admin_client.get(url).content.decode()
    assert len(five.captured_queries) == len(twelve.captured_queries)
