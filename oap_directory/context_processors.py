from django.utils.functional import SimpleLazyObject

from oap_directory.models import SiteSettings


def site(request):
    """The council's settings and footer links for every template."""
    settings = getattr(request, "site", None) or SiteSettings.load()
    return {"site": settings, "footer_links": SimpleLazyObject(lambda: list(settings.footer_links.all()))}
