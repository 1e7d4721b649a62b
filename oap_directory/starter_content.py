"""Load the starter content in fixtures/starter/.

Items are matched by slug. By default only missing items are created, so
running `make run` again never overwrites what editors have changed; `--update`
rewrites the starter items from the files.
"""

import json
import shutil
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from categories.history import record_version
from categories.models import Category, Level, Phase, Strategy
from oap_directory.models import FooterLink, SiteSettings
from resources.models import Intervention, Resource, StrategyIntervention, StrategyResource

STARTER_DIR = settings.BASE_DIR / "fixtures" / "starter"


class StarterContentLoader:
    def __init__(self, update=False, directory=STARTER_DIR):
        self.update = update
        self.directory = Path(directory)
        self.created = {}
        self.changed = []

    def _upsert(self, model, slug, fields):
        obj = model.objects.filter(slug=slug).first()
        if obj is not None and not self.update:
            return obj, False
        obj = obj or model(slug=slug)
        for name, value in fields.items():
            setattr(obj, name, value)
        if hasattr(model, "history"):
            obj.skip_history_when_saving = True  # recorded once its relations are set (record_versions)
            self.changed.append(obj)
        obj.save()
        self.created[model._meta.verbose_name_plural] = self.created.get(model._meta.verbose_name_plural, 0) + 1
        return obj, True

    def _read(self, name):
        return json.loads((self.directory / name).read_text(encoding="utf-8"))

    @transaction.atomic
    def load(self, site_settings=True):
        """Everything: site settings (unless told not to), levels, phases, categories, resources, interventions,
        strategies."""
        if site_settings:
            self.load_site(self._read("site.json"))
        self.load_levels_and_phases()
        self.load_categories()
        self.resources = {row["slug"]: self.load_resource(row) for row in self._read("resources.json")}
        self.interventions = {row["slug"]: self.load_intervention(row) for row in self._read("interventions.json")}
        links = self._read("links.json") if (self.directory / "links.json").exists() else {}
        for path in sorted((self.directory / "strategies").glob("*.json")):
            for row in json.loads(path.read_text(encoding="utf-8")):
                self.load_strategy(row, links.get(row["slug"], {}))
        self.copy_media()
        self.record_versions()
        return self.created

    def load_levels_and_phases(self):
        site = self._read("site.json")
        self.levels = {
            row["slug"]: self._upsert(Level, row["slug"], _without(row, "slug"))[0] for row in site["levels"]
        }
        self.phases = {
            row["slug"]: self._upsert(Phase, row["slug"], _without(row, "slug"))[0] for row in site["phases"]
        }

    def load_categories(self, only=None):
        """The category tree, or just the categories whose slugs are in `only` (parents first)."""
        self.categories = {}
        for row in self._read("categories.json"):
            if only is not None and row["slug"] not in only:
                continue
            fields = _without(row, "slug", "parent")
            fields["parent"] = self.categories.get(row["parent"]) if row["parent"] else None
            self.categories[row["slug"]] = self._upsert(Category, row["slug"], fields)[0]

    def areas_of_need(self):
        """The four broad areas of need and the framework above them: a starting tree for a new council."""
        rows = self._read("categories.json")
        return {row["slug"] for row in rows if row["slug"] == "areas-of-need" or row["parent"] == "areas-of-need"}

    def load_site(self, site):
        settings_obj = SiteSettings.load()
        if self.update or settings_obj.council_name == SiteSettings._meta.get_field("council_name").default:
            for name, value in site["site_settings"].items():
                setattr(settings_obj, name, value)
            settings_obj.save()
            settings_obj.footer_links.all().delete()
            for order, link in enumerate(site["footer_links"]):
                FooterLink.objects.create(site_settings=settings_obj, order=order, **link)
            self.created["site settings"] = 1

    def load_resource(self, row):
        resource, changed = self._upsert(Resource, row["slug"], _without(row, "slug", "phases", "tags"))
        if changed:
            resource.phases.set([self.phases[slug] for slug in row["phases"]])
            resource.tags.set(row["tags"])
        return resource

    def load_intervention(self, row):
        fields = _without(row, "slug", "phases", "tags", "categories", "resources", "level")
        fields["level"] = self.levels[row["level"]]
        cost = row.get("cost_per_pupil_per_year")
        fields["cost_per_pupil_per_year"] = Decimal(cost) if cost else None
        intervention, changed = self._upsert(Intervention, row["slug"], fields)
        if changed:
            intervention.phases.set([self.phases[slug] for slug in row["phases"]])
            intervention.categories.set([self.categories[slug] for slug in row["categories"]])
            intervention.resources.set([self.resources[slug] for slug in row["resources"]])
            intervention.tags.set(row["tags"])
        return intervention

    def load_strategy(self, row, links):
        fields = _without(row, "slug", "phases", "tags", "categories", "level")
        fields["level"] = self.levels[row["level"]]
        strategy, changed = self._upsert(Strategy, row["slug"], fields)
        if not changed:
            return strategy
        strategy.phases.set([self.phases[slug] for slug in row["phases"]])
        strategy.categories.set([self.categories[slug] for slug in row["categories"]])
        strategy.tags.set(row["tags"])
        strategy.resource_links.all().delete()
        strategy.intervention_links.all().delete()
        StrategyResource.objects.bulk_create(
            StrategyResource(strategy=strategy, resource=self.resources[slug], order=order)
            for order, slug in enumerate(links.get("resources", []))
        )
        StrategyIntervention.objects.bulk_create(
            StrategyIntervention(strategy=strategy, intervention=self.interventions[slug], order=order)
            for order, slug in enumerate(links.get("interventions", []))
        )
        return strategy

    def record_versions(self):
        """One history version per loaded item, with its relations."""
        for obj in self.changed:
            del obj.skip_history_when_saving
            record_version(obj, None, "Starter content")

    def copy_media(self):
        source = self.directory / "media"
        if source.is_dir():
            shutil.copytree(source, settings.MEDIA_ROOT, dirs_exist_ok=True)


def _without(row, *names):
    return {key: value for key, value in row.items() if key not in names}
