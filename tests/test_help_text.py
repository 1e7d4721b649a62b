"""Every field an editor sees has plain-English help text: the admin is the CMS, and SEND specialists use it."""

import pytest
from django.apps import apps

from oap_directory.models import FooterLink, SiteSettings

EDITOR_FACING = [
    *(model for model in apps.get_app_config("categories").get_models() if not model.__name__.startswith("Historical")),
    *(model for model in apps.get_app_config("resources").get_models() if not model.__name__.startswith("Historical")),
    SiteSettings,
    FooterLink,
]
NOT_SHOWN = {("FooterLink", "site_settings"), ("StrategyResource", "strategy"), ("StrategyIntervention", "strategy")}


@pytest.mark.parametrize("model", EDITOR_FACING, ids=lambda model: model.__name__)
def test_every_field_an_editor_sees_has_help_text(model):
    fields = [
        field
        for field in model._meta.get_fields()
        if getattr(field, "concrete", False) and not field.auto_created and field.editable
    ]
    missing = [f.name for f in fields if not f.help_text and (model.__name__, f.name) not in NOT_SHOWN]
    assert missing == []
