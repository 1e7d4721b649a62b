from datetime import UTC, datetime
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils import timezone

from categories.models import hex_colour
from oap_directory.branding import clean_svg, validate_logo
from oap_directory.colours import contrast_ratio
from oap_directory.database import first_row

MINIMUM_CONTRAST = 4.5
# What a council fills in before its accessibility statement is complete (the admin home reminds it until then).
ACCESSIBILITY_STATEMENT_REQUIRED = ["accessibility_compliance", "accessibility_tested_on", "accessibility_prepared_on"]


class ContentState(NamedTuple):
    """Which version of the content the public pages show, and when it last changed."""

    version: int
    changed_at: object  # an aware datetime


_current = {}  # per process: {"entry": (ContentState, SiteSettings)}, replaced when the content state changes


class SiteSettings(models.Model):
    """This council's name, branding, vocabulary and legal pages. There is exactly one."""

    council_name = models.CharField(
        max_length=150, default="Your council", help_text="Shown in the header (without a logo) and the footer."
    )
    council_website_url = models.URLField("council website", blank=True, help_text="Linked from the footer.")
    service_name = models.CharField(
        max_length=150, default="Ordinarily available provision", help_text="Shown in the header and page titles."
    )
    logo = models.FileField(
        upload_to="branding/",
        blank=True,
        validators=[validate_logo],
        help_text="Shown in the header on the brand colour: SVG, or a PNG about 80 pixels high. "
        "Use a version that reads well on the brand colour (often white).",
    )
    favicon = models.ImageField(
        upload_to="branding/",
        blank=True,
        validators=[FileExtensionValidator(["png", "ico"])],
        help_text="A square PNG.",
    )
    brand_colour = models.CharField(
        max_length=7,
        default="#1d70b8",
        validators=[hex_colour],
        help_text="Header background. White text on it must have a contrast of at least 4.5:1.",
    )
    link_colour = models.CharField(
        max_length=7,
        default="#1d70b8",
        validators=[hex_colour],
        help_text="Links on white. Must have a contrast of at least 4.5:1 with white.",
    )
    contact_email = models.EmailField(blank=True, help_text="Where teachers send questions about the content.")
    contact_phone = models.CharField(max_length=50, blank=True, help_text="Shown on the contact page.")
    contact_details = models.TextField(blank=True, help_text="Anything else people need to contact the SEND team.")
    footer_text = models.TextField(blank=True, help_text="A line or two shown in every page footer.")

    show_child_voice = models.BooleanField(
        default=True, help_text="Show the voice-of-the-child statement first on strategy lists and pages."
    )
    strategy_label_singular = models.CharField(max_length=50, default="strategy", help_text="e.g. strategy, provision.")
    strategy_label_plural = models.CharField(
        max_length=50, default="strategies", help_text="e.g. strategies, provision. Used in headings and navigation."
    )
    category_label_singular = models.CharField(max_length=50, default="category", help_text="e.g. category, area.")
    category_label_plural = models.CharField(max_length=50, default="categories", help_text="e.g. categories, areas.")
    review_period_months = models.PositiveSmallIntegerField(
        default=12, help_text="How long after publishing content is due for review."
    )

    accessibility_compliance = models.TextField(
        "compliance status",
        blank=True,
        help_text="Once the site has been tested: “This website is fully compliant with the Web Content "
        "Accessibility Guidelines version 2.2 AA standard”, or partially or not compliant, and why.",
    )
    accessibility_known_issues = models.TextField(
        "non-accessible content", blank=True, help_text="Any content you know does not meet the standard, and why."
    )
    accessibility_contact = models.TextField(
        "reporting accessibility problems", blank=True, help_text="How to report a problem or ask for another format."
    )
    accessibility_tested_on = models.DateField(
        "date the site was last tested", null=True, blank=True, help_text="Shown on the accessibility statement."
    )
    accessibility_prepared_on = models.DateField(
        "date the statement was prepared", null=True, blank=True, help_text="Shown on the accessibility statement."
    )
    accessibility_reviewed_on = models.DateField(
        "date the statement was last reviewed", null=True, blank=True, help_text="Review it at least once a year."
    )

    privacy_controller = models.CharField(
        "data controller",
        max_length=200,
        blank=True,
        help_text="Usually the council, e.g. “Exampleshire County Council”.",
    )
    privacy_dpo_contact = models.TextField(
        "data protection officer contact", blank=True, help_text="How to reach the council's data protection officer."
    )
    privacy_ico_number = models.CharField(
        "ICO registration number", max_length=50, blank=True, help_text="From the ICO's register of fee payers."
    )
    privacy_retention = models.TextField(
        "how long information is kept", blank=True, help_text="Shown on the privacy notice."
    )

    content_licence = models.CharField(
        max_length=200,
        default="Open Government Licence v3.0",
        help_text="The licence others may reuse this content under: shown in the footer, on the Open data page "
        "and in the API.",
    )
    content_licence_url = models.URLField(
        "content licence web address",
        default="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        help_text="Where the licence's full text is.",
    )

    staff_2fa_required = models.BooleanField(
        "require two-factor authentication for staff",
        default=False,
        help_text="Staff must set up an authenticator app before they can use the admin.",
    )

    content_version = models.PositiveIntegerField(default=1, editable=False)
    content_changed_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"

    def __str__(self):
        return f"Site settings for {self.council_name}"

    def save(self, *args, **kwargs):
        self.pk = 1
        if self.logo and not self.logo._committed and self.logo.name.lower().endswith(".svg"):
            self.logo.seek(0)
            self.logo = ContentFile(clean_svg(self.logo.read()), name=self.logo.name)
        if SiteSettings.objects.filter(pk=1).exists():
            self.content_version += 1
            self.content_changed_at = timezone.now()
        super().save(*args, **kwargs)

    def accessibility_statement_gaps(self):
        """The fields a council still has to fill in for its accessibility statement to be complete, as
        (field name, label) pairs: the statement is complete once it has a compliance status, the date the
        site was last tested and the date the statement was prepared."""
        return [
            (name, self._meta.get_field(name).verbose_name.capitalize())
            for name in ACCESSIBILITY_STATEMENT_REQUIRED
            if not getattr(self, name)
        ]

    def clean(self):
        super().clean()
        errors = {}
        for field, background, foreground, what in [
            ("brand_colour", self.brand_colour, "#ffffff", "White header text on this colour"),
            ("link_colour", "#ffffff", self.link_colour, "Links in this colour on white"),
        ]:
            try:
                ratio = contrast_ratio(background, foreground)
            except ValueError:
                continue
            if ratio < MINIMUM_CONTRAST:
                errors[field] = (
                    f"{what} would have a contrast of {ratio:.2f}:1; it must be at least 4.5:1. Choose a darker colour."
                )
        if errors:
            raise ValidationError(errors)

    @classmethod
    def load(cls):
        """The settings, fresh from the database (for editing); pages use `current()`."""
        settings, _ = cls.objects.get_or_create(pk=1)
        return settings

    @classmethod
    def content_state(cls):
        """The content version and when it changed: one small query, made by every public page request.

        Plain SQL, as the ORM would take longer to build the query than the database takes to answer it."""
        table, version, changed = cls._meta.db_table, "content_version", "content_changed_at"
        row = first_row(f'SELECT "{version}", "{changed}" FROM "{table}" WHERE "id" = 1')  # noqa: S608 - constants
        if row is None:
            site = cls.load()
            return site.state
        version, changed_at = row
        if isinstance(changed_at, str):
            changed_at = datetime.fromisoformat(changed_at)
        if changed_at.tzinfo is None:  # SQLite keeps UTC without saying so
            changed_at = changed_at.replace(tzinfo=UTC)
        return ContentState(version, changed_at)

    @classmethod
    def current(cls, state=None):
        """The settings for showing pages, read from the database once per content version in each process.

        Every change to the settings (or to any content) bumps the version, so a stale copy is never used. Treat
        the object as read-only: it is shared by the requests this process serves.
        """
        state = state or cls.content_state()
        entry = _current.get("entry")
        if entry is None or entry[0] != state:
            site = cls.load()
            site.footer_link_list = list(site.footer_links.all())
            entry = (ContentState(site.content_version, site.content_changed_at), site)
            _current["entry"] = entry
        return entry[1]

    @property
    def state(self):
        return ContentState(self.content_version, self.content_changed_at)


class FooterLink(models.Model):
    """An extra link in every page's footer, e.g. the council's Local Offer."""

    site_settings = models.ForeignKey(SiteSettings, on_delete=models.CASCADE, related_name="footer_links")
    text = models.CharField(max_length=100, help_text="The link's words, e.g. “Local Offer”.")
    url = models.URLField("web address", help_text="The full address, starting https://.")
    order = models.PositiveIntegerField(default=0, help_text="Lower numbers come first.")

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.text
