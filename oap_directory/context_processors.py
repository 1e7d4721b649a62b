from django.conf import settings as django_settings
from django.utils.functional import SimpleLazyObject

from oap_directory.models import SiteSettings


def site(request):
    """The council's settings and footer links for every template (read once per content version), and the
    site's own address (SITE_URL, never the Host header) for printed and shared links."""
    settings = getattr(request, "site", None) or SiteSettings.current()
    return {
        "site": settings,
        "footer_links": SimpleLazyObject(lambda: _footer_links(settings)),
        "site_url": django_settings.SITE_URL,
    }


def _footer_links(settings):
    links = getattr(settings, "footer_link_list", None)
    return links if links is not None else list(settings.footer_links.all())
