from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Resources and interventions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from resources import registration

        registration.register()
