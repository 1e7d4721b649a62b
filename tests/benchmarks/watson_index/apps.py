from django.apps import AppConfig


class WatsonIndexConfig(AppConfig):
    """Registers the same published content as our search with django-watson."""

    name = "tests.benchmarks.watson_index"
    label = "watson_index"

    def ready(self):
        from watson import search as watson

        from categories.models import Category, Strategy
        from resources.models import Intervention, Resource

        strategy_fields = (
            "title",
            "teacher_statement",
            "child_statement",
            "why",
            "how",
            "tags__name",
            "categories__name",
        )
        watson.register(Strategy.objects.published(), fields=strategy_fields, store=("slug",))
        watson.register(
            Intervention.objects.published(),
            fields=("name", "summary", "description", "tags__name", "categories__name"),
            store=("slug",),
        )
        watson.register(
            Resource.objects.published(), fields=("title", "summary", "provider", "tags__name"), store=("slug",)
        )
        watson.register(Category.objects.published(), fields=("name", "summary", "introduction"), store=("slug",))
