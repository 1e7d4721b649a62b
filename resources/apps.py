from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Resources and interventions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from categories import history
        from categories.models import Strategy
        from resources.models import Intervention, Resource, StrategyIntervention, StrategyResource

        history.register_relation(
            Strategy, "resources", "Resources", *_ordered_links("resource_links", "resource", StrategyResource)
        )
        history.register_relation(
            Strategy,
            "interventions",
            "Interventions",
            *_ordered_links("intervention_links", "intervention", StrategyIntervention),
        )
        history.register_describer(Strategy, "resources", _titles(Resource))
        history.register_describer(Strategy, "interventions", _titles(Intervention))
        for model in (Intervention, Resource):
            history.register_m2m(model, "phases", "Phases", key="slug")
            history.register_tags(model)
        history.register_m2m(Intervention, "categories", "Categories")
        history.register_m2m(Intervention, "resources", "Resources")
        history.register_describer(Intervention, "resources", _titles(Resource))


def _ordered_links(related_name, target, link_model):
    """Getter and setter for a strategy's ordered links, stored as the targets' uuids in order."""

    def getter(strategy):
        links = getattr(strategy, related_name).select_related(target).order_by("order", "id")
        return [str(getattr(link, target).uuid) for link in links]

    def setter(strategy, uuids):
        target_model = link_model._meta.get_field(target).related_model
        found = {str(item.uuid): item for item in target_model.objects.filter(uuid__in=uuids)}
        getattr(strategy, related_name).all().delete()
        link_model.objects.bulk_create(
            link_model(strategy=strategy, order=order, **{target: found[value]})
            for order, value in enumerate(value for value in uuids if value in found)
        )
        return [value for value in uuids if value not in found]

    return getter, setter


def _titles(model):
    def describe(uuids):
        names = {
            str(uuid): str(item) for uuid, item in ((item.uuid, item) for item in model.objects.filter(uuid__in=uuids))
        }
        return [names.get(value, "(deleted)") for value in uuids]

    return describe
