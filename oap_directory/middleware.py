from django.utils.functional import SimpleLazyObject

from oap_directory.models import SiteSettings


class SiteSettingsMiddleware:
    """Makes this council's settings available as `request.site`, loaded at most once per request.

    Content apps read vocabulary from `request.site` without importing site-wide code.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.site = SimpleLazyObject(SiteSettings.load)
        return self.get_response(request)
