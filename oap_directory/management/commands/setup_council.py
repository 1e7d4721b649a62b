import secrets

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import User
from accounts.roles import SITE_MANAGER, sync_roles
from categories.models import Category
from oap_directory import search
from oap_directory.models import SiteSettings
from oap_directory.starter_content import StarterContentLoader

CONTENT_CHOICES = {
    "empty": "an empty category tree (levels of support and phases only)",
    "areas": "the four broad areas of need, ready for your own sub-areas and strategies",
    "starter": "the full starter content of the fictional Northbrook Council, to adapt",
}


class Command(BaseCommand):
    help = "Set up a new council's directory: its name, contact, first site manager and starting content."

    def add_arguments(self, parser):
        parser.add_argument("--council-name", help="e.g. Exampleshire County Council")
        parser.add_argument("--service-name", help="e.g. Exampleshire Ordinarily Available Provision")
        parser.add_argument("--council-website", default="", help="The council's main website, linked in the footer")
        parser.add_argument("--contact-email", help="Where teachers send questions about the content")
        parser.add_argument("--manager-email", help="The first site manager's email address (they sign in with it)")
        parser.add_argument(
            "--manager-password", help="Their password; a strong one is made up and printed if not given"
        )
        parser.add_argument("--brand-colour", default="#1d70b8", help="Header colour, e.g. #4c2c92")
        parser.add_argument("--link-colour", default="", help="Link colour (defaults to the brand colour)")
        parser.add_argument(
            "--content",
            choices=CONTENT_CHOICES,
            help="Starting content: " + "; ".join(f"{k} = {v}" for k, v in CONTENT_CHOICES.items()),
        )
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive", help="Never prompt")

    def handle(self, *args, interactive=True, **options):
        site = SiteSettings.load()
        if site.council_name != SiteSettings._meta.get_field("council_name").default or Category.objects.exists():
            raise CommandError(
                f"This site is already set up (for “{site.council_name}”). setup_council only sets up a new, empty "
                "site: change settings in the admin, or use a new database for another council."
            )
        values = self._collect(options, interactive)
        site.council_name = values["council_name"]
        site.service_name = values["service_name"]
        site.council_website_url = values["council_website"]
        site.contact_email = values["contact_email"]
        site.brand_colour = values["brand_colour"].lower()
        site.link_colour = (values["link_colour"] or values["brand_colour"]).lower()
        try:
            site.full_clean()
        except ValidationError as error:
            raise CommandError(
                " ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
            ) from None
        if User.objects.filter(email__iexact=values["manager_email"]).exists():
            raise CommandError(f"An account for {values['manager_email']} already exists.")
        password = values["manager_password"] or secrets.token_urlsafe(12)
        with transaction.atomic():
            self._load_content(values["content"])
            site.save()
            sync_roles()
            manager = User.objects.create_user(email=values["manager_email"], password=password, is_staff=True)
            manager.groups.add(Group.objects.get(name=SITE_MANAGER))
        search.rebuild()
        self.stdout.write(self.style.SUCCESS(f"{site.service_name} is set up for {site.council_name}."))
        self.stdout.write(f"Starting content: {CONTENT_CHOICES[values['content']]}.")
        self.stdout.write(
            f"Site manager: {manager.email}"
            + ("" if values["manager_password"] else f"  password: {password}  (change it after signing in)")
        )

    def _collect(self, options, interactive):
        questions = [
            ("council_name", "Council name", None),
            ("service_name", "Service name", lambda v: f"{v['council_name'].replace(' County Council', '').replace(' Council', '')} Ordinarily Available Provision"),
            ("contact_email", "Contact email for the SEND team", None),
            ("manager_email", "First site manager's email", None),
            ("content", f"Starting content ({'/'.join(CONTENT_CHOICES)})", lambda v: "areas"),
        ]  # fmt: skip
        values = {
            key: options.get(key) for key in ["council_website", "manager_password", "brand_colour", "link_colour"]
        }
        for key, label, default in questions:
            value = options.get(key)
            suggestion = default(values) if default else None
            if not value and interactive:
                prompt = f"{label}{f' [{suggestion}]' if suggestion else ''}: "
                value = input(prompt).strip() or suggestion
            value = value or suggestion
            if not value:
                raise CommandError(f"--{key.replace('_', '-')} is needed ({label.lower()}).")
            values[key] = value
        if values["content"] not in CONTENT_CHOICES:
            raise CommandError(f"Starting content must be one of: {', '.join(CONTENT_CHOICES)}.")
        return values

    def _load_content(self, content):
        loader = StarterContentLoader()
        if content == "starter":
            loader.load(site_settings=False)  # keep this council's own settings
            return
        loader.load_levels_and_phases()
        if content == "areas":
            loader.load_categories(only=loader.areas_of_need())
        loader.record_versions()
