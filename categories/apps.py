from django.apps import AppConfig


class CategoriesConfig(AppConfig):
    name = "categories"
    verbose_name = "Categories and strategies"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from categories import registration

        registration.register()
