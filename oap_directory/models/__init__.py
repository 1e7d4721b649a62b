from oap_directory.models.glossary import GlossaryTerm
from oap_directory.models.imports import ImportedItem, ImportRecord
from oap_directory.models.open_data import ApiRequestCount, RemovedItem
from oap_directory.models.redirects import SlugRedirect
from oap_directory.models.revisions import Revision
from oap_directory.models.search import SearchDocument, SearchLog, SearchTerm, Synonym
from oap_directory.models.site_settings import FooterLink, SiteSettings

__all__ = [
    "ApiRequestCount",
    "FooterLink",
    "GlossaryTerm",
    "ImportedItem",
    "ImportRecord",
    "RemovedItem",
    "Revision",
    "SearchDocument",
    "SearchLog",
    "SearchTerm",
    "SiteSettings",
    "SlugRedirect",
    "Synonym",
]
