from django.apps import AppConfig


class CategoriesConfig(AppConfig):
    name = "categories"
    verbose_name = "Categories and strategies"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from categories import history
        from categories.models import Strategy

        history.register_m2m(Strategy, "categories", "Categories")
        history.register_m2m(Strategy, "phases", "Phases", key="slug")
        history.register_tags(Strategy)
        history.register_describer(Strategy, "categories", _category_names)


def _category_names(uuids):
    from categories.models import Category

    names = dict(Category.objects.filter(uuid__in=uuids).values_list("uuid", "name"))
    return [names.get(_uuid(value), "(deleted category)") for value in uuids]


def _uuid(value):
    import uuid

    try:
        return uuid.UUID(value)
    except ValueError:
        return None
