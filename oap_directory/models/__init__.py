from oap_directory.models.site_settings import FooterLink, SiteSettings

__all__ = ["FooterLink", "SiteSettings"]
