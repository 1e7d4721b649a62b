"""Load the starter content in fixtures/starter/.

Items are matched by slug. By default only missing items are created, so
running `make run` again never overwrites what editors have changed; `--update`
rewrites the starter items from the files.
"""

import json
import shutil
import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from categories.content import Status
from categories.history import record_version
from categories.identities import standard_identity
from categories.models import Category, Level, Phase, Strategy
from finder.models import CheckPrompt, DiagnosticTerm, Observation, ObservationLink, Signpost
from oap_directory.models import FooterLink, GlossaryTerm, SiteSettings
from oap_directory.page_cache import one_content_version_bump
from resources.models import Intervention, Resource, StaffRole, StrategyIntervention, StrategyResource
from selfreview.starter import load_framework

STARTER_DIR = settings.BASE_DIR / "fixtures" / "starter"
STARTER_NAMESPACE = uuid.UUID("5f0b7f9e-3c1d-4d8a-9a4e-2b6c1e7d8a31")


def starter_identity(model, slug):
    """The identity (uuid) a starter item is created with, the same in every council's directory, so that two
    councils who both began from the starter content exchange content packs without "address already used"
    refusals: uuid5 of STARTER_NAMESPACE and "<type>/<slug>". If an item already holds it, a random one."""
    identity = uuid.uuid5(STARTER_NAMESPACE, f"{model._meta.model_name}/{slug}")
    return uuid.uuid4() if model.objects.filter(uuid=identity).exists() else identity


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
        if obj is None:
            obj = model(slug=slug)
            if hasattr(obj, "uuid") and "uuid" not in fields:
                obj.uuid = starter_identity(model, slug)
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
    @one_content_version_bump()
    def load(self, site_settings=True):
        """Everything: site settings (unless told not to), levels, phases, glossary, categories, resources,
        interventions, strategies."""
        if site_settings:
            self.load_site(self._read("site.json"))
        self.load_levels_and_phases()
        self.load_glossary()
        self.load_categories()
        self.resources = {row["slug"]: self.load_resource(row) for row in self._read("resources.json")}
        self.load_staff_roles()
        self.interventions = {row["slug"]: self.load_intervention(row) for row in self._read("interventions.json")}
        links = self._read("links.json") if (self.directory / "links.json").exists() else {}
        for path in sorted((self.directory / "strategies").glob("*.json")):
            for row in json.loads(path.read_text(encoding="utf-8")):
                self.load_strategy(row, links.get(row["slug"], {}))
        self.load_self_evaluation()
        if (self.directory / "finder.json").exists():
            self.load_finder(self._read("finder.json"))
        self.copy_media()
        self.record_versions()
        return self.created

    def load_self_evaluation(self):
        if (self.directory / "self-evaluation.json").exists():
            statements = load_framework(self._read("self-evaluation.json"))
            if statements:
                self.created["self-evaluation statements"] = statements

    def load_levels_and_phases(self):
        site = self._read("site.json")
        self.levels = {
            row["slug"]: self._upsert(Level, row["slug"], _without(row, "slug"))[0] for row in site["levels"]
        }
        self.phases = {
            row["slug"]: self._upsert(Phase, row["slug"], _without(row, "slug"))[0] for row in site["phases"]
        }

    def load_glossary(self):
        for row in self._read("glossary.json"):
            self._upsert(GlossaryTerm, row["slug"], _without(row, "slug"))

    def load_categories(self, only=None):
        """The category tree, or just the categories whose slugs are in `only` (parents first)."""
        self.categories = {}
        for row in self._read("categories.json"):
            if only is not None and row["slug"] not in only:
                continue
            fields = _without(row, "slug", "parent")
            fields["parent"] = self.categories.get(row["parent"]) if row["parent"] else None
            if not Category.objects.filter(slug=row["slug"]).exists():
                fields["uuid"] = standard_identity(row["slug"])
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

    def load_staff_roles(self):
        """Staff roles and their rates for costing (matched by slug: one period each in the starter content)."""
        self.staff_roles = {}
        if (self.directory / "staff-roles.json").exists():
            for row in self._read("staff-roles.json"):
                fields = _without(row, "slug") | {
                    "hourly_rate": Decimal(row["hourly_rate"]),
                    "on_cost_percent": Decimal(row["on_cost_percent"]),
                    "valid_from": date.fromisoformat(row["valid_from"]),
                }
                self.staff_roles[row["slug"]] = self._upsert(StaffRole, row["slug"], fields)[0]

    def load_intervention(self, row):
        fields = _without(row, "slug", "phases", "tags", "categories", "resources", "level")
        fields["level"] = self.levels[row["level"]]
        cost = row.get("cost_per_pupil_per_year")
        fields["cost_per_pupil_per_year"] = Decimal(cost) if cost else None
        if row.get("staff_role"):
            fields["staff_role"] = self.staff_roles[row["staff_role"]]
            for name in ("sessions_per_week", "weeks", "resource_cost_per_pupil"):
                fields[name] = Decimal(row[name]) if row.get(name) else None
            fields["resource_cost_per_pupil"] = fields["resource_cost_per_pupil"] or Decimal("0")
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

    def load_finder(self, finder):
        """The needs finder: observations with their links, then check prompts, signposts and diagnostic terms."""
        targets = {
            "strategy": {item.slug: item for item in Strategy.objects.all()},
            "intervention": self.interventions,
            "resource": self.resources,
        }
        for row in finder["observations"]:
            self.load_observation(row, targets)
        prompted = set(CheckPrompt.objects.values_list("area__slug", flat=True))
        for order, row in enumerate(finder["check_prompts"]):
            if self.update or row["area"] not in prompted:
                area = self.categories[row["area"]]
                CheckPrompt.objects.update_or_create(area=area, text=row["text"], defaults={"order": order})
        for row in finder["signposts"]:
            defaults = {"message": row["message"], "threshold": row["threshold"]}
            if self.update:
                Signpost.objects.update_or_create(area=self.categories[row["area"]], defaults=defaults)
            else:
                Signpost.objects.get_or_create(area=self.categories[row["area"]], defaults=defaults)
        for row in finder["diagnostic_terms"]:
            DiagnosticTerm.objects.get_or_create(term=row["term"], defaults={"instead": row["instead"]})

    def load_observation(self, row, targets):
        """Saved as a draft, linked, then published: an observation is published only with a published link."""
        fields = _without(row, "slug", "area", "sub_area", "phases", "synonyms", "links", "status")
        fields |= {"area": self.categories[row["area"]], "sub_area": self.categories[row["sub_area"]]}
        fields |= {"synonyms": "\n".join(row["synonyms"]), "status": Status.DRAFT}
        observation, changed = self._upsert(Observation, row["slug"], fields)
        if not changed:
            return observation
        observation.phases.set([self.phases[slug] for slug in row["phases"]])
        observation.links.all().delete()
        ObservationLink.objects.bulk_create(self._observation_link(observation, link, targets) for link in row["links"])
        if row["status"] != Status.DRAFT:
            observation.status = row["status"]
            observation.save()
        return observation

    @staticmethod
    def _observation_link(observation, link, targets):
        kind = next(name for name in targets if name in link)
        target = targets[kind][link[kind]]
        return ObservationLink(observation=observation, weight=link["weight"], why=link["why"], **{kind: target})

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
