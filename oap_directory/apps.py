from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class OapDirectoryConfig(AppConfig):
    """The project package is also an app: site settings, search and static pages."""

    name = "oap_directory"
    verbose_name = "Site"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from oap_directory import page_cache, redirects
        from oap_directory.search import signals

        signals.connect()
        redirects.connect()
        page_cache.connect()


class OapAdminConfig(admin_apps.AdminConfig):
    """Django's admin, using our admin site (workload summary on its home page)."""

    default = False
    default_site = "oap_directory.admin_site.OapAdminSite"
