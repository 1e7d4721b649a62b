from django.apps import AppConfig


class OapDirectoryConfig(AppConfig):
    """The project package is also an app: site settings, search and static pages."""

    name = "oap_directory"
    verbose_name = "Site"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from oap_directory.search import signals

        signals.connect()
