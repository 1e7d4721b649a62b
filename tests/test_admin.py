import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from categories.content import Status
from categories.models import Category, Strategy
from oap_directory.models import Revision, SiteSettings
from tests.admin_forms import change_form_data
from tests.factories import make_category, make_intervention, make_level, make_phase, make_resource, make_strategy

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    reading = make_category(name="Reading", slug="reading", parent=make_category(name="Cognition"))
    level = make_level(name="SEN Support", is_costed=True)
    strategy = make_strategy(level=level, categories=[reading], phases=[make_phase()], tags=["phonics"])
    resource = make_resource(strategies=[strategy])
    intervention = make_intervention(level=level, categories=[reading], strategies=[strategy])
    return {
        "category": reading,
        "strategy": strategy,
        "resource": resource,
        "intervention": intervention,
        "level": level,
    }


ADMIN_MODELS = [
    "categories/category",
    "categories/strategy",
    "categories/level",
    "categories/phase",
    "resources/resource",
    "resources/intervention",
    "accounts/user",
]


@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_admin_list_and_add_pages_render(admin_client, content, model):
    assert admin_client.get(f"/admin/{model}/").status_code == 200
    assert admin_client.get(f"/admin/{model}/add/").status_code == 200


@pytest.mark.parametrize("key", ["category", "strategy", "resource", "intervention", "level"])
def test_admin_change_pages_render_and_save_unchanged(admin_client, content, key):
    obj = content[key]
    url = f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"
    page = admin_client.get(url)
    assert page.status_code == 200
    response = admin_client.post(url, change_form_data(page))
    assert response.status_code == 302, _errors(response)


def test_editor_changes_child_statement_and_the_public_page_shows_it_once_published(client, editor, publisher, content):
    client.force_login(editor)
    strategy = content["strategy"]
    url = f"/admin/categories/strategy/{strategy.pk}/change/"
    page = client.get(url)
    new_statement = "I hear my new sounds in every lesson, so that I remember them."
    response = client.post(url, change_form_data(page, child_statement=new_statement), follow=True)
    assert "saved for a publisher to review" in response.content.decode()
    assert new_statement not in client.get(strategy.get_absolute_url()).content.decode()

    client.force_login(publisher)
    page = client.get(url).content.decode()
    assert "Changes waiting to be published" in page and "child statement" in page.lower()
    revision = Revision.objects.get()
    client.post(f"/admin/categories/strategy/{strategy.pk}/pending/{revision.pk}/publish/")
    client.logout()
    assert new_statement in client.get(strategy.get_absolute_url()).content.decode()


def test_admin_add_strategy_with_ordered_resources(admin_client, content):
    page = admin_client.get("/admin/categories/strategy/add/")
    data = change_form_data(
        page,
        title="Give thinking time",
        slug="give-thinking-time",
        teacher_statement="Wait ten seconds after asking.",
        child_statement="I get time to think, so that I can answer.",
        why="<p>Why</p><script>alert(1)</script>",
        how="<p>How</p>",
        level=content["level"].pk,
        categories=[content["category"].pk],
        tags="thinking time, processing",
        status=Status.PUBLISHED,
        **{
            "resource_links-TOTAL_FORMS": "1",
            "resource_links-INITIAL_FORMS": "0",
            "resource_links-0-resource": content["resource"].pk,
            "resource_links-0-order": "1",
            "intervention_links-TOTAL_FORMS": "0",
            "intervention_links-INITIAL_FORMS": "0",
        },
    )
    response = admin_client.post("/admin/categories/strategy/add/", data)
    assert response.status_code == 302, _errors(response)
    strategy = Strategy.objects.get(slug="give-thinking-time")
    assert strategy.why == "<p>Why</p>"
    assert [link.resource for link in strategy.resource_links.all()] == [content["resource"]]
    assert sorted(strategy.tags.names()) == ["processing", "thinking time"]


def test_moving_a_category_under_its_own_descendant_is_a_form_error(admin_client, content):
    parent = content["category"].parent
    url = f"/admin/categories/category/{parent.pk}/change/"
    page = admin_client.get(url)
    response = admin_client.post(url, change_form_data(page, parent=content["category"].pk))
    assert response.status_code == 200
    assert "cannot sit inside itself" in response.content.decode()
    parent.refresh_from_db()
    assert parent.parent_id is None


def test_rich_text_without_alt_text_is_refused_with_a_clear_message(admin_client, content):
    strategy = content["strategy"]
    url = f"/admin/categories/strategy/{strategy.pk}/change/"
    page = admin_client.get(url)
    response = admin_client.post(url, change_form_data(page, how='<p>x</p><img src="/media/editor-images/a.png">'))
    assert response.status_code == 200
    assert "alternative text" in response.content.decode()


def test_site_settings_is_a_singleton_with_no_add_or_delete(admin_client):
    response = admin_client.get("/admin/oap_directory/sitesettings/")
    assert response.status_code == 302 and response.url.endswith("/sitesettings/1/change/")
    assert admin_client.get("/admin/oap_directory/sitesettings/add/").status_code == 403
    assert SiteSettings.objects.count() == 1


def test_low_contrast_brand_colour_is_refused_showing_the_ratio(admin_client):
    url = "/admin/oap_directory/sitesettings/1/change/"
    SiteSettings.load()
    page = admin_client.get(url)
    response = admin_client.post(url, change_form_data(page, brand_colour="#ffdd00"))
    assert response.status_code == 200
    assert "contrast of 1." in response.content.decode()


def test_admin_header_uses_the_service_name(admin_client):
    site = SiteSettings.load()
    site.service_name = "Westford provision directory"
    site.save()
    assert "Westford provision directory" in admin_client.get("/admin/").content.decode()


def test_admin_is_staff_only(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_editor_image_upload_is_staff_only(client, editor):
    png = SimpleUploadedFile("x.png", _tiny_png(), content_type="image/png")
    assert client.post("/ckeditor5/image_upload/", {"upload": png}).status_code == 403
    client.force_login(editor)
    png.seek(0)
    response = client.post("/ckeditor5/image_upload/", {"upload": png})
    assert response.status_code == 200
    url = response.json()["url"]
    assert url.startswith("/media/editor-images/") and "x.png" not in url


def test_editors_cannot_add_categories_but_can_edit_their_text(client, editor, content):
    client.force_login(editor)
    assert client.get("/admin/categories/category/add/").status_code == 403
    assert client.get(f"/admin/categories/category/{content['category'].pk}/change/").status_code == 200
    assert Category.objects.count() == 2


def _tiny_png():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def _errors(response):
    if not response.context:
        return ""
    errors = [response.context["adminform"].form.errors]
    errors += [inline.formset.errors for inline in response.context["inline_admin_formsets"]]
    return errors
