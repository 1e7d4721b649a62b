import io

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from categories.models import Category, Level, Strategy
from oap_directory.models import SearchDocument, SiteSettings

pytestmark = pytest.mark.django_db

OPTIONS = {
    "council_name": "Exampleshire County Council",
    "contact_email": "send@exampleshire.example",
    "manager_email": "lead@exampleshire.example",
    "brand_colour": "#4c2c92",
    "interactive": False,
}


def run(**overrides):
    out = io.StringIO()
    call_command("setup_council", stdout=out, **(OPTIONS | overrides))
    return out.getvalue()


def test_sets_up_a_branded_council_with_the_areas_of_need(client):
    output = run(content="areas")
    site = SiteSettings.load()
    assert site.council_name == "Exampleshire County Council"
    assert site.service_name == "Exampleshire Ordinarily Available Provision"
    assert site.brand_colour == "#4c2c92" and site.link_colour == "#4c2c92"
    assert set(Category.objects.values_list("slug", flat=True)) == {
        "areas-of-need", "communication-and-interaction", "cognition-and-learning", "semh", "sensory-and-physical",
    }  # fmt: skip
    assert Level.objects.count() == 3 and not Strategy.objects.exists()
    manager = User.objects.get(email="lead@exampleshire.example")
    assert manager.is_staff and manager.groups.filter(name="Site manager").exists()
    assert "password:" in output
    home = client.get("/").content.decode()
    assert "Exampleshire Ordinarily Available Provision" in home and "--govuk-brand-colour: #4c2c92" in home
    assert "Cognition and learning" in home


def test_empty_tree_or_full_starter_content(db):
    run(content="empty")
    assert not Category.objects.exists() and Level.objects.exists()


def test_full_starter_content_keeps_the_councils_own_settings(db):
    run(content="starter", manager_password="a strong password for tests")
    assert Strategy.objects.published().count() >= 80
    assert SearchDocument.objects.filter(type="strategy").exists()
    site = SiteSettings.load()
    assert site.council_name == "Exampleshire County Council" and site.contact_email == "send@exampleshire.example"
    assert not site.footer_links.exists()


def test_refuses_colours_with_too_little_contrast_showing_the_ratio(db):
    with pytest.raises(CommandError, match=r"contrast of 1\.\d\d:1"):
        run(content="areas", brand_colour="#ffdd00")
    assert not User.objects.exists() and not Category.objects.exists()


def test_refuses_an_existing_site(db):
    run(content="areas")
    with pytest.raises(CommandError, match="already set up"):
        run(content="areas", manager_email="other@exampleshire.example")


def test_says_what_is_missing_without_input(db):
    with pytest.raises(CommandError, match="--council-name is needed"):
        call_command("setup_council", interactive=False, stdout=io.StringIO())


def test_asks_questions_when_interactive(db, monkeypatch):
    answers = iter(["Westford Council", "", "send@westford.example", "lead@westford.example", "empty"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    out = io.StringIO()
    call_command("setup_council", stdout=out)
    assert SiteSettings.load().service_name == "Westford Ordinarily Available Provision"
    assert "lead@westford.example" in out.getvalue()
