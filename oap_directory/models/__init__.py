from oap_directory.models.imports import ImportRecord
from oap_directory.models.redirects import SlugRedirect
from oap_directory.models.revisions import Revision
from oap_directory.models.search import SearchDocument, SearchLog, SearchTerm, Synonym
from oap_directory.models.site_settings import FooterLink, SiteSettings

__all__ = [
    "FooterLink",
    "ImportRecord",
    "Revision",
    "SearchDocument",
    "SearchLog",
    "SearchTerm",
    "SiteSettings",
    "SlugRedirect",
    "Synonym",
]
