from django.db import migrations, models

# What a new site used to say before anyone had tested it.
UNTESTED_CLAIM = "This website is fully compliant with the Web Content Accessibility Guidelines version 2.2 AA standard."


def withdraw_untested_claim(apps, schema_editor):
    """A site that was never tested no longer claims full compliance: its statement says it is not yet tested."""
    SiteSettings = apps.get_model("oap_directory", "SiteSettings")
    SiteSettings.objects.filter(accessibility_compliance=UNTESTED_CLAIM, accessibility_tested_on=None).update(
        accessibility_compliance=""
    )


class Migration(migrations.Migration):
    dependencies = [
        ("oap_directory", "0016_search_domain_vocabulary"),
    ]

    operations = [
        migrations.AlterField(
            model_name="sitesettings",
            name="accessibility_compliance",
            field=models.TextField(
                blank=True,
                help_text="Once the site has been tested: “This website is fully compliant with the Web Content "
                "Accessibility Guidelines version 2.2 AA standard”, or partially or not compliant, and why.",
                verbose_name="compliance status",
            ),
        ),
        migrations.RunPython(withdraw_untested_claim, migrations.RunPython.noop),
    ]
