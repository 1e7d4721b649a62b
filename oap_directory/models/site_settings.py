from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import FileExtensionValidator
from django.db import models

from categories.models import hex_colour
from oap_directory.branding import clean_svg, validate_logo
from oap_directory.colours import contrast_ratio

MINIMUM_CONTRAST = 4.5


class SiteSettings(models.Model):
    """This council's name, branding, vocabulary and legal pages. There is exactly one."""

    council_name = models.CharField(max_length=150, default="Your council")
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
    contact_phone = models.CharField(max_length=50, blank=True)
    contact_details = models.TextField(blank=True, help_text="Anything else people need to contact the SEND team.")
    footer_text = models.TextField(blank=True, help_text="A line or two shown in every page footer.")

    show_child_voice = models.BooleanField(
        default=True, help_text="Show the voice-of-the-child statement first on strategy lists and pages."
    )
    strategy_label_singular = models.CharField(max_length=50, default="strategy", help_text="e.g. strategy, provision.")
    strategy_label_plural = models.CharField(max_length=50, default="strategies")
    category_label_singular = models.CharField(max_length=50, default="category")
    category_label_plural = models.CharField(max_length=50, default="categories")
    review_period_months = models.PositiveSmallIntegerField(
        default=12, help_text="How long after publishing content is due for review."
    )

    accessibility_compliance = models.TextField(
        "compliance status",
        blank=True,
        default="This website is fully compliant with the Web Content Accessibility Guidelines version 2.2 AA standard.",
    )
    accessibility_known_issues = models.TextField(
        "non-accessible content", blank=True, help_text="Any content you know does not meet the standard, and why."
    )
    accessibility_contact = models.TextField(
        "reporting accessibility problems", blank=True, help_text="How to report a problem or ask for another format."
    )
    accessibility_tested_on = models.DateField("date the site was last tested", null=True, blank=True)
    accessibility_prepared_on = models.DateField("date the statement was prepared", null=True, blank=True)
    accessibility_reviewed_on = models.DateField("date the statement was last reviewed", null=True, blank=True)

    privacy_controller = models.CharField("data controller", max_length=200, blank=True)
    privacy_dpo_contact = models.TextField("data protection officer contact", blank=True)
    privacy_ico_number = models.CharField("ICO registration number", max_length=50, blank=True)
    privacy_retention = models.TextField("how long information is kept", blank=True)

    staff_2fa_required = models.BooleanField(
        "require two-factor authentication for staff",
        default=False,
        help_text="Staff must set up an authenticator app before they can use the admin.",
    )

    content_version = models.PositiveIntegerField(default=1, editable=False)

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
        super().save(*args, **kwargs)

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
        settings, _ = cls.objects.get_or_create(pk=1)
        return settings


class FooterLink(models.Model):
    """An extra link in every page's footer, e.g. the council's Local Offer."""

    site_settings = models.ForeignKey(SiteSettings, on_delete=models.CASCADE, related_name="footer_links")
    text = models.CharField(max_length=100)
    url = models.URLField("web address")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.text
