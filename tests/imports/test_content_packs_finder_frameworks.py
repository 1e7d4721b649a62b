"""Content packs carry the needs finder's content and the self-evaluation frameworks, with the same
new / updated / kept / conflict decisions as the rest of the directory."""

import io
import json
from datetime import date

import pytest

from categories.content import Status
from finder.models import CheckPrompt, DiagnosticTerm, Observation, ObservationTally, Signpost
from oap_directory.content_packs import PackError, build_content, pack_bytes
from oap_directory.pack_import import import_pack, plan_pack
from resources.models import Intervention
from selfreview.models import Framework, RatingScale, SharingCode, Statement
from tests.factories import make_category, make_intervention, make_observation, make_resource, make_strategy
from tests.imports.test_content_pack_decisions import _edit, _outcomes
from tests.selfreview.factories import make_framework, statements

pytestmark = pytest.mark.django_db


@pytest.fixture
def finder_content():
    area = make_category(name="Social, emotional and mental health", slug="semh")
    sub_area = make_category(name="Attention", slug="attention", parent=area)
    movement = make_strategy(title="Planned movement breaks", slug="movement-breaks", categories=[sub_area])
    timer = make_resource(title="Visual timer", slug="visual-timer")
    seat = make_observation(
        area=area,
        sub_area=sub_area,
        text="Finds it hard to stay in their seat",
        slug="stay-in-seat",
        synonyms="can't sit still",
        links=[(movement, 3), (timer, 1)],
    )
    ObservationTally.objects.create(observation=seat, month=date(2026, 10, 1), count=12)
    CheckPrompt.objects.create(area=area, text="What do the family see at home?", order=1)
    Signpost.objects.create(area=area, message="Talk to your SENCO about what you have noticed.", threshold=4)
    DiagnosticTerm.objects.create(term="ADHD", instead="Say what the pupil does.")
    return {"area": area, "observation": seat, "strategy": movement, "resource": timer}


def _wipe_finder():
    for model in (Observation, CheckPrompt, Signpost, DiagnosticTerm):
        model.objects.all().delete()


def _observation(content, slug):
    return next(item for item in content["observations"] if item["slug"] == slug)


def test_observations_travel_with_their_links_check_prompts_signposts_and_terms(finder_content):
    pack = pack_bytes()
    uuid = finder_content["observation"].uuid
    _wipe_finder()
    import_pack(io.BytesIO(pack), "pack.zip", publish=True)
    seat = Observation.objects.get(uuid=uuid)
    assert seat.status == Status.PUBLISHED and seat.text == "Finds it hard to stay in their seat"
    assert seat.area == finder_content["area"] and seat.sub_area.slug == "attention"
    assert seat.other_wordings() == ["can't sit still"]
    assert sorted((link.target.slug, link.weight, link.why) for link in seat.links.all()) == [
        ("movement-breaks", 3, "It helps here."),
        ("visual-timer", 1, "It helps here."),
    ]
    assert CheckPrompt.objects.get().text == "What do the family see at home?"
    assert Signpost.objects.get(area=finder_content["area"]).threshold == 4
    assert DiagnosticTerm.objects.get().instead == "Say what the pupil does."


def test_the_finder_tallies_never_travel(finder_content):
    raw = json.dumps(build_content())
    assert "tall" not in raw.lower() and '"count"' not in raw


def test_imported_observations_are_drafts_unless_the_pack_statuses_are_kept(finder_content):
    pack = pack_bytes()
    _wipe_finder()
    import_pack(io.BytesIO(pack), "pack.zip")
    assert Observation.objects.get().status == Status.DRAFT


def test_an_observation_whose_links_lead_to_nothing_here_stays_a_draft_and_says_why(finder_content):
    def elsewhere(content):
        for link in _observation(content, "stay-in-seat")["links"]:
            link["uuid"] = "0f0f0f0f-0000-4000-8000-00000000000a"

    pack = _edit(pack_bytes(), elsewhere)
    _wipe_finder()
    record = import_pack(io.BytesIO(pack), "pack.zip", publish=True)
    assert Observation.objects.get().status == Status.DRAFT
    assert not Observation.objects.get().links.exists()
    notes = " ".join(record.messages)
    assert "2 links lead to items not here" in notes and "it is a draft" in notes


def test_an_observation_whose_area_is_not_here_is_not_imported(finder_content):
    def elsewhere(content):
        _observation(content, "stay-in-seat")["area"] = "0f0f0f0f-0000-4000-8000-00000000000b"

    pack = _edit(pack_bytes(), elsewhere)
    _wipe_finder()
    report = plan_pack(io.BytesIO(pack))
    assert _outcomes(report)["Observation “Finds it hard to stay in their seat”"] == "refused"
    assert "its area of need isn’t here" in " ".join(report.messages)


def test_a_second_import_tells_their_finder_changes_from_ours(finder_content):
    pack = pack_bytes()
    import_pack(io.BytesIO(pack), "first.zip")  # the base: what the source sent
    signpost = Signpost.objects.get()
    signpost.message = "Changed here."
    signpost.save()
    term = DiagnosticTerm.objects.get()
    term.instead = "Ours."
    term.save()

    def theirs(content):
        _observation(content, "stay-in-seat")["text"] = "Often out of their seat"
        content["check_prompts"][0]["order"] = 5
        content["diagnostic_terms"][0]["instead"] = "Theirs."

    second = _edit(pack, theirs)
    outcomes = _outcomes(plan_pack(io.BytesIO(second)))
    assert outcomes["Observation “Often out of their seat”"] == "update"
    assert outcomes["Check prompt “What do the family see at home?”"] == "update"
    assert outcomes[f"Signpost for {finder_content['area']}"] == "kept"
    assert outcomes["Diagnostic term “ADHD”"] == "conflict"
    import_pack(io.BytesIO(second), "second.zip", overwrite=True)
    assert Observation.objects.get().text == "Often out of their seat"
    assert CheckPrompt.objects.get().order == 5
    assert Signpost.objects.get().message == "Changed here."
    assert DiagnosticTerm.objects.get().instead == "Theirs."
    assert set(_outcomes(plan_pack(io.BytesIO(second))).values()) == {"unchanged"}


def test_frameworks_travel_with_statement_uuids_descriptors_links_and_targets():
    framework = make_framework()
    first = statements(framework)[0]
    Statement.objects.filter(pk=first.pk).update(descriptors={"emerging": "Some leaders talk about it."})
    uuids = [statement.uuid for statement in statements(framework)]
    pack = pack_bytes()
    Framework.objects.all().delete()
    RatingScale.objects.all().delete()
    import_pack(io.BytesIO(pack), "pack.zip", publish=True)
    copy = Framework.objects.get()
    assert copy.is_published and copy.is_locked and copy.scale.levels.count() == 4
    assert [statement.uuid for statement in statements(copy)] == uuids
    first = statements(copy)[0]
    assert first.is_statutory and first.descriptors == {"emerging": "Some leaders talk about it."}
    assert [s.title for s in first.strategies.all()] == ["Keep SEND on every leadership agenda"]
    assert statements(copy)[1].target.level.slug == "embedded"
    assert copy.sections.first().category.slug == "whole-school-category"


def test_frameworks_arrive_as_drafts_unless_the_pack_statuses_are_kept():
    make_framework()
    pack = pack_bytes()
    Framework.objects.all().delete()
    import_pack(io.BytesIO(pack), "pack.zip")
    assert Framework.objects.get().status == Framework.Status.DRAFT and not Framework.objects.get().is_locked


def test_a_published_framework_here_is_never_changed_by_a_pack():
    framework = make_framework()
    pack = pack_bytes()

    def theirs(content):
        content["frameworks"][0]["sections"][0]["statements"][0]["text"] = "Changed there."

    record = import_pack(io.BytesIO(_edit(pack, theirs)), "pack.zip", overwrite=True)
    assert statements(framework)[0].text == "Statement 1.1"
    assert "published versions never change" in " ".join(record.messages)


def test_a_new_version_from_the_source_arrives_beside_ours_keeping_statement_uuids():
    framework = make_framework()
    newer = framework.new_version()
    changed = statements(newer)[0]
    changed.text = "Leaders review SEND at every meeting."
    changed.save()
    pack = pack_bytes()
    newer.delete()
    report = plan_pack(io.BytesIO(pack))
    assert _outcomes(report)["Framework “Whole-school SEND self-evaluation” version 2"] == "new"
    assert _outcomes(report)["Framework “Whole-school SEND self-evaluation” version 1"] == "unchanged"
    import_pack(io.BytesIO(pack), "pack.zip")
    copy = Framework.objects.get(version=2)
    assert statements(copy)[0].uuid == statements(framework)[0].uuid
    assert statements(copy)[0].text == "Leaders review SEND at every meeting."


def test_a_draft_framework_changed_at_the_source_is_updated_here():
    make_framework(publish=False)
    pack = pack_bytes()
    import_pack(io.BytesIO(pack), "first.zip")

    def theirs(content):
        content["frameworks"][0]["sections"][1]["statements"][2]["is_statutory"] = True

    import_pack(io.BytesIO(_edit(pack, theirs)), "second.zip")
    assert statements(Framework.objects.get())[-1].is_statutory


def test_sharing_codes_and_shared_evaluations_never_travel():
    make_framework()
    SharingCode.objects.create(code_hash="a" * 64)
    content = build_content()
    assert not {"sharing_codes", "shared_evaluations"} & set(content)
    assert "a" * 64 not in json.dumps(content)


def test_local_service_details_travel_with_interventions():
    make_intervention(
        slug="speech-outreach", is_local_service=True, provider_name="Northbrook Speech Service",
        provider_website="https://speech.example.org/", contact_name="Outreach team", contact_email="team@example.org",
    )  # fmt: skip
    pack = pack_bytes()
    Intervention.objects.all().delete()
    import_pack(io.BytesIO(pack), "pack.zip")
    service = Intervention.objects.get()
    assert service.is_local_service and service.provider_name == "Northbrook Speech Service"
    assert (service.provider_website, service.contact_name, service.contact_email) == (
        "https://speech.example.org/", "Outreach team", "team@example.org",
    )  # fmt: skip


@pytest.mark.parametrize(
    "change, reason",
    [
        ({"contact_email": "not an address"}, "its contact email is not an email address"),
        ({"provider_website": "javascript:alert(1)"}, "is not an http or https address"),
    ],
)
def test_bad_local_service_details_are_refused(change, reason):
    make_intervention(slug="speech-outreach", is_local_service=True, provider_name="Northbrook Speech Service")
    pack = pack_bytes()
    Intervention.objects.all().delete()

    def hostile(content):
        content["interventions"][0].update(change)

    record = import_pack(io.BytesIO(_edit(pack, hostile)), "pack.zip")
    assert not Intervention.objects.exists() and reason in " ".join(record.messages)


def test_a_pack_made_before_these_travelled_still_imports_and_changes_nothing_they_hold(finder_content):
    make_framework()
    make_intervention(slug="speech-outreach", is_local_service=True, provider_name="Northbrook Speech Service")
    pack = pack_bytes()

    def older(content):
        for key in ("observations", "check_prompts", "signposts", "diagnostic_terms", "rating_scales", "frameworks"):
            del content[key]
        for item in content["interventions"]:
            for key in ("is_local_service", "provider_name", "provider_website", "contact_name", "contact_email"):
                del item[key]

    report = import_pack(io.BytesIO(_edit(pack, older)), "old.zip").report
    assert set(_outcomes(report).values()) == {"unchanged"}
    assert Intervention.objects.get().is_local_service and Observation.objects.exists()


def test_the_admin_preview_lists_observations_and_frameworks(client, site_manager, finder_content):
    make_framework()
    pack = pack_bytes()
    _wipe_finder()
    Framework.objects.all().delete()
    client.force_login(site_manager)
    upload = io.BytesIO(pack)
    upload.name = "shared.zip"
    preview = client.post("/admin/content-packs/", {"pack": upload}, follow=True).content.decode()
    assert "Observation “Finds it hard to stay in their seat”" in preview
    assert "Framework “Whole-school SEND self-evaluation” version 1" in preview
    assert not Observation.objects.exists() and not Framework.objects.exists()


def test_a_pack_with_a_repeated_statement_identity_is_refused_not_crashed():
    make_framework(publish=False)
    pack = pack_bytes()
    Framework.objects.all().delete()

    def repeated(content):
        rows = content["frameworks"][0]["sections"][0]["statements"]
        rows[1]["uuid"] = rows[0]["uuid"]

    record = import_pack(io.BytesIO(_edit(pack, repeated)), "pack.zip")
    assert not Framework.objects.exists() and "same uuid" in " ".join(record.messages)


def test_the_levels_of_a_scale_a_framework_here_uses_are_never_changed_by_a_pack():
    framework = make_framework(publish=False)
    pack = pack_bytes()

    def theirs(content):
        content["rating_scales"][0]["levels"] = [{"slug": "yes", "label": "Yes", "score": 0, "description": ""}]

    record = import_pack(io.BytesIO(_edit(pack, theirs)), "pack.zip", overwrite=True)
    assert list(framework.scale.levels.values_list("slug", flat=True)) == [
        "not-yet",
        "emerging",
        "developing",
        "embedded",
    ]
    assert "frameworks here use it, so its levels stay as they are" in " ".join(record.messages)


def test_a_pack_with_nul_characters_is_refused_before_anything_is_written(finder_content):
    def hostile(content):
        _observation(content, "stay-in-seat")["text"] = "Finds it hard\x00 to sit"

    pack = _edit(pack_bytes(), hostile)
    _wipe_finder()
    with pytest.raises(PackError, match="NUL characters"):
        import_pack(io.BytesIO(pack), "pack.zip")
    assert not Observation.objects.exists()


def test_the_preview_shows_which_statement_changed_not_the_whole_framework():
    make_framework(publish=False)
    pack = pack_bytes()
    import_pack(io.BytesIO(pack), "first.zip")
    Statement.objects.filter(text="Statement 2.1").update(text="Changed here.")

    def theirs(content):
        content["frameworks"][0]["sections"][1]["statements"][0]["text"] = "Changed there."
        content["frameworks"][0]["sections"][0]["statements"][2]["descriptors"] = {"emerging": "Some do."}

    report = plan_pack(io.BytesIO(_edit(pack, theirs)))
    conflict = next(d for d in report.decisions if d["outcome"] == "conflict")
    assert conflict["diff"] == [
        ["sections 1 › statements 3 › descriptors › emerging", None, "Some do."],
        ["sections 2 › statements 1 › text", "Changed here.", "Changed there."],
    ]


def test_an_imported_observation_that_uses_a_diagnostic_term_is_flagged(finder_content):
    def labelled(content):
        _observation(content, "stay-in-seat")["text"] = "Their ADHD makes it hard to stay seated"

    pack = _edit(pack_bytes(), labelled)
    _wipe_finder()
    record = import_pack(io.BytesIO(pack), "pack.zip")
    assert Observation.objects.get().text == "Their ADHD makes it hard to stay seated"
    assert "uses “ADHD”: observations describe what a pupil does" in " ".join(record.messages)


def test_an_observation_whose_sub_area_is_not_inside_its_area_here_arrives_without_one(finder_content):
    elsewhere = make_category(slug="elsewhere")

    def moved(content):
        _observation(content, "stay-in-seat")["sub_area"] = str(elsewhere.uuid)

    pack = _edit(pack_bytes(), moved)
    _wipe_finder()
    record = import_pack(io.BytesIO(pack), "pack.zip")
    assert Observation.objects.get().sub_area is None
    assert "its sub-area isn’t inside “Social, emotional and mental health” here" in " ".join(record.messages)
