from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class OapDirectoryConfig(AppConfig):
    """The project package is also an app: site settings, search and static pages."""

    name = "oap_directory"
    verbose_name = "Site"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from taggit.models import Tag, TaggedItem

        from categories import admin as content_admin
        from categories import spreadsheets, workflow
        from feedback import redaction
        from oap_directory import content_types, notifications, page_cache, redirects, revisions
        from oap_directory.api import changes as open_data_changes
        from oap_directory.models import FooterLink, GlossaryTerm, Synonym
        from oap_directory.search import signals

        # Saves on published items by people who may not publish become pending changes (DESIGN.md, Workflow).
        content_admin.use_pending_changes(revisions)
        workflow.on_transition(notifications.on_transition)
        spreadsheets.use_bulk_load(page_cache.one_content_version_bump)
        # Synonyms change what search finds; search reads them once per content version.
        content_types.register_shown(Tag, TaggedItem, FooterLink, GlossaryTerm, Synonym)
        signals.connect()
        redirects.connect()
        page_cache.connect()
        open_data_changes.connect()
        # Feedback keeps the site's own words when it redacts people's names, as search logs do.
        redaction.use_vocabulary(_words_the_content_uses)


def _words_the_content_uses(words):
    from oap_directory.models import SearchTerm

    return set(SearchTerm.objects.filter(word__in=words).values_list("word", flat=True))


class OapAdminConfig(admin_apps.AdminConfig):
    """Django's admin, using our admin site (workload summary on its home page)."""

    default = False
    default_site = "oap_directory.admin_site.OapAdminSite"
